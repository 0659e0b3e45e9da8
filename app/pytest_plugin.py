"""leadmock's pytest plugin (entry point ``pytest11``: loaded by pytest once leadmock is installed).

Fixtures:

- ``leadmock_server`` (session): a leadmock server on 127.0.0.1, a free port and a temporary database
  of its own, started with ``python -m app serve`` and stopped at the end. Under pytest-xdist every worker
  gets its own. With ``--leadmock-url URL`` (or ``LEADMOCK_URL``) the tests use that running server
  instead, shared: use ``leadmock_tenant`` so parallel tests never see each other's data.
- ``leadmock`` (function): a :class:`Leadmock` helper: ``base_url(vendor)``, ``credentials(vendor)``,
  ``advance(seconds)``, ``freeze(at)``, ``requests(...)``, ``assert_requested(..., times=)``,
  ``fault(...)``, ``tenant(vendor)``. On a server of its own it resets the sandbox before each test;
  faults and tenants a test creates are removed after it.
- ``leadmock_tenant`` (function): a factory, ``leadmock_tenant("skode")`` → an isolated copy of the
  vendor's first documented tenant with fresh credentials, deleted after the test.

Only the standard library talks to the server, so the plugin costs nothing until a fixture is used.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

SERVING = re.compile(r"serving on (http://\S+?)/?\s")
START_TIMEOUT = 60
# Where each vendor's documented paths begin under its mount (the Vendor.api_base of each vendor).
API_BASES = {"discko": "/api/v1", "skode": "/v1", "lio": "/api", "skarbe": ""}


class LeadmockError(AssertionError):
    """A control-plane call that did not answer 2xx."""


def pytest_addoption(parser):
    group = parser.getgroup("leadmock", "leadmock sandbox")
    group.addoption("--leadmock-url", default=os.environ.get("LEADMOCK_URL"),
                    help="use this running leadmock server (shared) instead of starting one per session/worker")
    group.addoption("--leadmock-scale", type=int, default=int(os.environ.get("LEADMOCK_PLUGIN_SCALE", "300")),
                    help="generated records per vendor in the server the plugin starts (default 300)")
    group.addoption("--leadmock-seed", type=int, default=42, help="seed of the server the plugin starts")


def _call(url, method="GET", body=None, headers=None, timeout=30):
    """(status, parsed JSON or text) of one HTTP call."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


