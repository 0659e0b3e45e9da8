"""The ``leadmock`` command: serve, seed, openapi."""

import contextlib
import errno
import json
import os
import pathlib
import signal
import socket
import sys
import tempfile
import time

import click

from app import config as app_config
from app import vendor_names

DEFAULTS = app_config.DEFAULTS


def _opt(name, key, **kwargs):
    return click.option(name, envvar=app_config.env_name(key), show_envvar=True,
                        default=DEFAULTS[key], show_default=True, **kwargs)


@click.group()
def main():
    """leadmock: a stateful sandbox of the Discko, Skode, LIO and Skarbe APIs."""


def _port(host, port):
    """``port`` when nothing listens on it (for 0, a free one), else a clear error.

    granian binds with SO_REUSEPORT: a second server on a busy port would start and the
    kernel would split the connections between the two. A plain bind tells them apart.
    """
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                      flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as error:
        raise click.BadParameter(f"{host!r}: {error.strerror}", param_hint="'--host'") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a TIME_WAIT leftover is no listener
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use (another leadmock?); stop it, or pass "
                    "another --port (--port 0 picks a free one)") from None
            raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from None
        return probe.getsockname()[1]


@contextlib.contextmanager
def _interruptible(what):
    """Ctrl-C or SIGTERM while ``what`` runs stops the command at once.

    As PID 1 (a container) a process ignores SIGTERM unless it handles it; here it
    interrupts like Ctrl-C, and the seed's transaction rolls back.
    """
    received = []

    def on_sigterm(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"stopped while {what}; the database is left as it was", err=True)
        sys.exit(128 + (received[0] if received else signal.SIGINT))
    finally:
        signal.signal(signal.SIGTERM, previous)


def _open_database(path, seed, scale, fresh, label=None):
    """Seed or keep ``path`` (``leadmock serve`` does it before granian starts); says what it did."""
    from app import VENDORS
    from app.core import db as core_db
    from app.core import seeding

    label = label or path
    database = core_db.Database(path)
    started = time.monotonic()
    try:
        with _interruptible(f"seeding {label}"):
            opened = seeding.ensure_database(
                database, VENDORS, seed, scale, fresh,
                announce=lambda doing, seed, scale: click.echo(f"{doing} {label} (seed {seed}, scale {scale}) ..."))
    except seeding.NotServable as error:
        raise click.ClickException(str(error)) from None
    finally:
        database.close()
    if opened.status == "kept":
        click.echo(f"using existing database {label} (seed {opened.seed}, scale {opened.scale}); --fresh reseeds")
    else:
        click.echo(f"seeded {label} (seed {opened.seed}, scale {opened.scale}) in {time.monotonic() - started:.1f}s")
    return opened


@main.command()
@_opt("--host", "HOST")
@_opt("--port", "PORT", type=click.IntRange(0, 65535), help="0 picks a free port")
@_opt("--db", "DATABASE", help="SQLite file, or :memory:")
@_opt("--seed", "SEED", type=int)
@_opt("--scale", "SCALE", type=int, help="generated records per vendor")
@_opt("--vendor", "VENDOR", type=click.Choice(vendor_names(), case_sensitive=False),
      help="mount only this vendor, at /")
@_opt("--workers", "WORKERS", type=int, help="worker processes sharing the database")
@_opt("--threads", "THREADS", type=int, help="threads per worker")
@_opt("--durability", "DURABILITY", type=click.Choice(["normal", "fast"], case_sensitive=False),
      help="normal: synchronous=NORMAL, survives a power loss; fast: synchronous=OFF (CI)")
