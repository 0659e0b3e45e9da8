"""Lead imports (doc 6.2, 7.1): CSV/XLSX parsed at upload, a job that creates the leads 5 s later."""

import io

import pytest

from tests.vendors.lio.conftest import V1, error_of

HEADER = ["first_name", "last_name", "email", "company", "priority", "estimated_value", "unknown_col"]
ROWS = [
    ["Ima", "Porter", "ima.porter@import.example", "Importco", "High", "1200", "x"],
    ["Dup", "Inside", "ima.porter@import.example", "", "2", "", ""],          # earlier in the file
    ["X", "Short", "short@import.example", "", "", "", ""],                  # name too short → failed
    ["Bad", "Email", "not-an-email", "", "", "", ""],                        # failed
    ["Pri", "Ority", "pri@import.example", "", "9", "", ""],                 # bad priority → failed
]


def csv_bytes(header=HEADER, rows=ROWS):
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def xlsx_bytes(header=HEADER, rows=ROWS):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(lio, data, name, **kwargs):
    return lio.post("/lead/lead-imports", data={"file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data", **kwargs)


def job_in_list(lio, job_id):
    jobs = lio.data(lio.get("/import-job/list", query_string={"limit": 100}))
    return next(j for j in jobs if j["id"] == job_id)


@pytest.mark.parametrize("make,name", [(csv_bytes, "leads.csv"), (xlsx_bytes, "leads.xlsx")])
def test_import_end_to_end(lio, client, app, make, name):
    existing = lio.data(lio.get("/lead/list", query_string={"order_by": "id", "order_in": "ASC"}))[0]
    rows = [*ROWS, ["Was", "There", existing["email"], "", "", "", ""]]       # duplicate of the org's lead
    job = lio.data(upload(lio, make(rows=rows), name), 202)
    assert job["type"] == "lead_import" and job["status"] == "queued" and job["file_name"] == name
    client.post("/__admin/clock/advance", json={"seconds": 1})
    assert job_in_list(lio, job["id"])["status"] == "processing"
    assert lio.get("/lead/list", query_string={"search_value": "ima.porter@import"}).get_json()["total"] == 0
    client.post("/__admin/clock/advance", json={"seconds": 5})
    done = job_in_list(lio, job["id"])
    assert done["status"] == "completed"
    assert done["result"] == {"total": 6, "created": 1, "duplicate": 2, "failed": 3}
    lead = lio.data(lio.get("/lead/list", query_string={"search_value": "ima.porter@import"}))
    assert len(lead) == 1 and lead[0]["priority"] == 3 and lead[0]["estimated_value"] == 1200
    assert lead[0]["company"] == "Importco"
    assert lio.get("/lead/list", as_="globex", query_string={"search_value": "ima.porter"}).get_json()["total"] == 0
    with app.app_context():
        from app.core import db
        row = db.conn().execute("SELECT type, user_id, org_id FROM lio_notifications ORDER BY id DESC LIMIT 1"
                                ).fetchone()
    assert tuple(row) == ("import_done", 142, "org_acme")


def test_import_job_is_not_visible_to_another_org(lio):
    job = lio.data(upload(lio, csv_bytes(), "a.csv", prefix=V1), 202)
    jobs = lio.data(lio.get("/import-job/list", as_="globex", query_string={"limit": 100}))
    assert job["id"] not in [j["id"] for j in jobs]


@pytest.mark.parametrize("data,name", [
    (b"", "empty.csv"),
    (b"\x00\x01binary\xff\xfe", "x.csv"),
    (b"%PDF-1.4 hello", "x.pdf"),
    (b"PK\x03\x04garbage", "x.xlsx"),
    (b"\n\n  \n", "blank.csv"),
    (b"first_name\n" + b"Anna\n" * 10_001, "big.csv"),
])
def test_bad_files_are_422_naming_file(lio, data, name):
    assert "file" in error_of(upload(lio, data, name), 422, "validation_error")["fields"]


def test_import_without_file_is_422_and_without_token_401(lio):
    assert "file" in error_of(lio.post("/lead/lead-imports", data={}, content_type="multipart/form-data"),
                              422, "validation_error")["fields"]
    assert upload(lio, csv_bytes(), "a.csv", as_=None).status_code == 401
