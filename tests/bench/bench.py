"""``make bench``: leadmock against json-server 1.x and a bare Flask app, on this machine.

Prints tables; asserts nothing. For each kind of request (a 25-item page, one record, a create) it
measures leadmock's vendor routes (default ``leadmock serve`` settings, with auth, rate limits, CORS
and the journal), json-server 1.x serving the same records (installed from npm into
``.cache/bench/json-server``; skipped with a line when npm is missing or offline), and a bare Flask
app under the same granian settings serving the same bytes: req/s, p50/p99 and the ratio to
json-server. Also: Discko get with the request journal off (``LEADMOCK_JOURNAL_SIZE=0``) vs on, and
creates with ``--durability fast`` vs the default. Then ``tests/bench/scale.py`` (when present) adds
reset, cold start, RSS and large-dataset numbers.

Uses wrk when installed (``apt-get install wrk``), else a small keep-alive Python load generator.
Every server it starts binds to 127.0.0.1 on a free port and is stopped at the end.

    python tests/bench/bench.py [--duration 5] [--connections 16] [--workers N --threads N]
"""

import argparse
import http.client
import importlib
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
LEADMOCK = [sys.executable, "-m", "app"]
JSON_SERVER = "json-server@1.0.0-beta.15"
JSON_SERVER_CACHE = os.path.join(ROOT, ".cache", "bench", "json-server")

SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
DISCKO = {"X-Discko-Key": "dk_test_creative_minds"}
LIO = {"Authorization": "Bearer {LIO_TOKEN}"}   # replaced by a token from POST /lio/api/auth/login
JSON = {"Content-Type": "application/json"}
CREATE_BODY = '{"name": "Bench Lead", "email": "bench@example.com", "source": "api", "deal_value": 1000}'

# kind -> leadmock scenarios (name, method, path, headers, body)
SCENARIOS = {
    "page": [
        ("Skode list (25)", "GET", "/skode/v1/leads?per_page=25", SKODE, None),
        ("LIO lead list (25)", "GET", "/lio/api/lead/list?limit=25", LIO, None),
    ],
    "record": [
        ("Discko get", "GET", "/discko/api/v1/leads/req_xyz789", DISCKO, None),
        ("Skode get", "GET", "/skode/v1/leads/lead_abc123", SKODE, None),
        ("LIO lead view", "GET", "/lio/api/lead/view/80001", LIO, None),
    ],
    "create": [
        ("Skode create", "POST", "/skode/v1/leads", {**SKODE, **JSON}, CREATE_BODY),
        ("LIO lead add", "POST", "/lio/api/lead/add", {**LIO, **JSON},
         '{"first_name": "Bench", "last_name": "Lead", "company": "Bench Co", "priority": 3}'),
    ],
}
KINDS = {"page": "25-item page", "record": "one record", "create": "create"}
# the same kinds on json-server and on the bare Flask app
JSON_SERVER_PATHS = {"page": ("GET", "/leads?_page=1&_per_page=25", {}, None),
                     "record": ("GET", "/leads/lead_abc123", {}, None),
                     "create": ("POST", "/leads", JSON, CREATE_BODY)}
FLASK_PATHS = {"page": ("GET", "/page", {}, None), "record": ("GET", "/record", {}, None),
               "create": ("POST", "/create", JSON, CREATE_BODY)}


def lio_token(base):
    """A LIO bearer token for the well-known Acme admin."""
    request = urllib.request.Request(base + "/lio/api/auth/login", method="POST",
                                     data=b'{"email": "you@company.com", "password": "your_password"}',
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["access_token"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process, url, started, timeout=120):
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status < 500:
                    return time.perf_counter() - started
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return time.perf_counter() - started
        except OSError:
            pass
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"{url} did not answer within {timeout} s")
        time.sleep(0.05)


