"""The pytest plugin (app/pytest_plugin.py), used here the way a user's suite uses it.

These tests take the plugin's fixtures: a leadmock server of this session on a free port, reset before
each test, with the journal, faults, the clock and isolated tenants at hand.
"""

import json
import os
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(url, method="GET", body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_base_url_and_credentials_reach_the_documented_tenant(leadmock):
    status, contacts = call(leadmock.base_url("skarbe") + "/api/connect/contacts",
                            headers=leadmock.credentials("skarbe"))
    assert status == 200
    assert isinstance(contacts, list) and contacts


def test_assert_requested_counts_exactly_the_matching_requests(leadmock):
    headers = leadmock.credentials("skarbe")
    for _ in range(2):
        call(leadmock.base_url("skarbe") + "/api/connect/contacts?query=jo", headers=headers)
    call(leadmock.base_url("skarbe") + "/api/connect/me", headers=headers)

    assert leadmock.assert_requested("GET", "/skarbe/api/connect/contacts", times=2) == 2
    assert leadmock.count(vendor="skarbe") == 3
    with pytest.raises(AssertionError, match="expected POST /skarbe/api/connect/contacts"):
        leadmock.assert_requested("POST", "/skarbe/api/connect/contacts")


def test_journal_starts_empty_in_every_test_on_a_server_of_its_own(leadmock):
    assert leadmock.requests() == []


def test_fault_answers_the_vendors_error_body_and_expires_after_its_times(leadmock):
    leadmock.fault("skarbe", method="GET", path="/skarbe/api/connect/me", status=503, times=1)
    url, headers = leadmock.base_url("skarbe") + "/api/connect/me", leadmock.credentials("skarbe")

    status, body = call(url, headers=headers)
    assert status == 503 and "error" in body
    assert call(url, headers=headers)[0] == 200


def test_advance_moves_the_sandbox_clock(leadmock):
    before = leadmock.freeze("2026-03-01T09:00:00Z")
    assert before["now"].startswith("2026-03-01T09:00:00")
    after = leadmock.advance(3600)
    assert after["now"].startswith("2026-03-01T10:00:00")


def test_isolated_tenant_writes_stay_invisible_to_the_tenant_it_copies(leadmock, leadmock_tenant):
    mine = leadmock_tenant("skarbe")
    contacts = leadmock.base_url("skarbe") + "/api/connect/contacts"
    source_count = len(call(contacts, headers=leadmock.credentials("skarbe"))[1])
    assert len(call(contacts, headers=mine["credentials"])[1]) == source_count

    status, _ = call(contacts, "POST", {"email": "only.mine@example.com"}, headers=mine["credentials"])
    assert status == 200
    assert len(call(contacts, headers=mine["credentials"])[1]) == source_count + 1
    assert len(call(contacts, headers=leadmock.credentials("skarbe"))[1]) == source_count


EXAMPLE_SUITE = '''
import json, urllib.request

def get(url, headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return json.loads(response.read())

def create(leadmock, tenant, email):
    request = urllib.request.Request(leadmock.base_url("skarbe") + "/api/connect/contacts", method="POST",
                                     data=json.dumps({{"email": email}}).encode(),
                                     headers={{"Content-Type": "application/json", **tenant["credentials"]}})
    urllib.request.urlopen(request, timeout=30).close()

{tests}
'''

EXAMPLE_TEST = '''
def test_writer_{n}(leadmock, leadmock_tenant):
    tenant = leadmock_tenant("skarbe")
    before = get(leadmock.base_url("skarbe") + "/api/connect/contacts", tenant["credentials"])
    create(leadmock, tenant, "writer{n}@example.com")
    after = get(leadmock.base_url("skarbe") + "/api/connect/contacts", tenant["credentials"])
    assert len(after) == len(before) + 1
    assert leadmock.count(method="POST", tenant=tenant["id"]) == 1
'''


def run_example_suite(tmp_path, *args, env=None):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_example.py").write_text(
        EXAMPLE_SUITE.format(tests="\n".join(EXAMPLE_TEST.format(n=n) for n in range(4))))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(suite),
                           "--leadmock-scale", "20", *args, str(suite)],
                          cwd=str(suite), capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def test_example_suite_passes_under_xdist_with_two_workers(tmp_path):
    result = run_example_suite(tmp_path, "-p", "xdist", "-n", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_server_that_cannot_start_fails_the_session_with_its_log(tmp_path):
    result = run_example_suite(tmp_path, env={"LEADMOCK_THREADS": "not-a-number"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "leadmock did not start" in output
    assert "not-a-number" in output  # the server's own complaint, from its log
