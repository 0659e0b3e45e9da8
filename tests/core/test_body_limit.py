"""A body over 10 MiB answers 413 in the vendor's own body, also when sent chunked (no Content-Length).

Before, werkzeug cut a chunked body silently at the limit and the truncated JSON answered 400
"invalid JSON" on all six operations that take a body. These tests send real chunked requests
over HTTP to a live server.
"""

import http.client
import json
from urllib.parse import urlsplit

import pytest

from app.config import MAX_BODY_BYTES

DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
SKARBE = {"X-Api-Key": "sk_live_abc123xyz"}
REDIRECT_URI = "http://localhost:3000/callback"

# operation: (method, path, headers, a valid JSON body, success status, the vendor's 413 body)
OPERATIONS = {
    "discko update lead": ("PUT", "/discko/api/v1/leads/req_xyz789", DISCKO, {"status": "WON"}, 200,
                           lambda b: b["success"] is False and b["error"]["code"] == "PAYLOAD_TOO_LARGE"),
    "skode create lead": ("POST", "/skode/v1/leads", SKODE, {"name": "Big Body"}, 201,
                          lambda b: b["error"] == "payload_too_large"),
    "skode update lead": ("PATCH", "/skode/v1/leads/lead_abc123", SKODE, {"status": "contacted"}, 200,
                          lambda b: b["error"] == "payload_too_large"),
    "skode search leads": ("POST", "/skode/v1/leads/search", SKODE, {"query": "a"}, 200,
                           lambda b: b["error"] == "payload_too_large"),
    "skode token": ("POST", "/skode/v1/oauth/token", {}, None, 200,
                    lambda b: b["error"] == "payload_too_large"),
    "skarbe create contact": ("POST", "/skarbe/api/connect/contacts", SKARBE, {"firstName": "Big"}, 200,
                              lambda b: b == {"error": "Payload too large"}),
}


def padded(document, size):
    """``document`` as JSON, padded with whitespace to exactly ``size`` bytes (still valid JSON)."""
    raw = json.dumps(document).encode()
    return raw + b" " * (size - len(raw))


def request(base, method, path, headers=None, body=None, chunked=True):
    """One request over a fresh connection; a chunked body is sent in 1 MiB chunks."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.putrequest(method, path)
        for name, value in {**(headers or {}), "Content-Type": "application/json"}.items():
            connection.putheader(name, value)
        if body is not None and chunked:
            connection.putheader("Transfer-Encoding", "chunked")
        elif body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        if body is not None and chunked:
            for start in range(0, len(body), 1 << 20):
                part = body[start:start + (1 << 20)]
                connection.send(b"%x\r\n" % len(part) + part + b"\r\n")
            connection.send(b"0\r\n\r\n")
        elif body is not None:
            connection.send(body)
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read()
    finally:
        connection.close()


def token_request(base):
    """A valid authorization-code token request for Skode's token endpoint."""
    status, location, _ = request(base, "GET", "/skode/oauth/authorize?response_type=code&client_id=skode_demo_client"
                                  f"&redirect_uri={REDIRECT_URI}&state=s")
    assert status == 302
    code = location.split("code=")[1].split("&")[0]
    return {"grant_type": "authorization_code", "code": code, "client_id": "skode_demo_client",
            "client_secret": "skode_demo_secret", "redirect_uri": REDIRECT_URI}


@pytest.fixture
def base(app, live_server):
    return live_server(app)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_chunked_body_over_10_mib_is_413_in_the_vendor_body(base, operation):
    method, path, headers, document, _, is_vendor_413 = OPERATIONS[operation]
    body = padded(document or {"grant_type": "authorization_code"}, MAX_BODY_BYTES + 1)
    status, _, raw = request(base, method, path, headers, body)
    assert status == 413, raw[:300]
    assert is_vendor_413(json.loads(raw))


@pytest.mark.parametrize("operation", OPERATIONS)
def test_chunked_body_of_exactly_10_mib_is_served(base, operation):
    method, path, headers, document, success, _ = OPERATIONS[operation]
    body = padded(document or token_request(base), MAX_BODY_BYTES)
    status, _, raw = request(base, method, path, headers, body)
    assert status == success, raw[:300]


def test_declared_content_length_over_10_mib_is_still_413(base):
    status, _, raw = request(base, "POST", "/skode/v1/leads", SKODE, padded({"name": "x"}, MAX_BODY_BYTES + 1),
                             chunked=False)
    assert status == 413 and json.loads(raw)["error"] == "payload_too_large"


def test_small_chunked_body_is_read_whole(base):
    status, _, raw = request(base, "POST", "/skarbe/api/connect/contacts", SKARBE,
                             json.dumps({"firstName": "Chunky", "lastName": "Body"}).encode())
    assert status == 200 and json.loads(raw)["fullName"] == "Chunky Body"


def test_broken_chunked_encoding_is_a_400_in_the_vendor_body(base):
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.putrequest("POST", "/skode/v1/leads")
        for name, value in {**SKODE, "Content-Type": "application/json", "Transfer-Encoding": "chunked"}.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(b"zz\r\n{}\r\n0\r\n\r\n")
        response = connection.getresponse()
        assert response.status == 400 and json.loads(response.read())["error"] in ("bad_request", "invalid_json")
    finally:
        connection.close()