def start_process(command, probe, env=None, cwd=ROOT):
    """Start ``command`` (with ``{port}`` filled in) and wait until ``probe`` answers; (process, base, seconds)."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([part.replace("{port}", str(port)) for part in command], cwd=cwd,
                               env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        seconds = wait_until_up(process, base + probe, started)
    except BaseException:
        stop_server(process)
        raise
    return process, base, seconds


def start_server(db, *args, workers=None, threads=None, env=None):
    """``leadmock serve`` on ``db`` with its default settings unless ``workers``/``threads`` are given."""
    options = [*(["--workers", str(workers)] if workers else []), *(["--threads", str(threads)] if threads else [])]
    return start_process([*LEADMOCK, "serve", "--quiet", "--port", "{port}", "--db", db, *options, *args],
                         "/__admin/health", env=env)


def stop_server(process):
    try:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait(timeout=20)


def wrk(base, method, path, headers, body, duration, connections):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lines = [f'wrk.method = "{method}"']
    if body:
        lines.append(f"wrk.body = {json.dumps(body)}")
    for name, value in headers.items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    lines.append("done = function(summary, latency, requests)\n"
                 "  io.write(string.format('RESULT %f %f %f %d %d\\n', summary.requests / (summary.duration / 1e6),"
                 " latency:percentile(50) / 1000, latency:percentile(99) / 1000,"
                 " summary.errors.status, summary.requests))\nend")
    script.write("\n".join(lines))
    script.close()
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script.name, base + path],
                          capture_output=True, text=True, timeout=duration + 60)
    os.unlink(script.name)
    found = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", done.stdout)
    if found is None:
        raise RuntimeError(f"wrk gave no result for {method} {path}:\n{done.stdout}{done.stderr}")
    rps, p50, p99, errors, total = found.groups()
    return float(rps), float(p50), float(p99), int(errors), int(total)


def python_load(base, method, path, headers, body, duration, connections):
    host, port = base.removeprefix("http://").split(":")
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker():
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        mine, bad = [], 0
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            bad += response.status >= 400
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return len(latencies) / duration, pct(0.5), pct(0.99), errors[0], len(latencies)



# -- json-server and the bare Flask app --------------------------------------------------------------
def json_server_bin():
    """json-server 1.x from the bench's own npm cache, installed on first use; None (said why) when unavailable."""
    binary = os.path.join(JSON_SERVER_CACHE, "node_modules", ".bin", "json-server")
    if os.path.exists(binary):
        return binary
    if not shutil.which("npm") or not shutil.which("node"):
        print("json-server: skipped (npm or node is not installed)")
        return None
    os.makedirs(JSON_SERVER_CACHE, exist_ok=True)
    try:
        result = subprocess.run(["npm", "install", "--prefix", JSON_SERVER_CACHE, "--no-audit", "--no-fund",
                                 "--no-save", "--loglevel=error", JSON_SERVER],
                                capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        print("json-server: skipped (npm install timed out: offline?)")
        return None
    if result.returncode != 0 or not os.path.exists(binary):
        reason = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        print(f"json-server: skipped (npm install {JSON_SERVER} failed: {reason})")
        return None
    return binary


def write_json_server_db(leadmock_db, path):
    """db.json for json-server: leadmock's own Skode and Discko leads, as leadmock serves them."""
    connection = sqlite3.connect(leadmock_db)
    try:
        leads = [json.loads(doc) for table in ("skode_leads", "discko_leads")
                 for (doc,) in connection.execute(f"SELECT doc FROM {table} ORDER BY rowid")]
    finally:
        connection.close()
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"leads": leads}, handle)
    return len(leads)


def fetch(base, method, path, headers, body=None):
    request = urllib.request.Request(base + path, method=method, headers=headers,
                                     data=body.encode() if body else None)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


# -- the run -----------------------------------------------------------------------------------------
class Ticker:
    """Moves a leadmock server's sandbox clock a minute every half second.

    Skode limits every key per minute of sandbox time; a new window every half second keeps the
    Enterprise key under its limit, so the numbers measure work, not 429s.
    """

    def __init__(self, base):
        self.base, self.stopping = base, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping.wait(0.5):
            try:
                fetch(self.base, "POST", "/__admin/clock/advance", JSON, '{"seconds": 60}')
            except OSError:
                pass

    def stop(self):
        self.stopping.set()
        self.thread.join()