class Server:
    """A leadmock server: its URL, whether this process started it, and (if so) its log."""

    def __init__(self, url, owned, process=None, log_path=None, admin_token=None):
        self.url = url.rstrip("/")
        self.owned = owned
        self.process = process
        self.log_path = log_path
        self.admin_token = admin_token or os.environ.get("LEADMOCK_ADMIN_TOKEN")

    def log(self):
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, errors="replace") as handle:
            return handle.read()

    @classmethod
    def start(cls, folder, seed=42, scale=300):
        """Serve a fresh database in ``folder`` on a free port; raise with the server's log if it cannot."""
        log_path = os.path.join(folder, "leadmock.log")
        env = {**os.environ, "LEADMOCK_QUIET": "1", "PYTHONUNBUFFERED": "1"}
        for name in ("LEADMOCK_DB", "LEADMOCK_PORT", "LEADMOCK_VENDOR", "LEADMOCK_FRESH", "LEADMOCK_ADMIN_TOKEN"):
            env.pop(name, None)
        command = [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", "0",
                   "--db", os.path.join(folder, "leadmock.sqlite"), "--seed", str(seed), "--scale", str(scale),
                   "--workers", "1"]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        server = cls(None or "http://starting", True, process, log_path)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            found = SERVING.search(server.log())
            if found:
                server.url = found.group(1)
                with contextlib.suppress(OSError):
                    if _call(server.url + "/__admin/health", timeout=2)[0] == 200:
                        return server
            time.sleep(0.05)
        server.stop()
        raise RuntimeError(f"leadmock did not start ({' '.join(command)}); its log:\n{server.log()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Leadmock:
    """What a test needs of the sandbox: URLs, credentials, the clock, the journal, faults, tenants."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self._cleanups = []

    # -- plumbing -----------------------------------------------------------
    def admin(self, method, path, body=None, expect=(200, 201, 204)):
        """Call ``/__admin/<path>``; the parsed body. Raises :class:`LeadmockError` on another status."""
        headers = {"Authorization": f"Bearer {self.server.admin_token}"} if self.server.admin_token else {}
        status, data = _call(f"{self.url}/__admin/{path.lstrip('/')}", method, body, headers)
        if expect and status not in expect:
            raise LeadmockError(f"{method} /__admin/{path.lstrip('/')} answered {status}: {data}")
        return data

    def _finish(self):
        for cleanup in reversed(self._cleanups):
            with contextlib.suppress(LeadmockError, OSError):
                cleanup()
        self._cleanups.clear()

    # -- where and who -----------------------------------------------------
    def base_url(self, vendor):
        """The base URL a vendor's client is pointed at, e.g. ``http://127.0.0.1:PORT/skode/v1``."""
        if vendor not in API_BASES:
            raise ValueError(f"unknown vendor {vendor!r}; one of {', '.join(API_BASES)}")
        return f"{self.url}/{vendor}{API_BASES[vendor]}"

    def tenants(self, vendor):
        """Every tenant of ``vendor`` with its credentials (``GET /__admin/tenants``)."""
        return self.admin("GET", "tenants")[vendor]

    def credentials(self, vendor, tenant=None):
        """The credentials of ``tenant`` (an id; default: the vendor's first documented tenant)."""
        tenants = self.tenants(vendor)
        for entry in tenants:
            if tenant is None or str(entry["id"]) == str(tenant):
                return entry["credentials"]
        raise LookupError(f"{vendor} has no tenant {tenant!r}")

    def tenant(self, vendor, like=None):
        """An isolated copy of a tenant (``POST /__admin/tenants``), deleted after the test."""
        body = {"vendor": vendor} if like is None else {"vendor": vendor, "like": like}
        created = self.admin("POST", "tenants", body)
        self._cleanups.append(lambda: self.admin("DELETE", f"tenants/{urllib.parse.quote(str(created['id']))}",
                                                 expect=(204, 404)))
        return created

    # -- state and time ----------------------------------------------------
    def reset(self):
        """Back to the seeded state (data, clock, journal, faults)."""
        return self.admin("POST", "reset")

    def advance(self, seconds):
        """Move the sandbox clock forward (token expiry, jobs, retries fall due)."""
        return self.admin("POST", "clock/advance", {"seconds": seconds})

    def freeze(self, at, frozen=True):
        """Set the sandbox clock to ``at`` (ISO 8601 text or a datetime), frozen by default."""
        text = at if isinstance(at, str) else at.isoformat().replace("+00:00", "Z")
        return self.admin("PUT", "clock", {"now": text, "frozen": frozen})

    def unfreeze(self):
        """Back to real time."""
        return self.admin("DELETE", "clock")

    # -- the journal ---------------------------------------------------------
    @staticmethod
    def _matcher(vendor=None, method=None, path=None, tenant=None, status=None, since=None):
        given = {"vendor": vendor, "method": method.upper() if method else None, "path": path,
                 "tenant": None if tenant is None else str(tenant), "status": status, "since": since}
        return {key: value for key, value in given.items() if value is not None}

    def requests(self, vendor=None, method=None, path=None, tenant=None, status=None, since=None, limit=100):
        """Journaled requests matching the filters, newest first (``path`` is a glob)."""
        query = urllib.parse.urlencode({**self._matcher(vendor, method, path, tenant, status, since), "limit": limit})
        return self.admin("GET", f"requests?{query}")["requests"]

    def count(self, vendor=None, method=None, path=None, tenant=None, status=None, since=None):
        """How many journaled requests match (``POST /__admin/requests/count``)."""
        return self.admin("POST", "requests/count",
                          self._matcher(vendor, method, path, tenant, status, since))["count"]

    def assert_requested(self, method=None, path=None, times=None, **matcher):
        """Fail unless the matching requests were sent ``times`` times (at least once when None)."""
        found = self.count(method=method, path=path, **matcher)
        if (found >= 1) if times is None else (found == times):
            return found
        recent = [f"{entry['method']} {entry['path']} -> {entry['status']}" for entry in self.requests(limit=20)]
        wanted = "at least once" if times is None else f"{times} time(s)"
        raise AssertionError(f"expected {method or '*'} {path or '*'} {matcher or ''} {wanted}, got {found}; "
                             "latest requests:\n  " + "\n  ".join(recent or ["(none)"]))

    # -- faults ----------------------------------------------------------------
    def fault(self, vendor, **spec):
        """Inject a fault (``status=``, ``delay_ms=``, ``method=``, ``path=``, ``times=``, ...); removed after the test."""
        created = self.admin("POST", "faults", {"vendor": vendor, **spec})
        self._cleanups.append(lambda: self.admin("DELETE", f"faults/{created['id']}", expect=(204, 404)))
        return created


@pytest.fixture(scope="session")
def leadmock_server(request, tmp_path_factory):
    """The leadmock server of this session (or of this xdist worker)."""
    url = request.config.getoption("leadmock_url")
    if url:
        yield Server(url, owned=False)
        return
    folder = str(tmp_path_factory.mktemp("leadmock"))
    try:
        server = Server.start(folder, seed=request.config.getoption("leadmock_seed"),
                              scale=request.config.getoption("leadmock_scale"))
    except RuntimeError as error:
        pytest.exit(str(error), returncode=3)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def leadmock(leadmock_server):
    """The sandbox for one test: reset first on a server of its own; faults and tenants removed after."""
    helper = Leadmock(leadmock_server)
    if leadmock_server.owned:
        helper.reset()
    try:
        yield helper
    finally:
        helper._finish()


@pytest.fixture
def leadmock_tenant(leadmock):
    """``leadmock_tenant(vendor, like=None)``: an isolated tenant for this test only."""
    return leadmock.tenant
