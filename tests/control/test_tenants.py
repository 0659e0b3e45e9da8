"""Isolated tenants: POST/DELETE /__admin/tenants copy a well-known tenant for parallel tests.

A copy answers the same reads as its source (modulo ids and credentials), never sees another tenant's
writes, and is removed with all its data.
"""

import pytest

from app.core import db, undo

TENANTS = "/__admin/tenants"
DISCKO, SKODE, SKARBE, LIO = "/discko/api/v1", "/skode/v1", "/skarbe/api/connect", "/lio/api"
DISCKO_IDS = {"id", "url", "organizationId"}
TENANT_COLUMN = {"discko": "org_id", "skode": "workspace_id", "skarbe": "workspace_id", "lio": "org_id"}


def create(client, vendor, like=None, status=201):
    body = {"vendor": vendor} if like is None else {"vendor": vendor, "like": like}
    response = client.post(TENANTS, json=body)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def listed(client, vendor):
    return {str(t["id"]): t for t in client.get(TENANTS).get_json()[vendor]}


def rows_of(app, vendor, tenant_id):
    """``{table: count}`` of every table of ``vendor`` holding rows of ``tenant_id``."""
    with app.app_context():
        c = db.conn()
        out = {}
        for (table,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?",
                                  (vendor + "%",)).fetchall():
            columns = [r["name"] for r in c.execute(f'PRAGMA table_info("{table}")')]
            if TENANT_COLUMN[vendor] in columns:
                n = c.execute(f'SELECT count(*) FROM "{table}" WHERE "{TENANT_COLUMN[vendor]}" = ?',
                              (tenant_id,)).fetchone()[0]
                if n:
                    out[table] = n
        return out