def main():
    scale = None
    if os.path.exists(os.path.join(HERE, "scale.py")):   # reset, cold start, RSS, large datasets
        sys.path.insert(0, HERE)
        scale = importlib.import_module("scale")
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, help="leadmock serve --workers (default: serve's)")
    parser.add_argument("--threads", type=int, help="leadmock serve --threads (default: serve's)")
    parser.add_argument("--skip-scale", action="store_true", help="skip tests/bench/scale.py")
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated kinds: page,record,create")
    if scale is not None and hasattr(scale, "add_arguments"):
        scale.add_arguments(parser)
    args = parser.parse_args()
    load = wrk if shutil.which("wrk") else python_load
    sys.path.insert(0, ROOT)
    from app import config as app_config

    workers = args.workers or app_config.DEFAULTS["WORKERS"]
    threads = args.threads or app_config.DEFAULTS["THREADS"]
    print(f"load generator: {'wrk -t2' if load is wrk else 'python (install wrk for better numbers)'}; "
          f"{os.cpu_count()} cores; {args.connections} connections; {args.duration}s per scenario; "
          f"leadmock serve and bare Flask: {workers} worker(s) x {threads} thread(s)")

    work = tempfile.mkdtemp(prefix="leadmock-bench-")
    processes, tickers, rows = [], [], []
    try:
        main_db = os.path.join(work, "bench.sqlite")
        leadmock, base, _ = start_server(main_db, "--fresh", workers=args.workers, threads=args.threads)
        processes.append(leadmock)
        servers = {"leadmock": base}
        for name, env in (("journal off", {"LEADMOCK_JOURNAL_SIZE": "0"}), ("durability fast", {"LEADMOCK_DURABILITY": "fast"})):
            path = os.path.join(work, name.replace(" ", "-") + ".sqlite")
            for suffix in ("", ".pristine"):   # the pristine snapshot is a whole database file
                shutil.copy(main_db + ".pristine", path + suffix)
            process, servers[name], _ = start_server(path, workers=args.workers, threads=args.threads, env=env)
            processes.append(process)
        tokens = {name: lio_token(url) for name, url in servers.items()}
        tickers = [Ticker(url) for url in servers.values()]

        bodies = os.path.join(work, "bodies.json")
        first = SCENARIOS["page"][0], SCENARIOS["record"][1], SCENARIOS["create"][0]
        with open(bodies, "w", encoding="utf-8") as handle:
            json.dump({kind: fetch(base, *scenario[1:]) for kind, scenario in zip(("page", "record", "create"), first)},
                      handle)
        flask, servers["bare Flask"], _ = start_process(
            [sys.executable, os.path.join(HERE, "bare_flask.py"), "--port", "{port}", "--bodies", bodies,
             "--workers", str(workers), "--threads", str(threads)], "/record")
        processes.append(flask)
        binary = json_server_bin()
        if binary:
            db_json = os.path.join(work, "db.json")
            count = write_json_server_db(main_db, db_json)
            process, servers["json-server"], _ = start_process(
                [binary, "--host", "127.0.0.1", "--port", "{port}", db_json], "/leads/lead_abc123", cwd=work)
            processes.append(process)
            version = fetch_version(binary)
            print(f"json-server {version}: {count} leads (leadmock's Skode and Discko leads)")
        print()

        def run(kind, server, name, method, path, headers, body):
            token = tokens.get(server, "")
            headers = {key: value.replace("{LIO_TOKEN}", token) for key, value in headers.items()}
            rps, p50, p99, errors, total = load(servers[server], method, path, headers, body, args.duration,
                                                args.connections)
            rows.append({"kind": kind, "server": server, "name": name, "rps": rps, "p50": p50, "p99": p99,
                         "errors": errors, "total": total})

        for kind in [kind for kind in KINDS if kind in args.only.split(",")]:   # interleaved, so the ratios of one kind come from neighbouring measurements
            if "json-server" in servers:
                run(kind, "json-server", "json-server", *JSON_SERVER_PATHS[kind])
            run(kind, "bare Flask", "bare Flask", *FLASK_PATHS[kind])
            for name, method, path, headers, body in SCENARIOS[kind]:
                run(kind, "leadmock", name, method, path, headers, body)
                if name == "Discko get":
                    run(kind, "journal off", name + " (journal off)", method, path, headers, body)
                if kind == "create":
                    run(kind, "durability fast", name + " (--durability fast)", method, path, headers, body)
    finally:
        for ticker in tickers:
            ticker.stop()
        for process in processes:
            stop_server(process)
    report(rows)
    shutil.rmtree(work, ignore_errors=True)
    if scale is not None and not args.skip_scale:
        print()
        args.workers = workers   # serve's default when not given
        scale.run(args)


def fetch_version(binary):
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def report(rows):
    reference = {row["kind"]: row["rps"] for row in rows if row["server"] == "json-server"}
    print(f"{'kind':<14}{'scenario':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}"
          f"{'x json-server':>15}")
    for row in rows:
        ratio = f"{row['rps'] / reference[row['kind']]:.2f}x" if row["kind"] in reference else "-"
        print(f"{KINDS[row['kind']]:<14}{row['name']:<38}{row['rps']:>9.0f}{row['p50']:>9.2f}{row['p99']:>9.2f}"
              f"{row['errors']:>9}{ratio:>15}")
    by_name = {row["name"]: row for row in rows}
    print()
    for plain, variant, label in (("Discko get", "Discko get (journal off)", "Discko get, journal on / off"),
                                  ("Skode create", "Skode create (--durability fast)",
                                   "Skode create, default / --durability fast"),
                                  ("LIO lead add", "LIO lead add (--durability fast)",
                                   "LIO lead add, default / --durability fast")):
        if plain in by_name and variant in by_name:
            print(f"{label}: {by_name[plain]['rps'] / by_name[variant]['rps']:.2f}")


if __name__ == "__main__":
    main()
