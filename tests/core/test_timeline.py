"""core.timeline: effects due at a sandbox instant, settled lazily and exactly once."""

import threading
from datetime import timedelta

import pytest

from app.core import clock, db, timeline

VENDOR = "timeline_test"
T0 = clock.parse_iso("2026-03-16T09:00:00Z")
ran = []


@timeline.handler(VENDOR, "note")
def _note(c, ref):
    c.execute("INSERT INTO notes (ref) VALUES (?)", (ref,))
    ran.append(ref)


@timeline.handler(VENDOR, "boom")
def _boom(c, ref):
    c.execute("INSERT INTO notes (ref) VALUES (?)", (ref,))
    raise RuntimeError("handler failed")


@timeline.handler(VENDOR, "chain")
def _chain(c, ref):
    ran.append(ref)
    timeline.schedule(c, VENDOR, "note", ref + "+next", clock.now())


@pytest.fixture
def database(tmp_path):
    database = db.use(db.Database(str(tmp_path / "timeline.sqlite")))
    with database.write() as c:
        clock.ensure_table(c)
        timeline.ensure_table(c)
        c.execute("CREATE TABLE notes (ref TEXT)")
    clock.set_time(T0)
    ran.clear()
    yield database
    database.close()


def schedule(kind, ref, seconds):
    with db.write() as c:
        timeline.schedule(c, VENDOR, kind, ref, T0 + timedelta(seconds=seconds))


def pending():
    return db.conn().execute("SELECT count(*) FROM core_due").fetchone()[0]


def notes():
    return [row[0] for row in db.conn().execute("SELECT ref FROM notes ORDER BY rowid")]


def test_an_effect_runs_once_its_instant_is_reached_not_before(database):
    schedule("note", "a", 60)
    clock.advance(59)
    assert timeline.settle(VENDOR) == 0 and notes() == [] and pending() == 1
    clock.advance(1)
    assert timeline.settle(VENDOR) == 1 and notes() == ["a"] and pending() == 0
    assert timeline.settle(VENDOR) == 0 and notes() == ["a"]


def test_due_effects_run_in_due_at_then_scheduling_order(database):
    schedule("note", "late", 30)
    schedule("note", "first", 10)
    schedule("note", "tie-1", 20)
    schedule("note", "tie-2", 20)
    schedule("note", "future", 3600)
    clock.advance(60)
    assert timeline.settle(VENDOR) == 4
    assert notes() == ["first", "tie-1", "tie-2", "late"] and pending() == 1


def test_settle_only_runs_the_named_vendors_effects(database):
    schedule("note", "a", 0)
    assert timeline.settle("another_vendor") == 0 and pending() == 1


def test_nothing_due_is_one_read_and_no_write_transaction(database, monkeypatch):
    schedule("note", "a", 60)

    def no_write():
        raise AssertionError("settle opened a write transaction with nothing due")

    monkeypatch.setattr(timeline.db, "write", no_write)
    assert timeline.settle(VENDOR) == 0


def test_cancel_drops_the_pending_effect(database):
    schedule("note", "a", 10)
    schedule("note", "b", 10)
    with db.write() as c:
        timeline.cancel(c, VENDOR, "note", "a")
    clock.advance(10)
    timeline.settle(VENDOR)
    assert notes() == ["b"]


def test_a_handler_error_rolls_back_its_claim_and_its_writes(database):
    schedule("note", "a", 0)
    schedule("boom", "b", 1)
    clock.advance(1)
    with pytest.raises(RuntimeError):
        timeline.settle(VENDOR)
    assert notes() == [] and pending() == 2      # "a" ran, then rolled back with the claim


def test_effects_a_handler_makes_due_run_in_the_same_settle(database):
    schedule("chain", "a", 0)
    assert timeline.settle(VENDOR) == 2
    assert ran == ["a", "a+next"] and pending() == 0


def test_scheduling_an_effect_without_a_handler_is_refused(database):
    with pytest.raises(LookupError), db.write() as c:
        timeline.schedule(c, VENDOR, "no_such_kind", "a", T0)


def test_concurrent_settles_on_separate_connections_run_each_effect_once(database):
    rounds, threads = 10, 4
    for i in range(rounds):
        schedule("note", f"e{i}", i)
    clock.advance(rounds)
    barrier = threading.Barrier(threads)
    counts, failures = [], []

    def settle():
        try:
            barrier.wait()
            counts.append(timeline.settle(VENDOR))   # each thread has its own connection
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            database.close()

    workers = [threading.Thread(target=settle) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert sum(counts) == rounds and sorted(notes()) == sorted(f"e{i}" for i in range(rounds))