def table_counts(app):
    with app.app_context():
        c = db.conn()
        names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('core_tenants', ?)",
                                         (undo.LOG,))]  # the undo log records the copy and the delete
        return {name: c.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


# -- per-vendor clients ------------------------------------------------------------------------------
def discko_key(tenant):
    return {"X-Discko-Key": tenant["credentials"]["X-Discko-Key"]}


def skode_key(tenant):
    return {"Authorization": f"Bearer {tenant['api_keys'][0]['key']}"}


def skarbe_key(tenant):
    return {"X-Api-Key": tenant["credentials"]["X-Api-Key"]}


def lio_login(client, email, password="your_password"):
    response = client.post(f"{LIO}/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def lio_admin(client, tenant):
    user = next(u for u in tenant["users"] if u["password"] == "your_password")
    return lio_login(client, user["email"])


def without(value, keys):
    """``value`` with the given keys removed at every depth (ids that differ between copies)."""
    if isinstance(value, dict):
        return {k: without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without(v, keys) for v in value]
    return value


def discko_leads(client, headers):
    return client.get(f"{DISCKO}/leads", headers=headers).get_json()["data"]


def skode_leads(client, headers):
    leads, page = [], 1
    while True:
        body = client.get(f"{SKODE}/leads?per_page=100&page={page}&sort=created_at", headers=headers).get_json()
        leads += body["data"]
        if page >= body["meta"]["total_pages"]:
            return leads
        page += 1


def lio_list(client, headers, path, **query):
    params = "&".join(f"{k}={v}" for k, v in {"limit": 100, **query}.items())
    response = client.get(f"{LIO}{path}?{params}", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# -- POST /__admin/tenants ------------------------------------------------------------------------------
@pytest.mark.parametrize("vendor, source_id", [("discko", "550e8400-e29b-41d4-a716-446655440000"),
                                               ("skode", "ws_examplecorp"), ("skarbe", 1), ("lio", "org_acme")])
def test_create_answers_the_new_tenant_as_listed_with_fresh_id_and_credentials(client, vendor, source_id):
    source = listed(client, vendor)[str(source_id)]
    tenant = create(client, vendor)

    assert tenant["vendor"] == vendor and tenant["isolated"] is True
    assert tenant["id"] != source_id and type(tenant["id"]) is type(source_id)
    assert tenant["name"] == source["name"]
    assert set(tenant) - {"vendor", "isolated"} == set(source)
    assert len(tenant["credentials"]) == len(source["credentials"])
    secrets = {v for k, v in tenant["credentials"].items() if not k.startswith("login ")}
    assert secrets and not secrets & set(source["credentials"].values())
    assert listed(client, vendor)[str(tenant["id"])] == {k: v for k, v in tenant.items() if k != "vendor"}
    assert "isolated" not in source


def test_copied_ids_keep_their_shape(client):
    discko = create(client, "discko")
    skode = create(client, "skode", "sk_live_your_api_key")
    lio = create(client, "lio", "org_acme")
    headers = discko_key(discko)
    leads = discko_leads(client, headers)
    assert leads and all(lead["id"].startswith("req_") and lead["id"] != "req_abc123" for lead in leads)
    assert all(lead["url"].endswith("/leads/" + lead["id"]) for lead in leads)
    assert len(discko["id"]) == 36 and discko["id"].count("-") == 4
    assert skode["id"].startswith("ws_") and all(u["id"].startswith("user_") for u in skode["users"])
    assert all(k["key"].startswith(("sk_live_", "sk_test_")) for k in skode["api_keys"])
    assert all(lead["id"].startswith("lead_") for lead in skode_leads(client, skode_key(skode)))
    assert lio["id"].startswith("org_")
    emails = {u["email"] for u in lio["users"]}
    suffix = next(e for e in emails if e.startswith("you+")).split("+")[1].split("@")[0]
    assert {f"you+{suffix}@company.com", f"rep+{suffix}@company.com"} <= emails
    assert all(k["key"].startswith("lio_live_") for k in lio["api_keys"])


@pytest.mark.parametrize("vendor, like, source_id", [
    ("skode", "sk_live_your_api_key", "ws_examplecorp"), ("skode", "sk_live_other_workspace", "ws_otherworkspace"),
    ("skode", "skode_demo_client", "ws_examplecorp"), ("skode", "ws_otherworkspace", "ws_otherworkspace"),
    ("discko", "dk_test_creative_minds", "8f14e45f-ceea-467a-9575-5cb7b3c3c1d2"),
    ("skarbe", "sk_live_globex_workspace", 2), ("skarbe", 2, 2), ("skarbe", "2", 2),
    ("lio", "admin@globex.test", "org_globex"), ("lio", "YOU@Company.com", "org_acme"),
    ("lio", "lio_live_globex_ingest", "org_globex"), ("lio", "org_globex", "org_globex"),
])
def test_like_names_the_source_by_id_or_credential(client, vendor, like, source_id):
    source = listed(client, vendor)[str(source_id)]
    tenant = create(client, vendor, like)
    assert tenant["name"] == source["name"]


def test_like_defaults_to_the_first_documented_tenant(client):
    assert create(client, "skode")["name"] == "Example Corp"
    assert create(client, "lio")["name"] == listed(client, "lio")["org_acme"]["name"]


@pytest.mark.parametrize("body, status", [
    ({}, 400), ({"vendor": "nope"}, 400), ({"vendor": 3}, 400), ({"vendor": "skode", "like": ["x"]}, 400),
    ({"vendor": "skode", "like": "sk_live_nobody"}, 404), ({"vendor": "lio", "like": "your_password"}, 404),
    ({"vendor": "lio", "like": "nobody@company.com"}, 404),
])
def test_bad_create_requests_answer_plain_errors(client, body, status):
    before = table_counts(client.application)
    response = client.post(TENANTS, json=body)
    assert response.status_code == status
    assert set(response.get_json()) >= {"error", "message"}
    assert table_counts(client.application) == before


def test_create_with_a_body_that_is_not_an_object_is_4xx(client):
    response = client.post(TENANTS, data="[1]", content_type="application/json")
    assert 400 <= response.status_code < 500 and "error" in response.get_json()


# -- the copy reads like its source -----------------------------------------------------------------------
def test_discko_copy_lists_the_same_leads(client):
    source = {"X-Discko-Key": "dk_test_webflow_agency"}
    copy = discko_key(create(client, "discko", "dk_test_webflow_agency"))
    mine, theirs = discko_leads(client, copy), discko_leads(client, source)
    assert len(mine) == len(theirs) > 0
    assert without(mine, DISCKO_IDS) == without(theirs, DISCKO_IDS)
    n = next(i for i, lead in enumerate(mine) if not lead["locked"])
    lead = client.get(f"{DISCKO}/leads/{mine[n]['id']}", headers=copy)
    assert lead.status_code == 200
    assert without(lead.get_json()["data"], DISCKO_IDS) == without(theirs[n], DISCKO_IDS)


def test_skode_copy_lists_the_same_leads_and_owners(client):
    source = {"Authorization": "Bearer sk_live_your_api_key"}
    tenant = create(client, "skode", "sk_live_your_api_key")
    mine, theirs = skode_leads(client, skode_key(tenant)), skode_leads(client, source)
    assert len(mine) == len(theirs) > 0
    assert without(mine, {"id", "owner_id"}) == without(theirs, {"id", "owner_id"})
    users = {u["id"] for u in tenant["users"]}
    assert {lead["owner_id"] for lead in mine if lead["owner_id"]} <= users
    owned = [lead for lead in mine if lead["owner"]]
    assert owned and all(lead["owner"]["id"] == lead["owner_id"] for lead in owned)


def test_skode_copy_gets_its_own_oauth_app(client):
    tenant = create(client, "skode", "ws_examplecorp")
    app_ = tenant["oauth_clients"][0]
    assert app_["client_id"] != "skode_demo_client" and app_["client_secret"] != "skode_demo_secret"
    response = client.get("/skode/oauth/authorize", query_string={
        "client_id": app_["client_id"], "redirect_uri": app_["redirect_uris"][0], "response_type": "code",
        "state": "s"})
    assert response.status_code == 302 and "code=" in response.headers["Location"]


def test_skarbe_copy_lists_the_same_contacts_and_statuses(client):
    source = {"X-Api-Key": "sk_live_abc123xyz"}
    copy = skarbe_key(create(client, "skarbe", "sk_live_abc123xyz"))
    mine = client.get(f"{SKARBE}/contacts", headers=copy).get_json()
    theirs = client.get(f"{SKARBE}/contacts", headers=source).get_json()
    assert len(mine) == len(theirs) > 0
    assert without(mine, {"id"}) == without(theirs, {"id"})
    assert not {c["id"] for c in mine} & {c["id"] for c in theirs}
    statuses = [client.get(f"{SKARBE}/contacts/lead-statuses", headers=h).get_json() for h in (copy, source)]
    assert statuses[0] == statuses[1]
    me = [client.get(f"{SKARBE}/me", headers=h).get_json() for h in (copy, source)]
    assert without(me[0], {"id", "workspaceId"}) == without(me[1], {"id", "workspaceId"})


LIO_LEAD = {"first_name": "Only", "last_name": "Copy", "priority": 3, "lead_source": 1, "tags": []}
LIO_LISTS = ["/lead/list", "/company/list", "/contact/list", "/lead/deal/list", "/pipelines/list"]
LIO_IDS = {"id", "company_id", "assigned_to", "lead_id", "user_id", "pipeline_id", "stage_id", "contact_id",
           "deal_id", "created_by", "owner_id", "role_id"}


def test_lio_copy_answers_the_same_lists(client):
    tenant = create(client, "lio", "you@company.com")
    mine, theirs = lio_admin(client, tenant), lio_login(client, "you@company.com")
    for path in LIO_LISTS:
        a, b = lio_list(client, mine, path), lio_list(client, theirs, path)
        assert a["total"] == b["total"] > 0, path
        assert without(a["data"], LIO_IDS) == without(b["data"], LIO_IDS), path
        assert not {r["id"] for r in a["data"]} & {r["id"] for r in b["data"]}, path
    users = {u["id"] for u in tenant["users"]}
    leads = lio_list(client, mine, "/lead/list")["data"]
    assert {lead["assigned_to"] for lead in leads if lead["assigned_to"]} <= users
    me = client.get(f"{LIO}/auth/me", headers=mine)
    if me.status_code == 200:
        assert me.get_json()["data"]["email"].startswith("you+")


def test_lio_copied_keys_and_logins_work_and_keep_their_rules(client):
    tenant = create(client, "lio", "org_acme")
    for user in tenant["users"]:
        if user["password"] and user["active"]:
            lio_login(client, user["email"], user["password"])
    inactive = next(u for u in tenant["users"] if u["email"].startswith("inactive+"))
    response = client.post(f"{LIO}/auth/login", json={"email": inactive["email"], "password": "inactive_password"})
    assert response.status_code == 403
    ingest = next(k["key"] for k in tenant["api_keys"] if k["name"] == "Website ingestion")
    expired = next(k["key"] for k in tenant["api_keys"] if k["expires_at"])
    body = {"first_name": "Ivy", "last_name": "Isolated", "email": "ivy@isolated.test"}
    assert client.post(f"{LIO}/v1/lead", json=body, headers={"x-api-key": ingest}).status_code in (200, 201)
    refused = client.post(f"{LIO}/v1/lead", json=body, headers={"x-api-key": expired})
    source_refused = client.post(f"{LIO}/v1/lead", json=body, headers={"x-api-key": "lio_live_acme_expired"})
    assert refused.status_code == source_refused.status_code == 403
    mine = lio_admin(client, tenant)
    found = lio_list(client, mine, "/lead/list", search_value="ivy@isolated.test")
    assert found["total"] == 1
    theirs = lio_list(client, lio_login(client, "you@company.com"), "/lead/list", search_value="ivy@isolated.test")
    assert theirs["total"] == 0


def test_lio_copy_references_only_its_own_records(client):
    """Every id column of every copied row points into the copy exactly as the source's point into the source."""
    from app.vendors.lio.tenancy import ID_COLUMNS

    tenant = create(client, "lio", "org_acme")
    with client.application.app_context():
        c = db.conn()
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lio%'")]
        checked = 0
        for table in tables:
            columns = [r["name"] for r in c.execute(f'PRAGMA table_info("{table}")')]
            if "org_id" not in columns:
                continue
            for column in set(columns) & set(ID_COLUMNS):
                target = ID_COLUMNS[column]
                sql = (f'SELECT count(*) FROM "{table}" t JOIN "{target}" p ON p.id = t."{column}"'
                       f' WHERE t.org_id = ? AND p.org_id = ?')
                inside = [c.execute(sql, (org, org)).fetchone()[0] for org in (tenant["id"], "org_acme")]
                assert inside[0] == inside[1], (table, column)
                crossing = c.execute(sql, (tenant["id"], "org_acme")).fetchone()[0]
                assert crossing == 0, (table, column)
                checked += inside[1]
        assert checked > 500
    assert rows_of(client.application, "lio", tenant["id"]).keys() == rows_of(client.application, "lio", "org_acme").keys()


def test_lio_files_attachments_and_exports_follow_the_copy(client):
    """Made in the source before the copy: a stored file attached to a lead, a finished and a pending export."""
    import io

    source = lio_login(client, "you@company.com")
    lead = lio_list(client, source, "/lead/list")["data"][0]
    upload = client.post(f"{LIO}/storage-file/add", headers=source, content_type="multipart/form-data",
                         data={"file": (io.BytesIO(b"%PDF-1.4 bytes"), "deck.pdf")})
    assert upload.status_code == 201, upload.get_data(as_text=True)
    attach = client.post(f"{LIO}/file/attach", headers=source, json={
        "subject_type": "lead", "subject_id": lead["id"], "storage_file_id": upload.get_json()["data"]["id"]})
    assert attach.status_code == 201, attach.get_data(as_text=True)
    done = client.post(f"{LIO}/exports/create", headers=source, json={"export_type": "leads"}).get_json()["data"]
    client.post("/__admin/clock/advance", json={"seconds": 10})
    pending = client.post(f"{LIO}/exports/create", headers=source, json={"export_type": "companies"})
    pending = pending.get_json()["data"]

    tenant = create(client, "lio", "org_acme")
    mine = lio_admin(client, tenant)
    copied_lead = lio_list(client, mine, "/lead/list")["data"][0]
    files = client.get(f"{LIO}/file/list", headers=mine,
                       query_string={"subject_type": "lead", "subject_id": copied_lead["id"]}).get_json()
    theirs = client.get(f"{LIO}/file/list", headers=source,
                        query_string={"subject_type": "lead", "subject_id": lead["id"]}).get_json()
    assert files["total"] == theirs["total"] == 1
    copied_file = files["data"][0]
    assert copied_file["subject_id"] == copied_lead["id"] and copied_file["storage_file_id"] != theirs["data"][0]["storage_file_id"]
    assert copied_file["file"]["id"] == str(copied_file["storage_file_id"])
    exports = {e["export_type"]: e for e in lio_list(client, mine, "/exports/list")["data"]}
    assert exports["leads"]["id"] != done["id"] and exports["leads"]["status"] == "completed"
    downloaded = client.get(f"{LIO}/exports/download/{exports['leads']['id']}", headers=mine)
    original = client.get(f"{LIO}/exports/download/{done['id']}", headers=source)
    assert downloaded.status_code == original.status_code == 200
    assert downloaded.get_data() == original.get_data()
    assert exports["companies"]["status"] != "completed"
    client.post("/__admin/clock/advance", json={"seconds": 10})
    assert client.get(f"{LIO}/exports/download/{exports['companies']['id']}", headers=mine).status_code == 200
    assert client.get(f"{LIO}/exports/download/{pending['id']}", headers=source).status_code == 200


@pytest.mark.parametrize("vendor, source_id", [("discko", "550e8400-e29b-41d4-a716-446655440000"),
                                               ("skode", "ws_examplecorp"), ("skarbe", 1), ("lio", "org_acme")])
def test_copy_has_as_many_rows_as_its_source_in_every_table(client, vendor, source_id):
    tenant = create(client, vendor, str(source_id))
    copied = rows_of(client.application, vendor, tenant["id"])
    source = rows_of(client.application, vendor, source_id)
    assert copied == source


def test_pending_timeline_effects_follow_the_copy(client):
    """A trashed Skode lead of the source is purged from the copy's trash when its 30 days end."""
    source = {"Authorization": "Bearer sk_live_your_api_key"}
    assert client.delete(f"{SKODE}/leads/lead_abc123", headers=source).status_code in (200, 204)
    tenant = create(client, "skode", "ws_examplecorp")
    trash = rows_of(client.application, "skode", tenant["id"])
    assert trash.get("skode_lead_trash") == 1
    with client.application.app_context():
        due = db.conn().execute("SELECT count(*) FROM core_due WHERE vendor = 'skode'").fetchone()[0]
    assert due == 2
    client.post("/__admin/clock/advance", json={"seconds": 31 * 86400})
    skode_leads(client, skode_key(tenant))                         # a Skode request settles due effects
    assert "skode_lead_trash" not in rows_of(client.application, "skode", tenant["id"])


# -- isolation --------------------------------------------------------------------------------------------
def test_discko_copies_do_not_see_each_others_updates(client):
    a, b = (discko_key(create(client, "discko", "dk_test_creative_minds")) for _ in range(2))
    source = {"X-Discko-Key": "dk_test_creative_minds"}
    n, lead = next((i, lead) for i, lead in enumerate(discko_leads(client, a)) if not lead["locked"])
    status = "LOST" if lead["status"] != "LOST" else "WON"
    assert client.put(f"{DISCKO}/leads/{lead['id']}", headers=a, json={"status": status}).status_code == 200
    assert discko_leads(client, a)[n]["status"] == status
    for other in (b, source):
        assert discko_leads(client, other)[n]["status"] == lead["status"]
        assert client.get(f"{DISCKO}/leads/{lead['id']}", headers=other).status_code == 404


def test_skode_copies_do_not_see_each_others_writes(client):
    a, b = (skode_key(create(client, "skode", "sk_live_your_api_key")) for _ in range(2))
    source = {"Authorization": "Bearer sk_live_your_api_key"}
    before = {name: skode_leads(client, h) for name, h in (("b", b), ("source", source))}
    created = client.post(f"{SKODE}/leads", headers=a, json={"name": "Only In A"})
    assert created.status_code == 201
    first = skode_leads(client, a)[0]
    assert client.patch(f"{SKODE}/leads/{first['id']}", headers=a, json={"name": "Renamed In A"}).status_code == 200
    second = skode_leads(client, a)[1]
    assert client.delete(f"{SKODE}/leads/{second['id']}", headers=a).status_code in (200, 204)
    assert len(skode_leads(client, a)) == len(before["b"])          # one created, one deleted
    for name, headers in (("b", b), ("source", source)):
        assert skode_leads(client, headers) == before[name]
        assert client.get(f"{SKODE}/leads/{created.get_json()['data']['id']}", headers=headers).status_code == 404


def test_skarbe_copies_do_not_see_each_others_contacts(client):
    a, b = (skarbe_key(create(client, "skarbe", "sk_live_abc123xyz")) for _ in range(2))
    source = {"X-Api-Key": "sk_live_abc123xyz"}
    before = {name: client.get(f"{SKARBE}/contacts", headers=h).get_json() for name, h in (("b", b), ("s", source))}
    response = client.post(f"{SKARBE}/contacts", headers=a, json={"firstName": "Only", "email": "only@a.test"})
    assert response.status_code in (200, 201)
    assert len(client.get(f"{SKARBE}/contacts", headers=a).get_json()) == len(before["b"]) + 1
    for name, headers in (("b", b), ("s", source)):
        assert client.get(f"{SKARBE}/contacts", headers=headers).get_json() == before[name]
        assert client.get(f"{SKARBE}/contacts?query=only@a.test", headers=headers).get_json() == []


def test_lio_copies_do_not_see_each_others_writes(client):
    a, b = (lio_admin(client, create(client, "lio", "org_acme")) for _ in range(2))
    source = lio_login(client, "you@company.com")
    before = {name: lio_list(client, h, "/lead/list") for name, h in (("b", b), ("source", source))}
    added = client.post(f"{LIO}/lead/add", headers=a, json={**LIO_LEAD, "email": "only@a.test"})
    assert added.status_code == 201, added.get_data(as_text=True)
    leads = lio_list(client, a, "/lead/list")["data"]
    updated = client.post(f"{LIO}/lead/update/{leads[1]['id']}", headers=a, json={"first_name": "Renamed"})
    assert updated.status_code == 200, updated.get_data(as_text=True)
    deleted = client.delete(f"{LIO}/lead/delete", headers=a, json={"ids": [leads[2]["id"]]})
    assert deleted.get_json()["data"] == {"deleted": 1}
    assert lio_list(client, a, "/lead/list")["total"] == before["b"]["total"]
    for name, headers in (("b", b), ("source", source)):
        assert lio_list(client, headers, "/lead/list") == before[name]
        assert client.get(f"{LIO}/lead/view/{leads[1]['id']}", headers=headers).status_code == 404


# -- GET / DELETE / reset ---------------------------------------------------------------------------------
@pytest.mark.parametrize("vendor", ["discko", "skode", "skarbe", "lio"])
def test_delete_removes_the_isolated_tenant_and_all_its_data(client, vendor):
    before = table_counts(client.application)
    tenant = create(client, vendor)
    assert rows_of(client.application, vendor, tenant["id"])
    response = client.delete(f"{TENANTS}/{tenant['id']}")
    assert response.status_code == 204 and response.get_data() == b""
    assert str(tenant["id"]) not in listed(client, vendor)
    assert rows_of(client.application, vendor, tenant["id"]) == {}
    assert table_counts(client.application) == before
    assert client.delete(f"{TENANTS}/{tenant['id']}").status_code == 404


def test_deleted_tenant_credentials_stop_working(client):
    tenant = create(client, "skode", "sk_live_your_api_key")
    headers = skode_key(tenant)
    assert client.get(f"{SKODE}/leads", headers=headers).status_code == 200
    client.delete(f"{TENANTS}/{tenant['id']}")
    assert client.get(f"{SKODE}/leads", headers=headers).status_code == 401
    lio = create(client, "lio")
    email = next(u["email"] for u in lio["users"] if u["password"] == "your_password")
    client.delete(f"{TENANTS}/{lio['id']}")
    response = client.post(f"{LIO}/auth/login", json={"email": email, "password": "your_password"})
    unknown = client.post(f"{LIO}/auth/login", json={"email": "nobody@company.com", "password": "your_password"})
    assert response.status_code == unknown.status_code == 404           # LIO: no such account


def test_delete_after_writes_removes_what_the_copy_made(client):
    before = table_counts(client.application)
    tenant = create(client, "lio", "org_acme")
    headers = lio_admin(client, tenant)
    lead = client.post(f"{LIO}/lead/add", headers=headers, json={**LIO_LEAD, "email": "temp@x.test"})
    assert lead.status_code == 201, lead.get_data(as_text=True)
    client.post(f"{LIO}/lead/note/add", headers=headers,
                json={"lead_id": lead.get_json()["data"]["id"], "title": "a note"})
    assert client.delete(f"{TENANTS}/{tenant['id']}").status_code == 204
    after = table_counts(client.application)
    assert {k: v for k, v in after.items() if k != "lio_revoked_tokens"} == \
        {k: v for k, v in before.items() if k != "lio_revoked_tokens"}


@pytest.mark.parametrize("tenant_id", ["ws_examplecorp", "org_acme", "1", "550e8400-e29b-41d4-a716-446655440000"])
def test_delete_of_a_seeded_tenant_is_409_and_keeps_it(client, tenant_id):
    before = table_counts(client.application)
    response = client.delete(f"{TENANTS}/{tenant_id}")
    assert response.status_code == 409 and response.get_json()["error"] == "conflict"
    assert table_counts(client.application) == before


def test_delete_of_an_unknown_tenant_is_404(client):
    response = client.delete(f"{TENANTS}/ws_nobody")
    assert response.status_code == 404 and set(response.get_json()) == {"error", "message"}


def test_reset_removes_isolated_tenants(client):
    tenant = create(client, "skode", "sk_live_your_api_key")
    assert client.post("/__admin/reset").status_code == 200
    assert tenant["id"] not in listed(client, "skode")
    assert client.get(f"{SKODE}/leads", headers=skode_key(tenant)).status_code == 401
    assert client.delete(f"{TENANTS}/{tenant['id']}").status_code == 404


def test_a_copy_of_a_copy_is_isolated_too(client):
    first = create(client, "lio", "org_acme")
    email = next(u["email"] for u in first["users"] if u["password"] == "your_password")
    second = create(client, "lio", email)
    assert second["id"] not in (first["id"], "org_acme")
    assert any(u["password"] == "your_password" for u in second["users"])
    assert lio_list(client, lio_admin(client, second), "/lead/list")["total"] == \
        lio_list(client, lio_admin(client, first), "/lead/list")["total"]


def test_admin_token_guards_tenant_routes(make_app):
    guarded = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert guarded.post(TENANTS, json={"vendor": "skode"}).status_code == 401
    assert guarded.delete(f"{TENANTS}/ws_examplecorp").status_code == 401
    ok = guarded.post(TENANTS, json={"vendor": "skode"}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201


def test_reset_after_an_isolated_copy_replays_the_undo_log_without_a_full_copy(client, app, monkeypatch):
    created = client.post("/__admin/tenants", json={"vendor": "lio", "like": "org_acme"}).get_json()
    database = app.extensions["leadmock.db"]
    monkeypatch.setattr(database, "_restore_copy", lambda name: pytest.fail("reset fell back to the full copy"))
    assert client.post("/__admin/reset").status_code == 200
    listed = client.get("/__admin/tenants").get_json()["lio"]
    assert created["id"] not in [tenant["id"] for tenant in listed]
