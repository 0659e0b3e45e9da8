"""Skode list totals come from counts kept in the write transaction: they follow every change."""

from tests.vendors.skode.helpers import AUTH, BASE, EXAMPLE_CORP_LEADS, OTHER

EVER = "2000-01-01T00:00:00Z"   # a created_after filter that matches everything: the total is counted row by row


def total(client, headers=AUTH, **params):
    response = client.get(f"{BASE}/leads", headers=headers, query_string=params)
    assert response.status_code == 200, response.json
    return response.json["meta"]["total"]


def assert_totals_agree(client):
    for status in (None, "new", "contacted", "qualified", "converted", "lost"):
        params = {"status": status} if status else {}
        assert total(client, **params) == total(client, created_after=EVER, **params)
        assert total(client, headers=OTHER, **params) == total(client, headers=OTHER, created_after=EVER, **params)


def test_totals_follow_creates_status_changes_deletes_restores_and_reset(client):
    assert total(client) == EXAMPLE_CORP_LEADS
    new_before = total(client, status="new")
    created = client.post(f"{BASE}/leads", headers=AUTH, json={"name": "Counted", "status": "new"}).json["data"]
    assert total(client) == EXAMPLE_CORP_LEADS + 1 and total(client, status="new") == new_before + 1
    assert client.patch(f"{BASE}/leads/{created['id']}", headers=AUTH, json={"status": "converted"}).status_code == 200
    assert total(client, status="new") == new_before
    assert_totals_agree(client)
    assert client.delete(f"{BASE}/leads/lead_abc123", headers=AUTH).status_code in (200, 204)
    assert total(client) == EXAMPLE_CORP_LEADS
    assert client.post("/__admin/skode/trash/lead_abc123/restore").status_code == 200
    assert total(client) == EXAMPLE_CORP_LEADS + 1
    assert_totals_agree(client)
    client.post("/__admin/reset")
    assert total(client) == EXAMPLE_CORP_LEADS and total(client, status="new") == new_before
    assert_totals_agree(client)


def test_a_filtered_page_sorted_by_another_field_is_in_order_with_its_total(client):
    page = client.get(f"{BASE}/leads", headers=AUTH,
                      query_string={"status": "new", "sort": "-deal_value", "per_page": 100}).json
    values = [lead["deal_value"] for lead in page["data"]]
    assert all(lead["status"] == "new" for lead in page["data"])
    assert values == sorted(values, key=lambda v: (v is not None, v), reverse=True)
    assert page["meta"]["total"] == total(client, status="new", created_after=EVER) == len(page["data"])
