"""``make bench`` (scale part): reset, cold start, RSS and list latency as the data grows.

Prints tables; asserts nothing. Every server it starts binds to 127.0.0.1 on a free port and is
stopped at the end; databases live in a temporary folder that is removed.

- reset: ``POST /__admin/reset`` after a few writes at the default scale, and after 1,000 writes
  (Skode creates and updates, Discko status changes, LIO lead adds) at ``--scale 100000``.
- cold start: ``leadmock serve`` on an existing database, from process start to the first 200 of
  ``/__admin/health`` and of a vendor route (Skode get).
- RSS of each worker process at ``--scale 100000`` after some traffic.
- list latency in ONE tenant of 1,000 and of 100,000 records (Skode: default page,
  ``status=new&sort=-deal_value``, page 40; LIO lead list), p50 of sequential keep-alive requests,
  each first read after a write (computed) and read again (kept until the next commit).

    python tests/bench/scale.py [--big 100000] [--workers 2]
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEADMOCK = [sys.executable, "-m", "app"]
# as a user runs it: Python's bytecode cache on (a first, unmeasured start writes it if missing)
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
JSON = {"Content-Type": "application/json"}
LISTS = [
    ("Skode list, default page", "/skode/v1/leads"),
    ("Skode status=new&sort=-deal_value", "/skode/v1/leads?status=new&sort=-deal_value"),
    ("Skode list, page 40", "/skode/v1/leads?page=40"),
    ("LIO lead list (10)", "/lio/api/lead/list"),
]

# Builds a database whose Skode Example Corp and LIO Acme hold N leads each: a default-scale seed,
# then leads generated as the seed does (Skode) or copied (LIO), counted as seeded (empty undo log).
ONE_TENANT = r"""
import sys
from app import create_app
from app.core.rand import Rand
from app.vendors.skode import seed as skode_seed, store as skode_store
path, n = sys.argv[1], int(sys.argv[2])
app = create_app({"DATABASE": path, "SEED": 42, "FRESH": True})
database = app.extensions["leadmock.db"]
c = database.conn()
users = {r["id"]: dict(r) for r in c.execute("SELECT * FROM skode_users")}
mine = [u for u in users.values() if u["workspace_id"] == "ws_examplecorp"]
rand = Rand(7, "bench")
pools = rand.child("pools").pools("first_name", "last_name", "company")
have = c.execute("SELECT count(*) FROM skode_leads WHERE workspace_id = 'ws_examplecorp'").fetchone()[0]
with database.write():
    for start in range(have, n, 5000):
        leads = [skode_seed._lead(rand, pools, i + 10, mine) for i in range(start, min(n, start + 5000))]
        skode_store.insert_leads(database.utils(), "ws_examplecorp", leads, users)
    columns = [r[1] for r in c.execute("PRAGMA table_info(lio_leads)") if r[1] not in ("id", "email")]
    acme = c.execute("SELECT count(*) FROM lio_leads WHERE org_id = 'org_acme'").fetchone()[0]
    copies = 0
    while acme < n:
        copies += 1
        acme += c.execute(f"INSERT INTO lio_leads ({', '.join(columns)}, email) SELECT {', '.join(columns)},"
                          f" 'copy{copies}.' || email FROM lio_leads WHERE org_id = 'org_acme' AND id IN"
                          f" (SELECT id FROM lio_leads WHERE org_id = 'org_acme' ORDER BY id LIMIT {n - acme})"
                          ).rowcount
    if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'core_undo'").fetchone():
        c.execute("DELETE FROM core_undo")
