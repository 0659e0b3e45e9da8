"""Exports: a job that completes on the sandbox clock into a CSV of the org's filtered rows only."""

import csv
import io

import pytest

from tests.vendors.lio.conftest import V1, error_of


def _create(lio, export_type="leads", filters=None, as_="acme", prefix="/lio/api"):
    body = {"export_type": export_type, **({"filters": filters} if filters is not None else {})}
    return lio.post("/exports/create", as_=as_, prefix=prefix, json=body)


def _rows(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _all(lio, path, as_="acme", **query):
    out, page = [], 1
    while True:
        body = lio.get(path, as_=as_, query_string={"limit": 100, "page": page, **query}).get_json()
        out += body["data"]
        if len(out) >= body["total"]:
            return out
        page += 1


@pytest.mark.parametrize("prefix", ["/lio/api", V1])
def test_export_job_completes_into_a_csv_of_the_orgs_filtered_leads_only(lio, client, prefix):
    job = lio.data(_create(lio, "leads", {"priority": "3,4", "order_by": "id", "order_in": "ASC"}, prefix=prefix), 202)
    assert job["type"] == "export" and job["status"] == "queued" and job["file_name"].startswith("leads-")
    error_of(lio.get(f"/exports/download/{job['id']}", prefix=prefix), 409, "conflict")
    client.post("/__admin/clock/advance", json={"seconds": 1})
    assert error_of(lio.get(f"/exports/download/{job['id']}"), 409, "conflict")["message"].endswith("processing).")
    client.post("/__admin/clock/advance", json={"seconds": 5})
    rows = _rows(lio.get(f"/exports/download/{job['id']}", prefix=prefix))
    expected = _all(lio, "/lead/list", priority="3,4", order_by="id", order_in="ASC")
    assert expected and [int(r["id"]) for r in rows] == [lead["id"] for lead in expected]
    assert {r["priority"] for r in rows} <= {"3", "4"} and rows[0]["email"] == expected[0]["email"]
    globex_ids = {lead["id"] for lead in _all(lio, "/lead/list", as_="globex")}
    assert not globex_ids & {int(r["id"]) for r in rows}
    listed = lio.data(lio.get("/exports/list", prefix=prefix))
    mine = next(e for e in listed if e["id"] == job["id"])
    assert mine["status"] == "completed" and mine["rows"] == len(rows) and mine["filters"]["priority"] == "3,4"


def test_a_completed_export_notifies_export_done(lio, client):
    job = lio.data(_create(lio, "companies"), 202)
    client.post("/__admin/clock/advance", json={"seconds": 6})
    lio.get("/exports/list")                                   # any request settles the due job
    notes = lio.data(lio.get("/notification/list", query_string={"type_id": 4, "limit": 100}))
    done = [n for n in notes if n["data"].get("export_id") == job["id"]]
    assert len(done) == 1 and done[0]["type"] == "export_done" and done[0]["user_id"] == 142
    assert done[0]["data"]["rows"] == lio.get("/company/list").get_json()["total"]
    assert lio.data(lio.get("/notification/list", as_="globex", query_string={"type_id": 4})) == []
    job_row = next(j for j in lio.data(lio.get("/import-job/list", query_string={"type": "export"})) if j["id"] == job["id"])
    assert job_row["status"] == "completed" and job_row["result"] == {"total": done[0]["data"]["rows"]}


def test_export_reflects_the_data_at_completion(lio, client):
    job = lio.data(_create(lio, "leads", {"search_value": "zz-export-probe"}), 202)
    lio.data(lio.post("/lead/add", json={"first_name": "Zed", "last_name": "Probe", "email": "zz-export-probe@x.test"}),
             201)
    client.post("/__admin/clock/advance", json={"seconds": 6})
    rows = _rows(lio.get(f"/exports/download/{job['id']}"))
    assert [r["email"] for r in rows] == ["zz-export-probe@x.test"]


def test_contacts_and_clients_exports(lio, client):
    contacts = lio.data(_create(lio, "contacts", {"order_in": "ASC"}), 202)
    clients = lio.data(_create(lio, "clients"), 202)
    client.post("/__admin/clock/advance", json={"seconds": 6})
    contact_rows = _rows(lio.get(f"/exports/download/{contacts['id']}"))
    assert [int(r["id"]) for r in contact_rows] == [c["id"] for c in _all(lio, "/contact/list", order_in="ASC")]
    won_stages = {s["id"] for p in lio.data(lio.get("/pipelines/list", query_string={"limit": 100}))
                  for s in p.get("stages", []) if s["is_won"]}
    won_leads = {d["lead_id"] for d in _all(lio, "/lead/deal/list") if d["stage_id"] in won_stages}
    client_rows = _rows(lio.get(f"/exports/download/{clients['id']}"))
    assert won_leads and {int(r["id"]) for r in client_rows} == won_leads


def test_export_filters_are_validated_like_the_list(lio):
    assert "filters" in error_of(_create(lio, "leads", {"priority": "high"}), 422, "validation_error")["fields"]
    assert "filters" in error_of(_create(lio, "companies", {"order_by": "password"}), 422, "validation_error")["fields"]
    assert "export_type" in error_of(_create(lio, "deals"), 422, "validation_error")["fields"]
    assert "filters" in error_of(_create(lio, "leads", "priority=3"), 422, "validation_error")["fields"]
    assert "export_type" in error_of(lio.post("/exports/create", json={}), 422, "validation_error")["fields"]


def test_another_orgs_export_is_404_and_not_listed(lio, client):
    job = lio.data(_create(lio, "leads", as_="globex"), 202)
    client.post("/__admin/clock/advance", json={"seconds": 6})
    error_of(lio.get(f"/exports/download/{job['id']}"), 404, "not_found")
    error_of(lio.get("/exports/download/999999999"), 404, "not_found")
    assert job["id"] not in {e["id"] for e in lio.data(lio.get("/exports/list", query_string={"limit": 100}))}
    assert _rows(lio.get(f"/exports/download/{job['id']}", as_="globex"))


def test_exports_list_filters_and_validates(lio):
    lio.data(_create(lio, "leads"), 202)
    lio.data(_create(lio, "contacts"), 202)
    only = lio.data(lio.get("/exports/list", query_string={"export_type": "contacts"}))
    assert only and {e["export_type"] for e in only} == {"contacts"}
    assert {e["status"] for e in only} == {"queued"}
    error_of(lio.get("/exports/list", query_string={"limit": 0}), 422, "validation_error")
    error_of(lio.get("/exports/list", query_string={"export_type": "deals"}), 422, "validation_error")


def test_exports_routes_need_a_token(lio):
    error_of(_create(lio, as_=None), 401, "unauthorized")
    error_of(lio.get("/exports/list", as_=None), 401, "unauthorized")
    error_of(lio.get("/exports/download/1", as_=None), 401, "unauthorized")
