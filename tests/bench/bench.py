"""``make bench``: throughput and latency of ``leadmock serve`` on this machine.

Prints a table; asserts nothing. Uses wrk when installed (``apt-get install
wrk``), else a small keep-alive Python load generator. Every server it starts
binds to 127.0.0.1 on a free port and is stopped at the end.

    python tests/bench/bench.py [--duration 10] [--connections 16] [--skip-scale]
"""

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEADMOCK = [sys.executable, "-m", "app"]

# name, method, path, headers, body
SCENARIOS = [
    ("Discko list (25 leads)", "GET", "/discko/api/v1/leads", {"X-Discko-Key": "dk_test_creative_minds"}, None),
    ("Discko get", "GET", "/discko/api/v1/leads/req_xyz789", {"X-Discko-Key": "dk_test_creative_minds"}, None),
    ("Discko put status", "PUT", "/discko/api/v1/leads/req_xyz789",
     {"X-Discko-Key": "dk_test_creative_minds", "Content-Type": "application/json"}, '{"status": "IN_PROGRESS"}'),
    ("Skarbe contact search", "GET", "/skarbe/api/connect/contacts?query=jo", {"X-Api-Key": "sk_live_abc123xyz"}, None),
    ("Skode list (25 leads)", "GET", "/skode/v1/leads?per_page=25", {"Authorization": "Bearer sk_live_your_api_key"}, None),
    ("Skode get", "GET", "/skode/v1/leads/lead_abc123", {"Authorization": "Bearer sk_live_your_api_key"}, None),
    ("Skode create", "POST", "/skode/v1/leads",
     {"Authorization": "Bearer sk_live_your_api_key", "Content-Type": "application/json"},
     '{"name": "Bench Lead", "email": "bench@example.com", "source": "api", "deal_value": 1000}'),
    # LIO: "{LIO_TOKEN}" is replaced by a token from POST /lio/api/auth/login once the server is up
    ("LIO lead list (10)", "GET", "/lio/api/lead/list", {"Authorization": "Bearer {LIO_TOKEN}"}, None),
    ("LIO lead view", "GET", "/lio/api/lead/view/80001", {"Authorization": "Bearer {LIO_TOKEN}"}, None),
    ("LIO lead add", "POST", "/lio/api/lead/add",
     {"Authorization": "Bearer {LIO_TOKEN}", "Content-Type": "application/json"},
     '{"first_name": "Bench", "last_name": "Lead", "company": "Bench Co", "priority": 3}'),
    ("LIO pipeline forecast", "GET", "/lio/api/forecast/pipeline?months=6", {"Authorization": "Bearer {LIO_TOKEN}"},
     None),
]


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


def start_server(db, *args, workers=1):
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*LEADMOCK, "serve", "--port", str(port), "--db", db, "--workers", str(workers), *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(base + "/__admin/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.perf_counter() - started > 120:
                raise
            time.sleep(0.02)
    return process, base, time.perf_counter() - started


def stop_server(process):
    os.killpg(process.pid, 15)
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
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", script.name, base + path],
                         capture_output=True, text=True, timeout=duration + 60).stdout
    os.unlink(script.name)
    rps, p50, p99, errors, total = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", out).groups()
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


def measure_seed(scale):
    db = tempfile.mktemp(suffix=".sqlite")
    code = (
        "import resource, sys, time\n"
        "from app import seed_database\nfrom app.core import db\n"
        f"d = db.use(db.Database({db!r}))\nt = time.perf_counter()\n"
        f"seed_database(d, 42, {scale})\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds, peak_mb = map(float, out.stdout.split())
    return db, seconds, peak_mb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-scale", action="store_true", help="skip the 10k/100k seed and latency runs")
    args = parser.parse_args()
    load = wrk if shutil.which("wrk") else python_load
    print(f"load generator: {'wrk' if load is wrk else 'python (install wrk for better numbers)'}; "
          f"{os.cpu_count()} cores; {args.connections} connections; {args.duration}s per scenario; "
          f"leadmock serve --workers {args.workers}\n")

    work = tempfile.mkdtemp(prefix="leadmock-bench-")
    db = os.path.join(work, "bench.sqlite")
    process, base, cold = start_server(db, "--fresh", workers=args.workers)
    rows = []
    # Skode limits every key per minute of sandbox time; moving the clock a minute every
    # half second keeps the Enterprise key under its limit, so the numbers measure work, not 429s.
    ticking = threading.Event()

    def tick_clock():
        while not ticking.wait(0.5):
            urllib.request.urlopen(urllib.request.Request(
                base + "/__admin/clock/advance", data=b'{"seconds": 60}', method="POST",
                headers={"Content-Type": "application/json"}), timeout=10).read()

    ticker = threading.Thread(target=tick_clock, daemon=True)
    ticker.start()
    try:
        token = lio_token(base)
        for name, method, path, headers, body in SCENARIOS:
            headers = {key: value.replace("{LIO_TOKEN}", token) for key, value in headers.items()}
            rps, p50, p99, errors, total = load(base, method, path, headers, body, args.duration, args.connections)
            rows.append((name, rps, p50, p99, errors, total))
        resets = []
        for _ in range(20):
            t0 = time.perf_counter()
            urllib.request.urlopen(urllib.request.Request(base + "/__admin/reset", method="POST"), timeout=30).read()
            resets.append((time.perf_counter() - t0) * 1000)
    finally:
        ticking.set()
        ticker.join()
        stop_server(process)
    print(f"{'scenario':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>10}{'requests':>10}")
    for name, rps, p50, p99, errors, total in rows:
        print(f"{name:<28}{rps:>10.0f}{p50:>10.2f}{p99:>10.2f}{errors:>10}{total:>10}")
    print(f"\nreset (POST /__admin/reset, median of 20): {statistics.median(resets):.1f} ms")
    print(f"cold start to first 200 (seeding a new database, default scale): {cold:.2f} s")
    process, base, warm = start_server(db)
    stop_server(process)
    print(f"start to first 200 on an existing database: {warm:.2f} s")

    if not args.skip_scale:
        print(f"\n{'seed --scale':<14}{'seconds':>10}{'peak MB':>10}{'Discko list p50 ms':>20}{'Skarbe search p50 ms':>22}")
        for scale in (10_000, 100_000):
            scaled_db, seconds, peak = measure_seed(scale)
            process, base, _ = start_server(scaled_db, "--scale", str(scale), workers=1)
            try:
                _, p50_list, _, _, _ = load(base, *SCENARIOS[0][1:], 3, 4)
                _, p50_search, _, _, _ = load(base, *SCENARIOS[3][1:], 3, 4)
            finally:
                stop_server(process)
            print(f"{scale:<14}{seconds:>10.1f}{peak:>10.0f}{p50_list:>20.2f}{p50_search:>22.2f}")
            for suffix in ("", ".pristine", "-wal", "-shm"):
                if os.path.exists(scaled_db + suffix):
                    os.remove(scaled_db + suffix)
        __import__("scale").run(args)   # tests/bench/scale.py: reset, cold start, RSS, 1k-vs-100k list latency
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
