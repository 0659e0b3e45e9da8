"""The ``leadmock`` command: serve (granian, real HTTP), seed, openapi."""

import hashlib
import json
import os
import pathlib
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request

import pytest

from app.core import seeding

LEADMOCK = [sys.executable, "-m", "app"]
ROOT = pathlib.Path(__file__).resolve().parents[1]


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


def read_log(path):
    return path.read_text() if path.exists() else ""


def wait_for_line(process, log, text, timeout=60):
    """The first line of ``log`` containing ``text``, as soon as the process writes it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in read_log(log).splitlines():
            if text in line:
                return line
        if process.poll() is not None:
            raise AssertionError(f"exited ({process.returncode}) without printing {text!r}:\n{read_log(log)}")
        time.sleep(0.1)
    raise AssertionError(f"no {text!r} within {timeout}s:\n{read_log(log)}")


def served_url(process, log):
    """The base URL the server says it serves on."""
    return wait_for_line(process, log, "leadmock serving on ").split(" serving on ")[1].split()[0].rstrip("/")


@pytest.fixture
def launch(tmp_path):
    """Start a command in its own process group, output to a log; stopped at the end of the test."""
    processes = []

    def start(command, env=None, cwd=None):
        log = tmp_path / f"process{len(processes)}.log"
        with open(log, "w") as out:
            process = subprocess.Popen(
                command, cwd=cwd or tmp_path, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        processes.append(process)
        return process, log

    start.processes = processes
    yield start
    for process in processes:
        stop(process)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)


@pytest.fixture
def serve(launch):
    logs = []

    def start(*args, env=None):
        port = free_port()
        process, log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", str(port), "--scale", "100", *args],
                              env=env)
        logs.append(log)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/__admin/health")
        return base

    start.processes = launch.processes
    start.output = lambda: read_log(logs[-1])
    yield start


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


# -- defect 1: a busy port, --port 0 ---------------------------------------------
def test_serve_on_a_busy_port_refuses_before_seeding(serve, launch, tmp_path):
    port = int(serve("--db", str(tmp_path / "first.sqlite")).rsplit(":", 1)[1])
    second, log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", str(port),
                          "--db", str(tmp_path / "second.sqlite"), "--scale", "100"])
    assert second.wait(timeout=60) != 0
    assert f"port {port} on 127.0.0.1 is already in use" in read_log(log)
    assert "serving on" not in read_log(log) and not (tmp_path / "second.sqlite").exists()


def test_serve_on_port_0_prints_the_free_port_it_serves_on(launch, tmp_path):
    process, log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", "0",
                           "--db", str(tmp_path / "zero.sqlite"), "--scale", "100"])
    base = served_url(process, log)
    assert not base.endswith(":0")
    assert wait_for(base + "/__admin/health") == 200
    status, body = get_json(base + "/discko/api/v1/leads/req_xyz789", {"X-Discko-Key": "dk_test_creative_minds"})
    assert status == 200 and body["data"]["id"] == "req_xyz789"


# -- defect 2: an existing database is never reseeded without --fresh --------------
def seed_file(path, seed, scale):
    out = subprocess.run([*LEADMOCK, "seed", "--db", str(path), "--seed", str(seed), "--scale", str(scale)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def file_meta(path):
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT key, value FROM core_meta").fetchall())
    finally:
        connection.close()


def test_serve_keeps_a_database_seeded_with_another_seed_and_scale(serve, tmp_path):
    db = tmp_path / "big.sqlite"
    seed_file(db, 7, 120)
    pristine = hashlib.sha256(pathlib.Path(f"{db}.pristine").read_bytes()).hexdigest()
    key = {"X-Discko-Key": "dk_test_creative_minds", "Content-Type": "application/json"}
    lead = "/discko/api/v1/leads/req_xyz789"

    base = serve("--db", str(db))   # the fixture asks for --scale 100 and the default seed
    assert f"using existing database {db} (seed 7, scale 120); --fresh reseeds" in serve.output()
    request = urllib.request.Request(base + lead, data=b'{"status": "WON"}', headers=key, method="PUT")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    stop(serve.processes[-1])

    base = serve("--db", str(db), "--seed", "9")
    assert "(seed 7, scale 120)" in serve.output()
    assert get_json(base + lead, key)[1]["data"]["status"] == "WON"
    with urllib.request.urlopen(urllib.request.Request(base + "/__admin/reset", method="POST"), timeout=10) as response:
        assert response.status == 200
    assert get_json(base + lead, key)[1]["data"]["status"] == "NEW"
    stop(serve.processes[-1])
    assert file_meta(db) == {"seed": "7", "scale": "120", "schema_version": seeding.SCHEMA_VERSION}
    assert hashlib.sha256(pathlib.Path(f"{db}.pristine").read_bytes()).hexdigest() == pristine


def test_serve_refuses_a_database_of_another_schema_version_and_leaves_it(launch, tmp_path):
    db = tmp_path / "old.sqlite"
    seed_file(db, 42, 100)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE core_meta SET value = '1' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    process, log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", "0", "--db", str(db)])
    assert process.wait(timeout=60) != 0
    assert "another leadmock version" in read_log(log) and "--fresh" in read_log(log)
    assert "Traceback" not in read_log(log)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


# -- defect 5: a signal while seeding stops the server at once -----------------------
@pytest.mark.parametrize("where", ["file", ":memory:"])
def test_sigterm_while_seeding_stops_at_once_and_leaves_no_half_seeded_database(launch, tmp_path, where):
    db = str(tmp_path / "big.sqlite") if where == "file" else ":memory:"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process, log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", "0", "--db", db, "--fresh",
                           "--scale", "20000"], env={"TMPDIR": str(scratch)})
    wait_for_line(process, log, f"seeding {db} (seed 42, scale 20000)")
    process.send_signal(signal.SIGTERM)   # to the process only, as `docker stop` does
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert "serving on" not in read_log(log) and "stopped while seeding" in read_log(log)
    assert list(scratch.iterdir()) == []
    if where == "file":
        assert seeding.read_meta(sqlite3.connect(db)) == {}
        again, again_log = launch([*LEADMOCK, "serve", "--host", "127.0.0.1", "--port", "0", "--db", db,
                                   "--scale", "100"])
        base = served_url(again, again_log)
        assert f"seeded {db} (seed 42, scale 100)" in read_log(again_log)
        assert wait_for(base + "/__admin/health") == 200


# -- defect 6: --vendor typo ---------------------------------------------------------
@pytest.mark.parametrize("how", ["flag", "env"])
def test_unknown_vendor_is_a_usage_error_naming_the_vendors(tmp_path, how):
    args, env = (["--vendor", "typo"], {}) if how == "flag" else ([], {"LEADMOCK_VENDOR": "typo"})
    out = subprocess.run([*LEADMOCK, "serve", "--port", "0", "--db", str(tmp_path / "v.sqlite"), "--scale", "100",
                          *args], capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "Invalid value for '--vendor'" in out.stderr
    assert all(name in out.stderr for name in ("discko", "skode", "skarbe"))
    assert not (tmp_path / "v.sqlite").exists()


# -- defect 8: the Docker image honours LEADMOCK_HOST and LEADMOCK_PORT ---------------------
def dockerfile():
    """``(ENV dict, CMD list, HEALTHCHECK command)`` of the Dockerfile (continuation lines joined)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    env, cmd, healthcheck = {}, None, None
    for line in text.splitlines():
        instruction, _, rest = line.strip().partition(" ")
        if instruction == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(rest))
        elif instruction == "CMD":
            cmd = json.loads(rest)
        elif instruction == "HEALTHCHECK":
            healthcheck = rest.split(" CMD ", 1)[1].strip()
    return env, cmd, healthcheck


