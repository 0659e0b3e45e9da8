"""core.vendor.VendorBlueprint, proven on a tiny test vendor mounted like a real one.

Aliased prefixes (documented once, auth under every name), the success-envelope
hook with per-route options, declared non-JSON responses and JSON-or-form parsing.
"""

import io

import marshmallow as ma
import pytest
from flask import Flask
from flask.views import MethodView

from app import _mount_vendor
from app.core import auth, handlers
from app.core.errors import Unauthorized
from app.core.json import OrjsonProvider
from app.core.paging import Page
from app.core.vendor import Vendor, VendorApi, VendorBlueprint

KEY = {"X-Key": "secret"}
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def authenticate():
    if auth.header("X-Key") != "secret":
        raise Unauthorized()
    return {"tenant": "t1"}


class ThingSchema(ma.Schema):
    id = ma.fields.Integer(required=True)


class EchoSchema(ma.Schema):
    name = ma.fields.String(required=True)
    tags = ma.fields.List(ma.fields.String())


class ThingsBlueprint(VendorBlueprint):
    def render_success(self, result, *, message="", envelope="data"):
        if envelope == "flat":
            return {"success": True, **result}
        if isinstance(result, Page):
            return {"success": True, "message": message, "data": result.items, "total": result.total}
        return {"success": True, "message": message, "data": result}


blp = ThingsBlueprint("test_things", __name__, prefixes=("/api/v1", "/api"), auth=authenticate)
public = ThingsBlueprint("test_public", __name__, url_prefix="/api/v1")


@blp.route("/things")
class Things(MethodView):
    @blp.response(200, ThingSchema(many=True), message="Things fetched")
    def get(self):
        """List things"""
        return Page([{"id": 1}, {"id": 2}], total=2, page=1, per_page=25)


@blp.route("/things/<int:thing_id>")
class ThingById(MethodView):
    @blp.response(200, ThingSchema, message="Thing fetched")
    def get(self, thing_id):
        """Get a thing"""
        return {"id": thing_id, "tenant": auth.principal()["tenant"]}

    @blp.response(204)
    def delete(self, thing_id):
        """Delete a thing"""


@blp.route("/export", methods=["GET"])
@blp.response(200, content_type="text/csv", headers={"Content-Disposition": {"schema": {"type": "string"}}})
def export():
    """Export things as CSV"""
    return "id\n1\n2\n", 200, {"Content-Disposition": 'attachment; filename="things.csv"'}


@public.route("/login", methods=["POST"])
@public.arguments(EchoSchema, location="json_or_form")
@public.response(200, envelope="flat")
def login(body):
    """Log in (flat envelope)"""
    return {"access_token": "tok", "echo": body}


@public.route("/pixel/<token>", methods=["GET"])
@public.response(200, content_type="image/gif")
def pixel(token):
    """Tracking pixel"""
    return GIF


@public.route("/form", methods=["GET"])
@public.response(200, content_type="text/html")
def form():
    """Hosted form"""
    return "<form method='post'></form>"


@public.route("/go/<token>", methods=["GET"])
@public.response(302, description="Redirect to the stored URL")
def go(token):
    """Click redirect"""
    return f"https://example.com/{token}?from=mail"


def render_error(error):
    return {"error": type(error).__name__, "fields": getattr(error, "fields", None)}, error.status, error.headers


TEST_VENDOR = Vendor(name="testvendor", title="Test vendor", api_class=VendorApi, blueprints=[blp, public],
                     render_error=render_error, create_tables=None, seed=None, tenants=lambda: [])


@pytest.fixture(scope="module")
def mounted():
    app = Flask(__name__)
    app.json = OrjsonProvider(app)
    app.config.update(TESTVENDOR_API_TITLE="Test", TESTVENDOR_API_VERSION="v1", TESTVENDOR_OPENAPI_VERSION="3.0.3")
    app.extensions.update({"leadmock.mounts": {}, "leadmock.vendors": {}, "leadmock.apis": {}})
    api = _mount_vendor(app, TEST_VENDOR, "/tv")
    app.extensions["leadmock.error_renderers"] = [("/tv", render_error)]
    handlers.init_app(app)
    return app, api.spec.to_dict()


@pytest.fixture
def client(mounted):
    return mounted[0].test_client()


@pytest.fixture
def spec(mounted):
    return mounted[1]


# -- prefixes ------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["/tv/api/v1", "/tv/api"])
def test_every_prefix_answers_the_same(client, prefix):
    response = client.get(f"{prefix}/things/7", headers=KEY)
    assert response.status_code == 200
    assert response.json == {"success": True, "message": "Thing fetched", "data": {"id": 7, "tenant": "t1"}}


@pytest.mark.parametrize("prefix", ["/tv/api/v1", "/tv/api"])
def test_the_blueprint_auth_runs_under_every_prefix(client, prefix):
    response = client.get(f"{prefix}/things/7")
    assert response.status_code == 401 and response.json["error"] == "Unauthorized"


def test_only_the_first_prefix_is_in_the_spec(spec):
    assert "/tv/api/v1/things/{thing_id}" in spec["paths"]
    assert not [path for path in spec["paths"] if path.startswith("/tv/api/things")]
    assert "test_things__alias1" not in {tag["name"] for tag in spec["tags"]}


def test_prefixes_default_to_the_url_prefix():
    assert public.prefixes == ("/api/v1",)
    assert blp.prefixes == ("/api/v1", "/api")


