"""Uploads and attachments: storage-file/add, file/attach, file/list."""

import io

import pytest

from tests.vendors.lio.conftest import V1, error_of


def _first(lio, path, as_="acme"):
    return lio.data(lio.get(path, as_=as_))[0]["id"]


def _upload(lio, data=b"%PDF-1.4 hello", filename="proposal.pdf", as_="acme", prefix="/lio/api", **fields):
    return lio.post("/storage-file/add", as_=as_, prefix=prefix, content_type="multipart/form-data",
                    data={"file": (io.BytesIO(data), filename), **fields})


def _attach(lio, subject_id, subject_type="lead", as_="acme", prefix="/lio/api", **file):
    body = {"provider": "google_drive", "subject_type": subject_type, "subject_id": subject_id,
            "file": {"id": "g-1", "name": "Proposal.pdf", "mime_type": "application/pdf",
                     "web_url": "https://drive.google.com/file/d/g-1", **file}}
    return lio.post("/file/attach", as_=as_, prefix=prefix, json=body)


def _files(lio, subject_type, subject_id, as_="acme", prefix="/lio/api", **query):
    return lio.get("/file/list", as_=as_, prefix=prefix,
                   query_string={"subject_type": subject_type, "subject_id": subject_id, **query})


# -- storage-file/add ------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["/lio/api", V1])
def test_upload_stores_the_bytes_and_answers_the_file_record(lio, app, prefix):
    data = b"%PDF-1.4 some bytes"
    out = lio.data(_upload(lio, data, prefix=prefix), 201)
    assert out["name"] == "proposal.pdf" and out["size"] == len(data) and out["category"] == "pdf"
    assert out["mime_type"] == "application/pdf" and out["created_by"] == 142
    with app.app_context():
        from app.core import db
        row = db.conn().execute("SELECT org_id, content FROM lio_storage_files WHERE id = ?", (out["id"],)).fetchone()
    assert row["org_id"] == "org_acme" and bytes(row["content"]) == data


def test_upload_takes_a_display_name_and_guesses_the_type_from_it(lio):
    out = lio.data(_upload(lio, b"a,b\n1,2\n", "x.bin", name="report.csv"), 201)
    assert out["name"] == "report.csv" and out["mime_type"] == "text/csv" and out["category"] == "spreadsheet"


def test_upload_without_a_file_or_an_empty_or_too_large_one_is_422_naming_file(lio):
    no_file = lio.post("/storage-file/add", content_type="multipart/form-data", data={"name": "x"})
    assert "file" in error_of(no_file, 422, "validation_error")["fields"]
    assert "file" in error_of(_upload(lio, b""), 422, "validation_error")["fields"]
    as_text = lio.post("/storage-file/add", content_type="multipart/form-data", data={"file": "not a file part"})
    assert "file" in error_of(as_text, 422, "validation_error")["fields"]
    extra = _upload(lio, folder="x")
    assert "folder" in error_of(extra, 422, "validation_error")["fields"]
    big = _upload(lio, b"x" * (10 * 1024 * 1024 + 1))
    assert big.status_code in (413, 422)


def test_upload_needs_a_token(lio):
    error_of(_upload(lio, as_=None), 401, "unauthorized")


# -- file/attach and file/list ---------------------------------------------------------------------------------
def test_attach_then_list_shows_the_file_with_its_category_and_feed_row(lio):
    lead_id = _first(lio, "/lead/list")
    out = lio.data(_attach(lio, lead_id), 201)
    assert out["category"] == "pdf" and out["file"]["name"] == "Proposal.pdf" and out["provider"] == "google_drive"
    lio.data(_attach(lio, lead_id, prefix=V1, id="g-2", name="Sheet", mime_type="text/csv"), 201)
    files = lio.data(_files(lio, "lead", lead_id))
    assert {f["category"] for f in files} == {"pdf", "spreadsheet"}
    only = lio.data(_files(lio, "lead", lead_id, prefix=V1, category="pdf"))
    assert [f["id"] for f in only] == [out["id"]]
    assert lio.data(_files(lio, "lead", lead_id, provider="dropbox")) == []
    feed = lio.data(lio.get(f"/feed/list?model_type=lead&model_id={lead_id}&limit=100"))
    assert any(r["action"] == "file_attached" for r in feed)


