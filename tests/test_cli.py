"""The ``leadmock`` command: serve (granian, real HTTP), seed, openapi."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

LEADMOCK = [sys.executable, "-m", "app"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def get_json(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def serve(tmp_path):
    processes = []

    def start(*args, env=None):
        port = free_port()
        process = subprocess.Popen(
            [*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", str(port), "--scale", "100", *args],
            cwd=tmp_path, env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/__admin/health")
        return base

    start.processes = processes
    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=20)


def test_serve_with_two_workers_shares_one_database(serve, tmp_path):
    base = serve("--db", str(tmp_path / "shared.sqlite"), "--workers", "2")
    key = {"X-Discko-Key": "dk_test_creative_minds"}
    request = urllib.request.Request(base + "/discko/api/v1/leads/req_xyz789", data=b'{"status": "WON"}',
                                     headers={**key, "Content-Type": "application/json"}, method="PUT")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    # whichever worker answers, the write is there
    for _ in range(10):
        status, body = get_json(base + "/discko/api/v1/leads/req_xyz789", key)
        assert status == 200 and body["data"]["status"] == "WON"


def test_killed_server_restarts_with_every_acknowledged_write(serve, tmp_path):
    db = str(tmp_path / "durable.sqlite")
    base = serve("--db", db)
    key = {"X-Discko-Key": "dk_test_creative_minds", "Content-Type": "application/json"}
    request = urllib.request.Request(base + "/discko/api/v1/leads/req_xyz789", data=b'{"status": "LOST"}',
                                     headers=key, method="PUT")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    os.killpg(serve.processes[-1].pid, 9)
    serve.processes[-1].wait(timeout=20)
    base = serve("--db", db)
    status, body = get_json(base + "/discko/api/v1/leads/req_xyz789", key)
    assert status == 200 and body["data"]["status"] == "LOST"


def test_serve_reads_env_vars_and_mounts_one_vendor(serve, tmp_path):
    base = serve(env={"LEADMOCK_DB": str(tmp_path / "env.sqlite"), "LEADMOCK_VENDOR": "discko"})
    status, body = get_json(base + "/api/v1/leads/req_xyz789", {"X-Discko-Key": "dk_test_creative_minds"})
    assert status == 200 and body["data"]["id"] == "req_xyz789"
    assert (tmp_path / "env.sqlite").exists()


def test_serve_answers_errors_as_json_never_html(serve, tmp_path):
    base = serve("--db", ":memory:")
    status, body = get_json(base + "/discko/api/v1/leads")
    assert status == 401 and body["error"]["code"] == "UNAUTHORIZED"


def test_seed_command_writes_a_seeded_database(tmp_path):
    out = subprocess.run([*LEADMOCK, "seed", "--db", str(tmp_path / "s.sqlite"), "--seed", "3", "--scale", "120"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "seeded" in out.stdout
    assert (tmp_path / "s.sqlite").exists() and (tmp_path / "s.sqlite.pristine").exists()


def test_openapi_command_writes_every_spec(tmp_path):
    out = subprocess.run([*LEADMOCK, "openapi", "--out", str(tmp_path / "specs")], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in (tmp_path / "specs").iterdir())
    assert "discko.json" in names and "skarbe.json" in names and "skode.json" in names
    assert json.loads((tmp_path / "specs" / "discko.json").read_text())["openapi"].startswith("3.")
