"""The Skode documentation's curl and JavaScript examples, run verbatim (base URL
swapped for the sandbox's) against a live sandbox over real HTTP."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

HERE = pathlib.Path(__file__).parent
KEY_HEADER = "Authorization: Bearer sk_live_your_api_key"
CREATED = {"name": "Jane Doe", "email": "jane@example.com", "phone": "+1-555-0123", "company": "Example Corp",
           "source": "website", "deal_value": 25000,
           "custom_fields": {"industry": "Technology", "employees": "50-200"}}


@pytest.fixture
def base_url(app, live_server):
    return live_server(app) + "/skode/v1"


def curl(*args):
    """Run curl; returns (status, headers, body or None)."""
    out = subprocess.run(["curl", "-s", "-i", *args], capture_output=True, text=True, timeout=30, check=True)
    head, _, body = out.stdout.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, json.loads(body) if body.strip() else None


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_doc_curl_examples_behave_as_documented(base_url):
    # List Leads
    status, headers, body = curl("-X", "GET", f"{base_url}/leads?page=1&per_page=25&status=new&sort=-created_at",
                                 "-H", KEY_HEADER)
    assert status == 200 and body["meta"]["page"] == 1 and body["meta"]["per_page"] == 25
    assert body["data"] and all(lead["status"] == "new" for lead in body["data"])
    assert headers["x-ratelimit-limit"] == "10000"
    # Get a Lead
    status, _, body = curl("-X", "GET", f"{base_url}/leads/lead_abc123", "-H", KEY_HEADER)
    assert status == 200 and body["data"]["id"] == "lead_abc123"
    # Update a Lead
    status, _, body = curl("-X", "PATCH", f"{base_url}/leads/lead_abc123", "-H", KEY_HEADER,
                           "-H", "Content-Type: application/json", "-d", '{"status": "qualified", "deal_value": 50000}')
    assert status == 200
    assert body["data"]["status"] == "qualified" and body["data"]["deal_value"] == 50000
    assert body["data"]["name"] == "Jane Doe"
    # Search Leads
    status, _, body = curl("-X", "POST", f"{base_url}/leads/search", "-H", KEY_HEADER,
                           "-H", "Content-Type: application/json",
                           "-d", '{"query": "example.com", "fields": ["email", "company"]}')
    assert status == 200 and "lead_abc123" in [lead["id"] for lead in body["data"]]
    # Delete a Lead: 204 No Content, then gone
    status, headers, body = curl("-X", "DELETE", f"{base_url}/leads/lead_abc123", "-H", KEY_HEADER)
    assert status == 204 and body is None and "x-ratelimit-remaining" in headers
    status, _, body = curl("-X", "GET", f"{base_url}/leads/lead_abc123", "-H", KEY_HEADER)
    assert status == 404 and body["error"] == "not_found"


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_doc_javascript_create_example_works(base_url):
    env = dict(os.environ, SKODE_API_URL=base_url)
    out = subprocess.run(["node", str(HERE / "doc_examples.mjs")], capture_output=True, text=True, timeout=60,
                         env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["status"] == 201 and result["rateLimit"] == "10000"
    lead = result["body"]["data"]
    assert {k: lead[k] for k in CREATED} == CREATED
    assert result["location"] == f"/skode/v1/leads/{lead['id']}"