def test_an_uploaded_file_attaches_by_storage_file_id(lio):
    company_id = _first(lio, "/company/list")
    stored = lio.data(_upload(lio, b"\x89PNG\r\n\x1a\n....", "logo.png"), 201)
    body = {"subject_type": "company", "subject_id": company_id, "storage_file_id": stored["id"]}
    out = lio.data(lio.post("/file/attach", json=body), 201)
    assert out["provider"] == "storage" and out["storage_file_id"] == stored["id"]
    assert out["file"]["name"] == "logo.png" and out["category"] == "image"
    listed = lio.data(_files(lio, "company", company_id, provider="storage"))
    assert [f["id"] for f in listed] == [out["id"]]


def test_attach_to_each_subject_type(lio):
    for subject_type, path in (("company", "/company/list"), ("contact", "/contact/list"),
                               ("deal", "/lead/deal/list")):
        lio.data(_attach(lio, _first(lio, path), subject_type), 201)


def test_attach_to_another_orgs_record_is_422_naming_subject_id(lio):
    globex_lead = _first(lio, "/lead/list", as_="globex")
    assert "subject_id" in error_of(_attach(lio, globex_lead), 422, "validation_error")["fields"]
    globex_deal = _first(lio, "/lead/deal/list", as_="globex")
    assert "subject_id" in error_of(_attach(lio, globex_deal, "deal"), 422, "validation_error")["fields"]


def test_another_orgs_stored_file_cannot_be_attached(lio):
    stored = lio.data(_upload(lio, as_="globex"), 201)
    body = {"subject_type": "lead", "subject_id": _first(lio, "/lead/list"), "storage_file_id": stored["id"]}
    assert "storage_file_id" in error_of(lio.post("/file/attach", json=body), 422, "validation_error")["fields"]


def test_files_of_another_orgs_record_are_not_listed(lio):
    globex_lead = _first(lio, "/lead/list", as_="globex")
    lio.data(_attach(lio, globex_lead, as_="globex"), 201)
    error_of(_files(lio, "lead", globex_lead), 404, "not_found")
    assert len(lio.data(_files(lio, "lead", globex_lead, as_="globex"))) == 1


def test_attach_and_list_validate_input(lio):
    lead_id = _first(lio, "/lead/list")
    error_of(_attach(lio, lead_id, "ticket"), 422, "validation_error")
    error_of(_attach(lio, -1), 422, "validation_error")
    bad = {"provider": "box", "subject_type": "lead", "subject_id": lead_id, "file": {"id": "x", "name": "y"}}
    assert "provider" in error_of(lio.post("/file/attach", json=bad), 422, "validation_error")["fields"]
    neither = {"provider": "dropbox", "subject_type": "lead", "subject_id": lead_id}
    assert "file" in error_of(lio.post("/file/attach", json=neither), 422, "validation_error")["fields"]
    no_provider = {"subject_type": "lead", "subject_id": lead_id, "file": {"id": "x", "name": "y"}}
    assert "provider" in error_of(lio.post("/file/attach", json=no_provider), 422, "validation_error")["fields"]
    as_text = {**no_provider, "provider": "dropbox", "subject_id": str(lead_id)}
    assert "subject_id" in error_of(lio.post("/file/attach", json=as_text), 422, "validation_error")["fields"]
    assert "subject_id" in error_of(lio.get("/file/list?subject_type=lead"), 422, "validation_error")["fields"]
    error_of(_files(lio, "lead", lead_id, category="movie"), 422, "validation_error")


def test_files_routes_need_a_token(lio):
    error_of(lio.get("/file/list?subject_type=lead&subject_id=1", as_=None), 401, "unauthorized")
    error_of(lio.post("/file/attach", as_=None, json={}), 401, "unauthorized")
