"""``GET /api/connect/contacts/lead-statuses`` and ``GET /api/connect/me``."""

from tests.vendors.skarbe._support import ACME, GLOBEX, LEAD_STATUSES, ME

STATUSES = [
    {"id": 1, "type": "lead", "label": "New Lead", "color": "#3B82F6", "order": 1},
    {"id": 2, "type": "qualified", "label": "Qualified Lead", "color": "#10B981", "order": 2},
    {"id": 3, "type": "disqualified", "label": "Disqualified", "color": "#EF4444", "order": 3},
]


def test_lead_statuses_are_the_documented_list_in_order(client):
    response = client.get(LEAD_STATUSES, headers=ACME)
    assert response.status_code == 200
    assert response.get_json() == STATUSES
    assert [list(status) for status in response.get_json()] == [["id", "type", "label", "color", "order"]] * 3


def test_every_workspace_has_the_same_lead_status_ids(client):
    assert client.get(LEAD_STATUSES, headers=GLOBEX).get_json() == STATUSES


def test_me_is_the_documented_example(client):
    response = client.get(ME, headers={**ACME, "Accept": "application/json"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_data() == (b'{"details":{"name":"John Admin","email":"john@acme.test"},'
                                   b'"workspace":{"name":"Acme Corporation"}}')


def test_me_of_globex(client):
    assert client.get(ME, headers=GLOBEX).get_json() == {
        "details": {"name": "Gina Globex", "email": "gina@globex.test"}, "workspace": {"name": "Globex"}}
