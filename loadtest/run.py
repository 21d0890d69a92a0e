"""Load test (and soak test) of the catalogue under gunicorn on PostgreSQL, driven by wrk.

    python loadtest/run.py            # each endpoint for LOADTEST_DURATION (default 20s)
    python loadtest/run.py --soak     # mixed traffic for SOAK_DURATION (300s), memory sampled

Runs the production configuration (DJANGO_ENV=production behind a pretend TLS proxy) on the
database LOADTEST_DATABASE_URL, seeded with LOADTEST_CASES synthetic cases. Prints a Markdown
table for the README and exits 1 on any socket error or 5xx.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OUT = ROOT / "loadtest" / "results"
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nlc_loadtest"
)
CASES = int(os.environ.get("LOADTEST_CASES", 10_000))
PORT = int(os.environ.get("LOADTEST_PORT", 8765))
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", 8))
THREADS = int(os.environ.get("LOADTEST_THREADS", 2))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "nlc_catalogue.settings",
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DATABASE_URL,
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_WORKERS": str(2 * (os.cpu_count() or 1)),
}
# wrk plays the TLS-terminating proxy, so production's HTTPS redirect lets requests through.
PROXY_HEADER = "X-Forwarded-Proto: https"


def detail_paths(count=50):
    """Pages of `count` published generated cases, spread over the whole catalogue."""
    import psycopg

    query = (
        "SELECT slug FROM cases_case WHERE slug LIKE 'gen-%' AND status = 'published' "
        "AND deleted_at IS NULL ORDER BY id"
    )
    with psycopg.connect(DATABASE_URL) as connection:
        slugs = [row[0] for row in connection.execute(query)]
    step = max(1, len(slugs) // count)
    return [f"/cases/{slug}/" for slug in slugs[::step][:count]]


def endpoints():
    detail = detail_paths()
    return [
        ("list", ["/cases/"]),
        ("filtered list", ["/cases/?pillar=trust&region=europe&sort=title&page=2"]),
        ("search", ["/cases/?q=resilience", "/cases/?q=youth+forum&pillar=capacity"]),
        ("detail", detail),
        ("CSV export (one pillar, one region)", ["/cases/export.csv?pillar=trust&region=europe"]),
        ("CSV export (all cases)", ["/cases/export.csv"]),
    ]


def python(*args):
    subprocess.run([PYTHON, *args], cwd=ROOT, env=ENV, check=True)


def manage(*args):
    python("manage.py", *args)


def prepare_database():
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_seed")
    # bench.generate adds cases (and runs ANALYZE); top up to CASES so reruns reuse the data.
    with psycopg.connect(DATABASE_URL) as connection:
        query = "SELECT count(*) FROM cases_case WHERE slug LIKE 'gen-1-%'"
        present = connection.execute(query).fetchone()
    if present[0] < CASES:
        python("-m", "bench.generate", "--cases", str(CASES - present[0]), "--seed", "1")
    manage("collectstatic", "--noinput", "--verbosity", "0")


def start_server(log):
    server = subprocess.Popen([PYTHON, "-m", "gunicorn"], cwd=ROOT, env=ENV, stdout=log, stderr=log)
    for _attempt in range(100):
        try:
            request = urllib.request.Request(f"{BASE}/healthz")
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not become healthy; see the log in loadtest/results/.")


def wrk(paths, *, seconds, connections=CONNECTIONS):
    command = ["wrk", "-t", str(THREADS), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", "30s", "-H", PROXY_HEADER, "-s", "loadtest/report.lua", BASE, "--"]
    result = subprocess.run(command + paths, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def drain():
    """Wait for requests still queued from the last run, so they do not slow the next one."""
    with urllib.request.urlopen(f"{BASE}/healthz", timeout=300):
        pass


def rss_kib(pid):
    """Resident memory of gunicorn's master and all its workers."""
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for process in [str(pid), *children]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def load_test(seconds):
    rows = []
    for name, paths in endpoints():
        connections = 4 if "all cases" in name else CONNECTIONS
        result = wrk(paths, seconds=seconds, connections=connections)
        drain()
        rows.append((name, connections, result))
        print(f"{name}: {json.dumps(result)}", flush=True)
    lines = [
        f"{CASES:,} cases, gunicorn {ENV['GUNICORN_WORKERS']} workers on {os.cpu_count()} cores, "
        f"wrk {THREADS} threads, {seconds}s per endpoint",
        "",
        "| endpoint | connections | requests | requests/s | p50 ms | p99 ms | errors | 5xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, connections, r in rows:
        lines.append(
            f"| {name} | {connections} | {r['requests']} | {r['rps']:.2f} | {r['p50_ms']:.0f} "
            f"| {r['p99_ms']:.0f} "
            f"| {r['socket_errors'] + r['non_2xx_3xx']} | {r['server_errors']} |"
        )
    failed = any(r["socket_errors"] or r["non_2xx_3xx"] for _name, _c, r in rows)
    return lines, failed


def soak(server, seconds):
    mixed = [path for _name, paths in endpoints()[:5] for path in paths[:3]]
    samples = []
    wrk_process = subprocess.Popen(
        ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout",
         "30s", "-H", PROXY_HEADER, "-s", "loadtest/report.lua", BASE, "--", *mixed],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    started = time.monotonic()
    while wrk_process.poll() is None:
        samples.append((round(time.monotonic() - started), rss_kib(server.pid)))
        time.sleep(10)
    result = json.loads(wrk_process.stdout.read().strip().splitlines()[-1])
    warm = [kib for second, kib in samples if second >= 30] or [samples[-1][1]]
    growth = (warm[-1] - warm[0]) / warm[0] * 100
    lines = [
        f"Soak: {seconds}s of mixed traffic ({len(mixed)} URLs), {CONNECTIONS} connections, "
        f"{CASES:,} cases",
        "",
        f"- requests: {result['requests']:,} ({result['rps']:.1f}/s), p50 {result['p50_ms']:.1f} "
        f"ms, p99 {result['p99_ms']:.1f} ms, errors "
        f"{result['socket_errors'] + result['non_2xx_3xx']}, 5xx {result['server_errors']}",
        f"- memory of all gunicorn processes (RSS): {warm[0] / 1024:.1f} MiB after 30 s, "
        f"{warm[-1] / 1024:.1f} MiB at the end, peak {max(warm) / 1024:.1f} MiB "
        f"({growth:+.1f}% from 30 s to the end)",
        "- samples (s, MiB): "
        + ", ".join(f"{second}: {kib / 1024:.0f}" for second, kib in samples),
    ]
    failed = bool(result["socket_errors"] or result["non_2xx_3xx"]) or growth > 10
    return lines, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soak", action="store_true")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    OUT.mkdir(exist_ok=True)
    prepare_database()
    kind = "soak" if arguments.soak else "loadtest"
    with (OUT / f"{kind}-gunicorn.log").open("w") as log:
        server = start_server(log)
        try:
            if arguments.soak:
                lines, failed = soak(server, int(os.environ.get("SOAK_DURATION", 300)))
            else:
                lines, failed = load_test(int(os.environ.get("LOADTEST_DURATION", 20)))
        finally:
            server.terminate()
            server.wait(timeout=60)
    report = "\n".join(lines) + "\n"
    (OUT / f"{kind}.md").write_text(report)
    print("\n" + report)
    if failed:
        raise SystemExit(f"{kind}: errors, 5xx responses or memory growth; see above.")


if __name__ == "__main__":
    main()