c.execute("PRAGMA optimize")
print(c.execute("SELECT count(*) FROM skode_leads WHERE workspace_id = 'ws_examplecorp'").fetchone()[0], acme)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``leadmock serve`` in its own session; ``ready_after`` is the time to the first 200 of each probe."""

    def __init__(self, db, *args, workers=1, probes=(("/__admin/health", {}),)):
        self.port = free_port()
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [*LEADMOCK, "serve", "--port", str(self.port), "--db", db, "--workers", str(workers), *args],
            cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.ready_after = []
        for path, headers in probes:
            while True:
                try:
                    if self.request("GET", path, headers=headers, timeout=1)[0] == 200:
                        break
                except OSError:
                    pass
                if time.perf_counter() - started > 300:
                    self.stop()
                    raise RuntimeError(f"leadmock serve --db {db} did not answer {path}")
                time.sleep(0.005)
            self.ready_after.append(time.perf_counter() - started)
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method, path, body=None, headers=None, timeout=60):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def call(self, method, path, body=None, headers=None):
        """One request on the kept-alive connection: ``(status, body bytes, seconds)``."""
        data = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        self.conn.request(method, path, body=data, headers={**(headers or {}), **(JSON if data else {})})
        response = self.conn.getresponse()
        payload = response.read()
        return response.status, payload, time.perf_counter() - started

    def workers_rss_mb(self):
        """RSS of the server's processes (MB): ``{pid: MB}`` for the main process and each worker."""
        out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(self.process.pid)], capture_output=True,
                             text=True).stdout.split()
        pids = [self.process.pid] + [int(pid) for pid in out[0::2]]
        sizes = {}
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status") as status:
                    sizes[pid] = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
            except (OSError, StopIteration):
                pass
        return sizes

    def stop(self):
        try:
            os.killpg(self.process.pid, 15)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)


