"""The Discko documentation's examples, run against a live sandbox."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

HERE = pathlib.Path(__file__).parent


@pytest.fixture
def base_url(app, live_server):
    return live_server(app) + "/discko/api/v1"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_doc_curl_examples_behave_as_documented(base_url, documented):
    def curl(*args):
        out = subprocess.run(["curl", "-s", *args], capture_output=True, text=True, timeout=30, check=True)
        return json.loads(out.stdout)

    # curl -X GET "https://app.discko.io/api/v1/leads" -H "X-Discko-Key: <YOUR_API_KEY>"
    listed = curl("-X", "GET", f"{base_url}/leads", "-H", "X-Discko-Key: dk_test_webflow_agency")
    assert listed["success"] is True and documented["req_abc123"] in listed["data"]
    # curl -H "X-Discko-Key: <YOUR_API_KEY>" "https://app.discko.io/api/v1/leads/req_xyz789"
    one = curl("-H", "X-Discko-Key: dk_test_creative_minds", f"{base_url}/leads/req_xyz789")
    assert one == {"success": True, "data": documented["req_xyz789"]}
    # curl -X PUT ".../leads/req_xyz789" -H "X-Discko-Key: ..." -H "Content-Type: application/json" -d '{"status": "IN_PROGRESS"}'
    updated = curl("-X", "PUT", f"{base_url}/leads/req_xyz789", "-H", "X-Discko-Key: dk_test_creative_minds",
                   "-H", "Content-Type: application/json", "-d", '{"status": "IN_PROGRESS"}')
    assert updated == {"success": True, "data": dict(documented["req_xyz789"], status="IN_PROGRESS")}


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_doc_nodejs_list_and_update_functions_work(base_url, documented):
    env = dict(os.environ, DISCKO_API_URL=base_url, DISCKO_API_KEY="dk_test_creative_minds")
    out = subprocess.run(["node", str(HERE / "doc_examples.mjs")], capture_output=True, text=True,
                         timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert documented["req_xyz789"] in result["listed"]["data"]
    assert result["updated"] == {"success": True, "data": dict(documented["req_xyz789"], status="IN_PROGRESS")}
    assert result["failure"] == "Request failed: 400"