# -- the envelope hook ---------------------------------------------------------------------
def test_render_success_receives_the_route_options_and_renders_a_page(client):
    response = client.get("/tv/api/things", headers=KEY)
    assert response.json == {"success": True, "message": "Things fetched", "data": [{"id": 1}, {"id": 2}],
                             "total": 2}


def test_a_flat_route_answers_without_data(client):
    response = client.post("/tv/api/v1/login", json={"name": "ann"})
    assert response.status_code == 200
    assert response.json == {"success": True, "access_token": "tok", "echo": {"name": "ann"}}


def test_an_option_the_hook_does_not_take_fails_when_the_route_is_declared():
    with pytest.raises(TypeError):
        blp.response(200, ThingSchema, mesage="typo")


def test_the_default_hook_takes_no_options():
    with pytest.raises(TypeError):
        VendorBlueprint("plain", __name__).response(200, message="x")


def test_204_is_an_empty_body_without_content_type(client):
    response = client.delete("/tv/api/things/7", headers=KEY)
    assert response.status_code == 204 and response.data == b"" and "Content-Type" not in response.headers


# -- non-JSON responses ------------------------------------------------------------------------
def test_a_gif_route_serves_the_bytes_as_image_gif(client, spec):
    response = client.get("/tv/api/v1/pixel/abc")
    assert response.status_code == 200 and response.content_type == "image/gif" and response.data == GIF
    content = spec["paths"]["/tv/api/v1/pixel/{token}"]["get"]["responses"]["200"]["content"]
    assert content == {"image/gif": {"schema": {"type": "string", "format": "binary"}}}


def test_an_html_route_serves_text_html(client, spec):
    response = client.get("/tv/api/v1/form")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.get_data(as_text=True) == "<form method='post'></form>"
    content = spec["paths"]["/tv/api/v1/form"]["get"]["responses"]["200"]["content"]
    assert content == {"text/html": {"schema": {"type": "string"}}}


def test_a_csv_route_serves_text_csv_with_the_view_headers(client, spec):
    response = client.get("/tv/api/export", headers=KEY)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data == b"id\n1\n2\n"
    assert response.headers["Content-Disposition"] == 'attachment; filename="things.csv"'
    assert list(spec["paths"]["/tv/api/v1/export"]["get"]["responses"]["200"]["content"]) == ["text/csv"]


def test_a_302_route_redirects_to_the_url_the_view_returns(client, spec):
    response = client.get("/tv/api/v1/go/t1")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.com/t1?from=mail"
    documented = spec["paths"]["/tv/api/v1/go/{token}"]["get"]["responses"]["302"]
    assert documented == {"description": "Redirect to the stored URL"}


# -- JSON or form ------------------------------------------------------------------------------
def echo(client, **kwargs):
    response = client.post("/tv/api/v1/login", **kwargs)
    return response.status_code, response.json


def test_json_or_form_reads_json(client):
    assert echo(client, json={"name": "ann", "tags": ["a"]}) == (
        200, {"success": True, "access_token": "tok", "echo": {"name": "ann", "tags": ["a"]}})


def test_json_or_form_reads_a_url_encoded_form(client):
    status, body = echo(client, data={"name": "ann", "tags": ["a", "b"]})
    assert status == 200 and body["echo"] == {"name": "ann", "tags": ["a", "b"]}


def test_json_or_form_reads_json_sent_with_the_form_content_type(client):
    status, body = echo(client, data='{"name": "curl"}', content_type="application/x-www-form-urlencoded")
    assert status == 200 and body["echo"] == {"name": "curl"}


def test_json_or_form_reads_multipart_as_a_form(client):
    status, body = echo(client, data={"name": "ann", "file": (io.BytesIO(b"{}"), "x.json")},
                        content_type="multipart/form-data")
    assert status == 200 and body["echo"] == {"name": "ann"}


def test_json_or_form_with_unreadable_json_is_invalid_json(client):
    assert echo(client, data="{nope", content_type="application/json")[1]["error"] == "InvalidJson"


def test_json_or_form_validates_like_any_body(client):
    status, body = echo(client, data={"tags": "a"})
    assert status == 422 and body["fields"] == {"name": ["Missing data for required field."]}


def test_json_or_form_is_documented_as_json_and_url_encoded(spec):
    body = spec["paths"]["/tv/api/v1/login"]["post"]["requestBody"]
    assert body["required"] is True
    assert list(body["content"]) == ["application/json", "application/x-www-form-urlencoded"]
    assert "parameters" not in spec["paths"]["/tv/api/v1/login"]["post"]


def test_doc_documents_a_copy_that_runs_without_a_wrapper_and_leaves_the_function_as_it_was():
    def view(a, *, b=2):
        """Summary line."""
        return a + b

    once = VendorBlueprint.doc(operationId="one")(view)
    twice = VendorBlueprint.doc(summary="Two")(once)
    assert once is not view and not hasattr(view, "_apidoc") and once(1) == 3 and twice(1, b=5) == 6
    assert once._apidoc["manual_doc"] == {"operationId": "one"}
    assert twice._apidoc["manual_doc"] == {"operationId": "one", "summary": "Two"}
    assert twice.__doc__ == view.__doc__ and twice.__name__ == "view" and not hasattr(twice, "__wrapped__")
