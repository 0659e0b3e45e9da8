"""Notifications (list, filters, mark read) and the activity feed."""

from tests.vendors.lio.conftest import V1, error_of


def test_notifications_list_the_callers_and_org_wide_ones_only(lio):
    acme = lio.data(lio.get("/notification/list"))
    assert acme and all(n["user_id"] in (142, None) for n in acme)
    assert any(n["user_id"] is None for n in acme)
    rep = lio.data(lio.get("/notification/list", as_="rep", prefix=V1))
    assert all(n["user_id"] in (143, None) for n in rep)
    globex_ids = {n["id"] for n in lio.data(lio.get("/notification/list", as_="globex"))}
    assert globex_ids and not globex_ids & {n["id"] for n in acme}


def test_notifications_filter_on_is_read_and_type_and_page(lio):
    unread = lio.data(lio.get("/notification/list?is_read=false"))
    assert unread and all(n["is_read"] is False for n in unread)
    assert all(n["is_read"] for n in lio.data(lio.get("/notification/list?is_read=true")))
    hot = lio.data(lio.get("/notification/list?type_id=2"))
    assert hot and all(n["type"] == "hot_lead" for n in hot)
    body = lio.get("/notification/list?limit=1&page=2").get_json()
    assert len(body["data"]) == 1


def test_notification_list_rejects_bad_filters(lio):
    error_of(lio.get("/notification/list?type_id=99"), 422, "validation_error")
    error_of(lio.get("/notification/list?is_read=maybe"), 422, "validation_error")


def test_mark_read_updates_own_and_ignores_other_orgs_ids(lio):
    unread = [n["id"] for n in lio.data(lio.get("/notification/list?is_read=false"))]
    globex = [n["id"] for n in lio.data(lio.get("/notification/list?is_read=false", as_="globex"))]
    out = lio.data(lio.post("/notification/read", json={"ids": unread + globex}))
    assert out == {"updated": len(unread)}
    assert lio.data(lio.get("/notification/list?is_read=false")) == []
    assert len(lio.data(lio.get("/notification/list?is_read=false", as_="globex"))) == len(globex)
    assert lio.data(lio.post("/notification/read", prefix=V1, json={"ids": unread})) == {"updated": 0}


def test_mark_read_validates_ids(lio):
    error_of(lio.post("/notification/read", json={"ids": []}), 422, "validation_error")
    error_of(lio.post("/notification/read", json={"ids": ["x"]}), 422, "validation_error")
    error_of(lio.post("/notification/read", json={}), 422, "validation_error")


def test_feed_lists_the_orgs_rows_filtered_by_model(lio):
    rows = lio.data(lio.get("/feed/list?model_type=lead&model_id=1"))
    assert rows and all(r["model_type"] == "lead" and r["model_id"] == 1 for r in rows)
    globex = lio.data(lio.get("/feed/list", as_="globex", prefix=V1))
    assert globex and not {r["id"] for r in globex} & {r["id"] for r in rows}
    error_of(lio.get("/feed/list?model_id=-1"), 422, "validation_error")


def test_activity_routes_need_a_token(lio):
    error_of(lio.get("/notification/list", as_=None), 401, "unauthorized")
    error_of(lio.post("/notification/read", as_=None, json={"ids": [1]}), 401, "unauthorized")
    error_of(lio.get("/feed/list", as_=None), 401, "unauthorized")
