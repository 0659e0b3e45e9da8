"""Seeding: fixtures, spreading the scale, and opening a database without losing it."""

import hashlib
import json
import os
import pathlib
import shutil
import sqlite3

import pytest

from app import VENDORS
from app.core import db as core_db
from app.core import seeding
from app.core.seeding import spread

ROOT = pathlib.Path(__file__).resolve().parents[2]


def dump_hash(path):
    connection = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def test_spread_fills_well_known_tenants_first_then_extra_tenants():
    assert spread(350, [40, 24], 100) == ([40, 24], [100, 100, 86])


def test_spread_with_small_scale_shortens_well_known_shares():
    assert spread(50, [40, 24], 100) == ([40, 10], [])
    assert spread(0, [40, 24], 100) == ([0, 0], [])


# -- fixtures -----------------------------------------------------------------
def test_fixture_returns_the_parsed_json_of_the_vendor_file_a_new_copy_each_time():
    expected = json.loads((ROOT / "fixtures" / "discko" / "orgs.json").read_text(encoding="utf-8"))
    first = seeding.fixture("discko", "orgs")
    assert first == expected
    first.clear()
    assert seeding.fixture("discko", "orgs") == expected


def test_fixtures_are_read_from_the_packaged_copy_when_installed_else_from_the_checkout(tmp_path, monkeypatch):
    packaged, checkout = tmp_path / "app" / "_fixtures", tmp_path / "fixtures"
    for folder, name in ((packaged, "packaged"), (checkout, "checkout")):
        (folder / "v").mkdir(parents=True)
        (folder / "v" / "x.json").write_text(json.dumps(name))
    monkeypatch.setattr(seeding, "FIXTURE_DIRS", (packaged, checkout))
    assert seeding.fixture("v", "x") == "packaged"
    shutil.rmtree(packaged)
    assert seeding.fixture("v", "x") == "checkout"


# -- ensure_database: never destroy data without fresh --------------------------
LEAD = ("UPDATE discko_leads SET status = 'WON' WHERE id = 'req_xyz789'",
        "SELECT status FROM discko_leads WHERE id = 'req_xyz789'")


def seeded(path, seed=7, scale=60):
    database = core_db.Database(str(path))
    seeding.seed_database(database, VENDORS, seed, scale)
    return database


def won(database):
    with database.write() as connection:
        connection.execute(LEAD[0])


def status(database):
    return database.conn().execute(LEAD[1]).fetchone()[0]


def test_a_database_seeded_with_another_seed_and_scale_is_kept_with_its_own(tmp_path):
    database = seeded(tmp_path / "d.sqlite", seed=7, scale=60)
    won(database)
    pristine = dump_hash(database.snapshot_path(core_db.PRISTINE))
    assert seeding.ensure_database(database, VENDORS, 42, 100) == ("kept", 7, 60)
    assert status(database) == "WON"
    assert dump_hash(database.snapshot_path(core_db.PRISTINE)) == pristine


def test_fresh_reseeds_with_the_seed_and_scale_asked_for(tmp_path):
    database = seeded(tmp_path / "d.sqlite", seed=7, scale=60)
    won(database)
    assert seeding.ensure_database(database, VENDORS, 42, 100, fresh=True) == ("seeded", 42, 100)
    assert status(database) == "NEW"
    assert seeding.read_meta(database.conn())["scale"] == "100"


def test_a_database_of_another_schema_version_is_refused_and_left_as_it_is(tmp_path):
    database = seeded(tmp_path / "d.sqlite")
    with database.write() as connection:
        connection.execute("UPDATE core_meta SET value = '1' WHERE key = 'schema_version'")
    won(database)
    with pytest.raises(seeding.NotServable, match="another leadmock version.*--fresh"):
        seeding.ensure_database(database, VENDORS, 7, 60)
    assert status(database) == "WON" and seeding.read_meta(database.conn())["schema_version"] == "1"


def test_a_database_with_tables_but_no_seed_record_is_refused(tmp_path):
    database = core_db.Database(str(tmp_path / "other.sqlite"))
    database.conn().execute("CREATE TABLE mine (x)")
    with pytest.raises(seeding.NotServable, match="not a leadmock database"):
        seeding.ensure_database(database, VENDORS, 7, 60)
    assert database.conn().execute("SELECT name FROM sqlite_master").fetchall()[0][0] == "mine"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database " * 100)
    with pytest.raises(seeding.NotServable, match="not an SQLite database"):
        seeding.ensure_database(core_db.Database(str(path)), VENDORS, 7, 60)
    assert path.read_text().startswith("my notes")


def test_a_missing_or_stale_pristine_copy_is_rebuilt_without_touching_the_live_data(tmp_path):
    database = seeded(tmp_path / "d.sqlite", seed=7, scale=60)
    expected = dump_hash(database.snapshot_path(core_db.PRISTINE))
    won(database)
    os.remove(database.snapshot_path(core_db.PRISTINE))
    assert seeding.ensure_database(database, VENDORS, 42, 100) == ("kept", 7, 60)
    assert status(database) == "WON"
    assert dump_hash(database.snapshot_path(core_db.PRISTINE)) == expected

    seeded(tmp_path / "other.sqlite", seed=8, scale=60)   # a pristine copy of other data
    shutil.copy(tmp_path / "other.sqlite.pristine", database.snapshot_path(core_db.PRISTINE))
    seeding.ensure_database(database, VENDORS, 42, 100)
    assert dump_hash(database.snapshot_path(core_db.PRISTINE)) == expected
    database.restore_snapshot(core_db.PRISTINE)
    assert status(database) == "NEW"


def interrupt_after(calls):
    seen = []

    def tick(count):
        seen.append(count)
        if len(seen) == calls:
            raise KeyboardInterrupt

    return tick


def test_an_interrupted_reseed_leaves_the_previous_database_as_it_was(tmp_path):
    database = seeded(tmp_path / "d.sqlite", seed=7, scale=60)
    won(database)
    with pytest.raises(KeyboardInterrupt):
        seeding.ensure_database(database, VENDORS, 42, 300, fresh=True, tick=interrupt_after(2))
    reopened = core_db.Database(database.path)
    assert status(reopened) == "WON" and seeding.read_meta(reopened.conn())["seed"] == "7"


def test_an_interrupted_first_seed_is_seeded_again_on_the_next_start(tmp_path):
    path = tmp_path / "new.sqlite"
    with pytest.raises(KeyboardInterrupt):
        seeding.ensure_database(core_db.Database(str(path)), VENDORS, 42, 300, tick=interrupt_after(2))
    reopened = core_db.Database(str(path))
    assert seeding.read_meta(reopened.conn()) == {}
    assert seeding.ensure_database(reopened, VENDORS, 42, 60) == ("seeded", 42, 60)
    assert status(reopened) == "NEW"


def test_a_memory_database_is_always_seeded():
    database = core_db.Database(":memory:")
    assert seeding.ensure_database(database, VENDORS, 3, 40) == ("seeded", 3, 40)
    assert database.has_snapshot(core_db.PRISTINE)