def test_docker_image_defaults_come_from_env_so_env_vars_override_them(launch, tmp_path):
    env, cmd, healthcheck = dockerfile()
    assert env["LEADMOCK_HOST"] == "0.0.0.0" and env["LEADMOCK_PORT"] == "8000"
    assert cmd[0] == "leadmock"
    port = free_port()
    run_env = {**env, "LEADMOCK_HOST": "127.0.0.1", "LEADMOCK_PORT": str(port),
               "LEADMOCK_DB": str(tmp_path / "docker.sqlite"), "LEADMOCK_SCALE": "100",
               "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    process, log = launch([*LEADMOCK, *cmd[1:]], env=run_env)
    assert served_url(process, log) == f"http://127.0.0.1:{port}"
    assert wait_for(f"http://127.0.0.1:{port}/__admin/health") == 200
    check = subprocess.run(["sh", "-c", healthcheck], env={**os.environ, **run_env}, timeout=30)
    assert check.returncode == 0


# -- defect 7: a wheel (not editable) ships the fixtures and serves ----------------------------
def test_wheel_installed_in_a_fresh_venv_seeds_and_serves(launch, tmp_path):
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "*.sqlite*", ".hypothesis", ".pytest_cache",
        "tests", "openapi"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--wheel-dir", str(tmp_path / "dist"), str(source)], check=True, timeout=120)
    shutil.rmtree(source)
    (wheel,) = (tmp_path / "dist").glob("leadmock-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, timeout=120)
    # the dependencies come from the test venv; written after the install, so pip never sees (nor
    # uninstalls) the editable leadmock there, and a plain path line never runs that venv's .pth hooks
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    pathlib.Path(site, "zz-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run([str(python), "-c", "import app; print(app.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.strip() == f"{site}/app/__init__.py"

    process, log = launch([str(venv / "bin" / "leadmock"), "serve", "--host", "127.0.0.1", "--port", "0",
                           "--db", str(tmp_path / "wheel.sqlite"), "--scale", "100"])
    base = served_url(process, log)
    assert wait_for(base + "/__admin/health") == 200
    status, body = get_json(base + "/discko/api/v1/leads/req_xyz789", {"X-Discko-Key": "dk_test_creative_minds"})
    assert status == 200 and body["data"]["id"] == "req_xyz789"
    where = subprocess.run([str(python), "-c", "from app.core import seeding; print(seeding.fixtures_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.strip() == f"{site}/app/_fixtures"
