"""Shared fixtures: one database seeded per session, restored before every test.

- ``app`` / ``client``: the default app (all vendors mounted under /<vendor>).
- ``make_app(**config)``: another app (e.g. ``VENDOR="discko"``) on its own
  copy of the seeded database.
- ``live_server(app)``: serves an app over real HTTP on 127.0.0.1:<free port>
  in a thread, stopped at the end of the test.
"""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.core import db

SEED, SCALE = 42, 300


@pytest.fixture(scope="session")
def seeded_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeded") / "leadmock.sqlite"
    create_app({"DATABASE": str(path), "SEED": SEED, "SCALE": SCALE, "FRESH": True})
    return path


@pytest.fixture(scope="session")
def app(seeded_path):
    return create_app({"DATABASE": str(seeded_path), "SEED": SEED, "SCALE": SCALE})


@pytest.fixture(autouse=True)
def _fresh_state(request):
    """Every test starts from the seeded state (data and clock)."""
    if "app" in request.fixturenames or "client" in request.fixturenames:
        request.getfixturevalue("app").extensions["leadmock.db"].restore_snapshot(db.PRISTINE)
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_app(seeded_path, tmp_path):
    """Build another app on a private copy of the seeded database."""
    def factory(**config):
        target = tmp_path / f"app{len(list(tmp_path.glob('app*.sqlite')))}.sqlite"
        # the pristine copy, not the session's live file: reset replays an undo log, so the live file
        # (without its -wal) may hold an earlier test's writes
        shutil.copy(f"{seeded_path}.pristine", target)
        shutil.copy(f"{seeded_path}.pristine", f"{target}.pristine")
        return create_app({"DATABASE": str(target), "SEED": SEED, "SCALE": SCALE, **config})
    return factory


@pytest.fixture
def live_server():
    servers = []

    def start(application):
        server = make_server("127.0.0.1", 0, application, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, thread in servers:
        server.shutdown()
        thread.join(timeout=5)
