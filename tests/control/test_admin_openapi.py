"""/__admin's own OpenAPI document and Swagger UI."""

import re

import schemathesis

PARAM = re.compile(r"<(?:[^:<>]+:)?[^<>]+>")
OPENAPI_PARAM = re.compile(r"\{[^}]+\}")


def _shape(path):
    """A path with every parameter as ``{}`` (names may differ between a rule and the document)."""
    return OPENAPI_PARAM.sub("{}", PARAM.sub("{}", path.rstrip("/") or "/"))


def test_every_admin_route_is_in_the_admin_openapi_document(app, client):
    document = client.get("/__admin/openapi.json").get_json()
    documented = {(_shape(path), method.upper()) for path, item in document["paths"].items() for method in item}
    missing = sorted(
        (rule.rule, method) for rule in app.url_map.iter_rules() if rule.rule.startswith("/__admin")
        for method in rule.methods - {"HEAD", "OPTIONS"} if (_shape(rule.rule), method) not in documented
    )
    assert missing == [], "document these routes in app/control/openapi.py"


def test_admin_openapi_document_is_openapi_3_with_a_summary_per_operation(client):
    document = client.get("/__admin/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    assert all(operation.definition.raw.get("summary") for operation in operations)
    ids = [operation.definition.raw["operationId"] for operation in operations]
    assert len(ids) == len(set(ids))


def test_admin_docs_page_is_swagger_ui_from_local_assets(client):
    page = client.get("/__admin/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "/__admin/openapi.json" in text and "/__assets/swagger-ui/swagger-ui-bundle.js" in text
    assert client.get("/__assets/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_admin_openapi_needs_the_admin_token_when_set(make_app):
    locked = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert locked.get("/__admin/openapi.json").status_code == 401
    assert locked.get("/__admin/openapi.json", headers={"Authorization": "Bearer s3cret"}).status_code == 200