def seed(db, scale):
    subprocess.run([*LEADMOCK, "seed", "--db", db, "--scale", str(scale)], cwd=ROOT, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def lio_token(server):
    status, body, _ = server.call("POST", "/lio/api/auth/login",
                                  {"email": "you@company.com", "password": "your_password"})
    return json.loads(body)["access_token"]


def writes(server, count):
    """``count`` writes of several kinds (each answered 2xx); the sandbox clock moves a minute every 100
    so Skode's per-minute limit is never reached."""
    lio = {"Authorization": f"Bearer {lio_token(server)}"}
    created = []
    for n in range(count):
        if n % 100 == 0:
            server.call("POST", "/__admin/clock/advance", {"seconds": 61})
        kind = n % 4
        if kind == 0:
            status, body, _ = server.call("POST", "/skode/v1/leads", {"name": f"Bench {n}", "status": "new",
                                                                      "deal_value": n}, SKODE)
            created.append(json.loads(body)["data"]["id"])
        elif kind == 1:
            status, body, _ = server.call("PATCH", f"/skode/v1/leads/{created[-1]}", {"status": "contacted"}, SKODE)
        elif kind == 2:
            status, body, _ = server.call("PUT", "/discko/api/v1/leads/req_xyz789",
                                       {"status": "WON" if n % 8 == 2 else "NEW"}, DISCKO)
        else:
            status, body, _ = server.call("POST", "/lio/api/lead/add", {"first_name": "Bench", "last_name": f"Lead {n}",
                                                                     "priority": 3}, lio)
        if status >= 300:
            raise RuntimeError(f"write {n} answered {status}: {body[:300]!r}")


def reset_ms(server):
    """``(round trip ms, server-side ms)`` of one ``POST /__admin/reset``."""
    status, body, seconds = server.call("POST", "/__admin/reset")
    assert status == 200, body
    return seconds * 1000, json.loads(body)["milliseconds"]


def measure_resets(db, writes_each, rounds):
    server = Server(db)
    try:
        results = []
        for _ in range(rounds):
            writes(server, writes_each)
            results.append(reset_ms(server))
        return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
    finally:
        server.stop()


def measure_cold_start(db, runs=3):
    """Median seconds from process start to the first 200 of /__admin/health and of a Skode get."""
    times = []
    Server(db).stop()   # bytecode cache and file cache warm, as on a second `leadmock serve`
    for _ in range(runs):
        server = Server(db, probes=(("/__admin/health", {}), ("/skode/v1/leads/lead_abc123", SKODE)))
        times.append(server.ready_after)
        server.stop()
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def measure_rss(db, workers):
    server = Server(db, workers=workers)
    try:
        lio = {"Authorization": f"Bearer {lio_token(server)}"}
        for _ in range(50 * workers):
            for path, headers in ((LISTS[0][1], SKODE), (LISTS[1][1], SKODE), ("/discko/api/v1/leads", DISCKO),
                                  (LISTS[3][1], lio), ("/skarbe/api/connect/contacts?query=jo",
                                                       {"X-Api-Key": "sk_live_abc123xyz"})):
                server.request("GET", path, headers=headers)
        sizes = server.workers_rss_mb()
    finally:
        server.stop()
    main = sizes.pop(server.process.pid, 0.0)
    return main, sizes


def list_latencies(db, requests=200, after_write=False):
    """p50 ms of each list in :data:`LISTS` (sequential, keep-alive, after a warm-up).

    Pages are kept until the next commit, so a list read again is answered from memory;
    ``after_write`` commits a change (a clock move by 1 s, not timed) before each read, so every
    read computes its page: the cost of the first read after a write."""
    server = Server(db)
    try:
        lio = {"Authorization": f"Bearer {lio_token(server)}"}
        server.call("PUT", "/__admin/clock", {"now": "2026-03-16T09:00:05Z", "frozen": True})
        out = {}
        for name, path in LISTS:
            headers = lio if path.startswith("/lio") else SKODE
            samples = []
            for n in range(requests + 20):
                if n % 150 == 0:   # Skode's per-minute limit
                    server.call("POST", "/__admin/clock/advance", {"seconds": 60})
                elif after_write:
                    server.call("POST", "/__admin/clock/advance", {"seconds": 1})
                status, body, seconds = server.call("GET", path, headers=headers)
                assert status == 200, body[:200]
                if n >= 20:
                    samples.append(seconds * 1000)
            out[name] = statistics.median(samples)
        return out
    finally:
        server.stop()


def run(args):
    """Print the scale tables. ``args``: ``big`` (records, default 100000) and ``workers`` (default 2)."""
    big = getattr(args, "big", 100_000)
    workers = getattr(args, "workers", 2)
    work = tempfile.mkdtemp(prefix="leadmock-scale-")
    try:
        small = os.path.join(work, "default.sqlite")
        seed(small, 300)
        round_trip, server_side = measure_resets(small, 20, 20)
        print(f"\nreset at the default scale after 20 writes (median of 20): {round_trip:.1f} ms round trip, "
              f"{server_side:.1f} ms in the server")
        health, vendor = measure_cold_start(small)
        print(f"cold start on an existing database (median of 3): first 200 of /__admin/health {health:.2f} s, "
              f"of a Skode get {vendor:.2f} s")

        large = os.path.join(work, "large.sqlite")
        started = time.perf_counter()
        seed(large, big)
        print(f"\nseed --scale {big}: {time.perf_counter() - started:.0f} s")
        round_trip, server_side = measure_resets(large, 1000, 3)
        print(f"reset at --scale {big} after 1,000 writes (median of 3): {round_trip:.1f} ms round trip, "
              f"{server_side:.1f} ms in the server")
        main, sizes = measure_rss(large, workers)
        print(f"RSS at --scale {big}, --workers {workers}, after traffic: main process {main:.0f} MB; workers "
              + ", ".join(f"{mb:.0f} MB" for mb in sorted(sizes.values())))

        rows = {}
        for n in (1000, big):
            path = os.path.join(work, f"one-tenant-{n}.sqlite")
            subprocess.run([sys.executable, "-c", ONE_TENANT, path, str(n)], cwd=ROOT, env=ENV, check=True,
                           stdout=subprocess.DEVNULL)
            rows[n] = list_latencies(path), list_latencies(path, after_write=True)
        for index, title in ((1, "first read after a write"), (0, "read again (kept until the next commit)")):
            print(f"\n{'list in ONE tenant, ' + title + ' (p50 ms)':<58}{'1,000':>10}{f'{big:,}':>10}{'ratio':>8}")
            for name, _ in LISTS:
                small_ms, big_ms = rows[1000][index][name], rows[big][index][name]
                print(f"{name:<58}{small_ms:>10.2f}{big_ms:>10.2f}{big_ms / small_ms:>8.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=100_000, help="records of the large runs")
    parser.add_argument("--workers", type=int, default=2, help="workers of the RSS run")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