@click.option("--fresh", is_flag=True, envvar="LEADMOCK_FRESH", help="reseed even if the database exists")
@click.option("--quiet", is_flag=True, envvar="LEADMOCK_QUIET", help="no access-log line per vendor request")
def serve(host, port, db, seed, scale, vendor, workers, threads, durability, fresh, quiet):
    """Serve the sandbox with granian (a production WSGI server).

    An existing --db is served as it is, with the seed and scale it was made with;
    only --fresh reseeds it.
    """
    from granian import Granian
    from granian.constants import Interfaces

    if db == ":memory:" and workers > 1:
        click.echo("--db :memory: lives in one process: using --workers 1", err=True)
        workers = 1
    if port:
        _port(host, port)  # before seeding: a busy port fails at once
    env = {"LEADMOCK_DB": db, "LEADMOCK_SEED": str(seed), "LEADMOCK_SCALE": str(scale),
           "LEADMOCK_VENDOR": vendor or "", "LEADMOCK_FRESH": "0", "LEADMOCK_SEEDED_FROM": "",
           "LEADMOCK_QUIET": "1" if quiet else "0", "LEADMOCK_WORKERS": str(workers),
           "LEADMOCK_DURABILITY": durability.lower()}
    with contextlib.ExitStack() as stack:
        # Seed here, before the workers start: they never race to build the file, and a
        # signal stops the seed at once (a granian worker still loading the app ignores it).
        if db == ":memory:":
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="leadmock-"))
            env["LEADMOCK_SEEDED_FROM"] = os.path.join(scratch, "seeded.sqlite")
            _open_database(env["LEADMOCK_SEEDED_FROM"], seed, scale, fresh=True, label=db)
        else:
            _open_database(db, seed, scale, fresh)
        port = _port(host, port)
        os.environ.update(env)
        click.echo(f"leadmock serving on http://{host}:{port}/ (db {db}, {workers} worker(s) x {threads} threads)")
        server = Granian("app.wsgi:app", address=host, port=port, interface=Interfaces.WSGI,
                         **granian_options(workers, threads))
        server.serve()


def granian_options(workers, threads):
    """granian's settings for ``serve`` (``make bench`` runs its bare Flask app with them too):
    HTTP/1.1 only and no websockets (a WSGI app serves neither HTTP/2 nor websockets); a worker that
    does not stop (one still loading the app ignores SIGTERM) is killed after 3 s, not granian's 10+."""
    from granian.constants import HTTPModes

    return {"workers": workers, "blocking_threads": threads, "http": HTTPModes.http1, "websockets": False,
            "workers_kill_timeout": 3, "log_access": False}


@main.command()
@_opt("--db", "DATABASE")
@_opt("--seed", "SEED", type=int)
@_opt("--scale", "SCALE", type=int)
def seed(db, seed, scale):
    """Seed (or reseed) the database file."""
    from app import VENDORS, seed_database
    from app.core import db as core_db

    database = core_db.use(core_db.Database(db))
    total = scale * len(VENDORS)
    with click.progressbar(length=total, label=f"Seeding {db} (seed {seed}, scale {scale})",
                           show_pos=True) as bar:
        seed_database(database, seed, scale, tick=bar.update)
    click.echo(f"seeded {db}")


@main.command()
@click.option("--out", default="openapi/", show_default=True, type=click.Path(file_okay=False))
def openapi(out):
    """Write every vendor's OpenAPI spec to OUT/<vendor>.json."""
    from app import create_app

    app = create_app({"DATABASE": ":memory:", "SCALE": 0})
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in spec_texts(app).items():
        (folder / f"{name}.json").write_text(text)
        click.echo(f"wrote {folder / (name + '.json')}")


def spec_texts(app):
    """{vendor: spec JSON text} exactly as committed under openapi/."""
    texts = {}
    with app.app_context():
        for name, vendor in app.extensions["leadmock.vendors"].items():
            spec = vendor.spec_dict(app.extensions["leadmock.apis"][name], app.extensions["leadmock.mounts"][name])
            texts[name] = json.dumps(spec, indent=2, ensure_ascii=False) + "\n"
    return texts


if __name__ == "__main__":
    main()
