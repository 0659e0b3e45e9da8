"""The ``leadmock`` command: serve, seed, openapi."""

import json
import os
import pathlib

import click

from app import config as app_config

DEFAULTS = app_config.DEFAULTS


def _opt(name, key, **kwargs):
    return click.option(name, envvar=app_config.env_name(key), show_envvar=True,
                        default=DEFAULTS[key], show_default=True, **kwargs)


@click.group()
def main():
    """leadmock: a stateful sandbox of the Discko, Skode, LIO and Skarbe APIs."""


@main.command()
@_opt("--host", "HOST")
@_opt("--port", "PORT", type=int)
@_opt("--db", "DATABASE", help="SQLite file, or :memory:")
@_opt("--seed", "SEED", type=int)
@_opt("--scale", "SCALE", type=int, help="generated records per vendor")
@_opt("--vendor", "VENDOR", help="mount only this vendor, at /")
@_opt("--workers", "WORKERS", type=int, help="worker processes sharing the database")
@_opt("--threads", "THREADS", type=int, help="threads per worker")
@click.option("--fresh", is_flag=True, envvar="LEADMOCK_FRESH", help="reseed even if the database exists")
def serve(host, port, db, seed, scale, vendor, workers, threads, fresh):
    """Serve the sandbox with granian (a production WSGI server)."""
    from granian import Granian
    from granian.constants import Interfaces

    from app import create_app

    if db == ":memory:" and workers > 1:
        click.echo("--db :memory: lives in one process: using --workers 1", err=True)
        workers = 1
    env = {"LEADMOCK_DB": db, "LEADMOCK_SEED": str(seed), "LEADMOCK_SCALE": str(scale),
           "LEADMOCK_VENDOR": vendor or "", "LEADMOCK_FRESH": "0"}
    # Seed once here, before the workers start, so they never race to build the file.
    if db != ":memory:":
        create_app({"DATABASE": db, "SEED": seed, "SCALE": scale, "VENDOR": vendor, "FRESH": fresh})
    elif fresh:
        env["LEADMOCK_FRESH"] = "1"
    os.environ.update(env)
    click.echo(f"leadmock serving on http://{host}:{port}/ (db {db}, {workers} worker(s) x {threads} threads)")
    server = Granian(
        "app.wsgi:app", address=host, port=port, interface=Interfaces.WSGI,
        workers=workers, blocking_threads=threads, log_access=False,
    )
    server.serve()


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
