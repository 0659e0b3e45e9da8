"""The committed specs under openapi/ are exactly what the code generates."""

import json
import pathlib

import pytest

from app import VENDORS
from app.__main__ import spec_texts

OPENAPI = pathlib.Path(__file__).resolve().parents[2] / "openapi"


@pytest.fixture(scope="module")
def generated(app):
    return spec_texts(app)


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_committed_spec_matches_generated_spec(generated, vendor):
    committed = (OPENAPI / f"{vendor}.json").read_text()
    assert committed == generated[vendor], f"openapi/{vendor}.json is stale: run `make openapi`"


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_served_spec_equals_committed_spec(client, vendor):
    served = client.get(f"/{vendor}/openapi.json")
    assert served.status_code == 200
    assert served.get_json() == json.loads((OPENAPI / f"{vendor}.json").read_text())


def test_admin_routes_never_appear_in_a_vendor_spec(generated):
    for text in generated.values():
        assert "/__admin" not in "".join(json.loads(text)["paths"])


def test_discko_spec_documents_security_and_error_body(generated):
    spec = json.loads(generated["discko"])
    assert spec["components"]["securitySchemes"]["DisckoKey"] == {"type": "apiKey", "in": "header", "name": "X-Discko-Key"}
    assert spec["security"] == [{"DisckoKey": []}]
    error = spec["components"]["schemas"]["Error"]["properties"]
    assert set(error) == {"success", "error", "timestamp"}
    assert "Sandbox:" in spec["paths"]["/api/v1/leads"]["get"]["description"]


def test_swagger_ui_is_served_from_local_assets(client):
    page = client.get("/discko/docs")
    assert page.status_code == 200 and b"/__assets/swagger-ui/swagger-ui-bundle.js" in page.data
    assert b"cdn" not in page.data.lower()
    asset = client.get("/__assets/swagger-ui/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
