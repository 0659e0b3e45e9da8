"""Skode trash: DELETE moves a lead to the trash; ``/__admin/skode`` restores it
for 30 days of sandbox time, then it is purged."""

from tests.vendors.skode.helpers import AUTH, BASE, EXAMPLE_CORP, FROZEN_AT, OTHER, OTHER_WORKSPACE, advance, freeze

TRASH = "/__admin/skode/trash"
DAY = 86400


def trash_ids(client, workspace=EXAMPLE_CORP):
    response = client.get(TRASH, query_string={"workspace": workspace})
    assert response.status_code == 200, response.json
    return [item["id"] for item in response.json["data"]]


def trashed_rows(app):
    return app.extensions["leadmock.db"].conn().execute("SELECT count(*) FROM skode_lead_trash").fetchone()[0]


def test_deleted_lead_is_listed_in_the_trash_with_deleted_at_and_purge_at(client):
    freeze(client)
    original = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    body = client.get(TRASH, query_string={"workspace": EXAMPLE_CORP}).json
    assert body["total"] == 1
    item = body["data"][0]
    assert item["id"] == "lead_abc123" and item["workspace_id"] == EXAMPLE_CORP
    assert item["deleted_at"] == FROZEN_AT and item["purge_at"] == "2026-04-15T09:00:05Z"
    assert item["lead"] == original


def test_trash_is_per_workspace(client):
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    client.delete(f"{BASE}/leads/lead_xyz789", headers=OTHER)
    assert trash_ids(client, EXAMPLE_CORP) == ["lead_abc123"]
    assert trash_ids(client, OTHER_WORKSPACE) == ["lead_xyz789"]
    assert sorted(item["id"] for item in client.get(TRASH).json["data"]) == ["lead_abc123", "lead_xyz789"]


def test_trash_of_unknown_workspace_is_404_plain_error(client):
    response = client.get(TRASH, query_string={"workspace": "ws_nope"})
    assert response.status_code == 404
    assert response.json["error"] == "not_found" and response.json["message"]


def test_restore_brings_the_lead_back_unchanged(client):
    original = client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"]
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    response = client.post(f"{TRASH}/lead_abc123/restore")
    assert response.status_code == 200
    assert response.json["lead"] == original and response.json["workspace_id"] == EXAMPLE_CORP
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).json["data"] == original
    assert client.get(f"{BASE}/leads/lead_abc123", headers=OTHER).status_code == 404
    assert trash_ids(client) == []


def test_restore_of_unknown_or_live_lead_is_404(client):
    assert client.post(f"{TRASH}/lead_nope/restore").status_code == 404
    response = client.post(f"{TRASH}/lead_abc123/restore")
    assert response.status_code == 404 and response.json["error"] == "not_found"


def test_restore_twice_is_404_the_second_time(client):
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 200
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 404


def test_lead_is_restorable_until_30_days(client):
    freeze(client)
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 30 * DAY - 1)
    assert trash_ids(client) == ["lead_abc123"]
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 200


def test_lead_is_purged_after_30_days(client):
    freeze(client)
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 30 * DAY)
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 404
    assert trash_ids(client) == []
    assert client.get(f"{BASE}/leads/lead_abc123", headers=AUTH).status_code == 404


def test_purge_happens_on_the_next_delete(app, client):
    freeze(client)
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 31 * DAY)
    assert trashed_rows(app) == 1          # nothing read the trash yet
    client.delete(f"{BASE}/leads/lead_xyz789", headers=OTHER)
    assert trashed_rows(app) == 1          # only the new one is left
    assert trash_ids(client, OTHER_WORKSPACE) == ["lead_xyz789"]


def test_trash_requires_the_admin_token_when_set(make_app):
    client = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert client.get(TRASH).status_code == 401
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 401
    assert client.get(TRASH, headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_trash_is_not_in_the_skode_spec(client):
    paths = client.get("/skode/openapi.json").json["paths"]
    assert not any("trash" in path or "__admin" in path for path in paths)


def test_due_purge_is_settled_before_authentication_on_any_skode_request(app, client):
    freeze(client)
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 30 * DAY)
    assert trashed_rows(app) == 1
    assert client.get(f"{BASE}/leads").status_code == 401      # no credentials: still settled
    assert trashed_rows(app) == 0


def test_restore_cancels_the_purge_and_a_new_delete_gets_30_fresh_days(client):
    freeze(client)
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 20 * DAY)
    assert client.post(f"{TRASH}/lead_abc123/restore").status_code == 200
    client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH)
    advance(client, 20 * DAY)                   # 40 days after the first delete, 20 after the second
    assert trash_ids(client) == ["lead_abc123"]
    advance(client, 10 * DAY)
    assert trash_ids(client) == []
