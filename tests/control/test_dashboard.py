"""The page at ``/``: API base URLs a client can use, working example requests, a capped tenant list,
and no credentials without the admin token when one is set."""

import html
import re
import shlex

import pytest

from app import create_app


def page_text(response):
    return html.unescape(response.get_data(as_text=True))


def examples(text):
    """The curl lines shown in the page's <pre> blocks."""
    return [line for line in re.findall(r"<pre><code>(.*?)</code></pre>", text, re.S) if line.startswith("curl ")]


def every_credential(tenants):
    return {value for vendor in tenants.values() for tenant in vendor for value in tenant["credentials"].values()}


def test_dashboard_shows_the_api_base_urls_a_client_needs(client):
    text = page_text(client.get("/"))
    for base in ("http://localhost/discko/api/v1", "http://localhost/skode/v1", "http://localhost/skarbe"):
        assert f"<code>{base}</code>" in text
    for real in ("https://app.discko.io/api/v1", "https://api.skodeai.com/v1", "https://api.skarbe.com"):
        assert f"<code>{real}</code>" in text
    assert "<code>http://localhost/discko</code>" not in text  # the mount alone is not a base URL


def test_dashboard_example_requests_work_as_copied(client):
    lines = examples(page_text(client.get("/")))
    assert len(lines) == len(client.application.extensions["leadmock.vendors"])
    for line in lines:
        words = shlex.split(line)
        method = words[words.index("-X") + 1] if "-X" in words else "GET"
        headers = dict(words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H")
        data = words[words.index("-d") + 1] if "-d" in words else None
        url = words[-1]
        assert url.startswith("http://localhost/")
        response = client.open(url[len("http://localhost"):], method=method, headers=headers, data=data)
        assert response.status_code == 200, (line, response.get_json())


def test_dashboard_base_urls_follow_a_single_vendor_mount(make_app):
    solo = make_app(VENDOR="discko").test_client()
    text = page_text(solo.get("/"))
    assert "<code>http://localhost/api/v1</code>" in text and "http://localhost/api/v1/leads/req_xyz789" in text
    assert solo.get("/api/v1/leads/req_xyz789", headers={"X-Discko-Key": "dk_test_creative_minds"}).status_code == 200


def test_dashboard_lists_the_well_known_tenants_and_counts_the_others(tmp_path):
    big = create_app({"DATABASE": str(tmp_path / "big.sqlite"), "SEED": 42, "SCALE": 2500, "FRESH": True})
    client = big.test_client()
    tenants = client.get("/__admin/tenants").get_json()
    text = page_text(client.get("/"))
    for vendor, well_known in (("discko", 2), ("skode", 2), ("skarbe", 2)):
        generated = tenants[vendor][well_known:]
        assert len(generated) > 10
        assert f"and {len(generated)} generated tenants" in text
        for tenant in generated:
            for credential in tenant["credentials"].values():
                assert credential not in text
    for credential in ("dk_test_webflow_agency", "sk_live_other_workspace", "skode_demo_secret", "sk_live_globex_workspace"):
        assert credential in text
    assert 'href="/__admin/tenants"' in text


# -- with LEADMOCK_ADMIN_TOKEN ----------------------------------------------------------
@pytest.fixture
def guarded(make_app):
    return make_app(ADMIN_TOKEN="s3cret").test_client()


def test_locked_dashboard_shows_vendors_and_base_urls_but_no_credential(guarded):
    response = guarded.get("/")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    text = page_text(response)
    assert "<code>http://localhost/skode/v1</code>" in text and "LEADMOCK_ADMIN_TOKEN" in text
    assert 'id="token"' in text and 'id="reset"' not in text
    tenants = guarded.get("/__admin/tenants", headers={"Authorization": "Bearer s3cret"}).get_json()
    leaked = [credential for credential in every_credential(tenants) if credential in text]
    assert leaked == []
    assert 'curl -H "X-Api-Key: <API key>"' in text  # examples keep their shape


def test_dashboard_with_the_admin_token_shows_credentials_and_reset(guarded):
    response = guarded.get("/", headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 200 and "Authorization" in response.headers["Vary"]
    text = page_text(response)
    assert "dk_test_webflow_agency" in text and "skode_demo_secret" in text and 'id="reset"' in text
    assert 'curl -H "X-Discko-Key: dk_test_creative_minds"' in text


def test_dashboard_with_a_wrong_admin_token_is_401_and_stays_locked(guarded):
    response = guarded.get("/", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    assert "dk_test_webflow_agency" not in page_text(response)


def test_the_dashboard_reset_needs_the_admin_token(guarded):
    assert guarded.post("/__admin/reset", headers={"Origin": "http://localhost"}).status_code == 401
    assert guarded.post("/__admin/reset", headers={"Origin": "http://localhost",
                                                   "Authorization": "Bearer s3cret"}).status_code == 200
