"""The shared body parser: JSON whatever the Content-Type, hostile JSON rejected as invalid."""

import pytest

CREATIVE = {"X-Discko-Key": "dk_test_creative_minds"}


@pytest.mark.parametrize("raw", [b'{"status": "\\ud800"}', b'{"status": NaN}', b'{"status": "WON"} trailing'])
def test_json_no_store_could_keep_is_invalid_json_for_every_vendor(client, raw):
    response = client.put("/discko/api/v1/leads/req_xyz789", headers=CREATIVE, data=raw,
                          content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "INVALID_JSON"


def test_nested_validation_messages_are_flattened_under_the_field_name(client):
    response = client.post("/skode/v1/leads", headers={"Authorization": "Bearer sk_live_your_api_key"},
                           json={"name": "Nested", "tags": ["ok", 1]})
    assert response.status_code == 422
    assert response.get_json()["details"] == {"tags": ["1: Not a valid string."]}


def test_query_arguments_parsed_again_are_equal_and_not_shared(app):
    import marshmallow as ma

    from app.core.vendor import Parser

    class Query(ma.Schema):
        ids = ma.fields.List(ma.fields.Integer())
        page = ma.fields.Integer(load_default=1)

    parser, schema = Parser(), Query()
    with app.test_request_context("/x?ids=1&ids=2&page=3"):
        first = parser.parse(schema, location="query")
        first["ids"].append(99)
        first["page"] = 7
        assert parser.parse(schema, location="query") == {"ids": [1, 2], "page": 3}
    with app.test_request_context("/x?page=oops"):
        for _ in range(2):                      # an error is never kept: it answers every time
            with pytest.raises(Exception) as raised:
                parser.parse(schema, location="query")
            assert "page" in str(raised.value.fields)
