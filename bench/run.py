"""`make bench`: generate data, measure the pages, exports and throughput, write the results.

Each run has a database of its own, created at the start and dropped at the end, also after an
error or Ctrl-C (bench/database.py): a temporary SQLite file, or a new PostgreSQL database.
Environment: BENCH_CASES (sizes, e.g. 1000,10000,100000; measured smallest first, each adding
cases to the last), BENCH_DB (sqlite or postgres), BENCH_POSTGRES_URL (the PostgreSQL server,
default postgres://postgres@127.0.0.1:5432/postgres), BENCH_REQUESTS (timed requests per
page), BENCH_WRK_SECONDS, BENCH_PORT. Results are printed and written to
bench/results/<date>-<db>.md. Not part of the test suite.
"""

import os
import signal
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import django
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import database, distinct
from .server import Server, export_stats, run_wrk

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DB = os.environ.get("BENCH_DB", "sqlite")
SIZES = sorted(int(size) for size in os.environ.get("BENCH_CASES", "1000,10000,100000").split(","))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "20"))
PORT = int(os.environ.get("BENCH_PORT", "8391"))
SEARCH = os.environ.get("BENCH_SEARCH", "youth mentoring")
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", database.POSTGRES_SERVER)


def prepare(size, have):
    """Add cases up to `size` (there are `have`); returns seconds spent generating."""
    from .generator import generate

    started = time.perf_counter()
    generate(cases=size - have, seed=1)
    return time.perf_counter() - started


COLD_TOO = ("list, pillar + country", "text search", "case detail")


def pages():
    from .generator import generated_cases

    slug = generated_cases().published().order_by("id").values_list("slug")[0][0]
    return [
        ("list, unfiltered", "/cases/"),
        ("list, pillar + country, faceted", "/cases/?pillar=trust&country=UG"),
        ("list, two pillars, match all", "/cases/?pillar=trust&pillar=capacity&pillar_match=all"),
        (f"text search “{SEARCH}”", "/cases/?q=" + SEARCH.replace(" ", "+")),
        ("case detail", f"/cases/{slug}/"),
        ("pillar page", "/pillars/trust/"),
    ]


def measure_page(client, url, *, cold=False):
    """p50/p95 of `url`, its query count, and its slowest query by median time."""
    timings, query_times = [], {}
    client.get(url)
    for _ in range(REQUESTS):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        for query in queries.captured_queries:
            query_times.setdefault(query["sql"], []).append(float(query["time"]))
    medians = {sql: statistics.median(times) for sql, times in query_times.items()}
    slowest = max(medians, key=medians.get) if medians else None
    return {
        "p50": statistics.median(timings),
        "p95": statistics.quantiles(timings, n=20)[-1],
        "queries": len(queries.captured_queries),
        "slowest": {"sql": slowest, "time": medians[slowest]} if slowest else None,
    }


def explain(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def run_size(size, have):
    from cases.models import Case

    load_before = os.getloadavg()
    generation, generated = prepare(size, have), size - have
    client = Client()
    rows = []
    slowest = None
    for label, url in pages():
        result = measure_page(client, url)
        rows.append((label, url, result))
        # Counts, rankings and related cards are cached per catalogue version; the first
        # request after any change to the catalogue pays for them, so measure that too.
        if label.startswith(COLD_TOO):
            cold = measure_page(client, url, cold=True)
            rows.append((label + " (cache cleared)", url, cold))
    explored = distinct.run(client)
    for _label, _url, result in rows:
        candidate = result["slowest"]
        if candidate and (slowest is None or candidate["time"] > slowest["time"]):
            slowest = candidate
    cold = [explored["filters"]["slowest"], explored["searches"]["slowest"]]
    slowest_cold = max(cold, key=lambda query: query["time"])
    published = Case.objects.published().count()
    with Server(PORT) as server:
        exports = [
            (fmt, export_stats(server, f"/cases/export.{fmt}", published))
            for fmt in ("csv", "json")
        ]
        wrk = run_wrk(f"http://127.0.0.1:{PORT}/cases/?pillar=trust&country=UG", WRK_SECONDS)
    return {
        "size": size,
        "published": published,
        "generation": (generation, generated),
        "pages": rows,
        "exports": exports,
        "wrk": wrk,
        "slowest": slowest,
        "explain": explain(slowest["sql"]) if slowest else "",
        "distinct": explored,
        "slowest_cold": slowest_cold,
        "explain_cold": explain(slowest_cold["sql"]),
        "load": (load_before, os.getloadavg()),
    }


def report(results):
    lines = [
        f"# Benchmark: {DB}, {date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} cores, shared; Python {sys.version.split()[0]}; "
        f"{connection.vendor} {connection.Database.sqlite_version if DB == 'sqlite' else ''}"
        f"{connection.cursor().connection.info.server_version if DB == 'postgres' else ''}. "
        f"{REQUESTS} timed requests per page (in-process Django test client, after one warm-up); "
        "exports and wrk against gunicorn with 2 workers "
        "(gunicorn.conf.py: gthread, 8 threads each).",
        "",
    ]
    for result in results:
        size = result["size"]
        seconds, generated = result["generation"]
        (b1, b5, b15), (a1, a5, a15) = result["load"]
        lines += [
            f"## {size:,} generated cases ({result['published']:,} published)",
            "",
            f"Load average (1, 5, 15 min) before: {b1:.2f} {b5:.2f} {b15:.2f}; "
            f"after: {a1:.2f} {a5:.2f} {a15:.2f}.",
            f"Generation: {generated:,} cases added in {seconds:.1f} s"
            + (f" ({generated / seconds:,.0f} cases/s)." if generated else "."),
            "",
            "| page | p50 ms | p95 ms | queries |",
            "|---|---:|---:|---:|",
        ]
        for label, url, page in result["pages"]:
            lines.append(
                f"| {label} (`{url}`) | {page['p50']:.1f} | {page['p95']:.1f} | {page['queries']} |"
            )
        lines += [
            "",
            "| export | rows | seconds | rows/s | worker RSS peak MB | RSS growth MB |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for fmt, stats in result["exports"]:
            lines.append(
                f"| {fmt.upper()} | {stats['rows']:,} | {stats['seconds']:.1f} | "
                f"{stats['rows_per_second']:,.0f} | {stats['peak_mb']:.0f} | "
                f"{stats['growth_mb']:.0f} |"
            )
        explored = result["distinct"]
        lines += [
            "",
            f"Distinct-query workload ({distinct.QUESTIONS} filter states, "
            f"{distinct.QUESTIONS} searches, each asked once after the cache was cleared):",
            "",
            "| workload | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|",
        ]
        for name, label in (
            ("filters", "pillar + country, faceted"),
            ("searches", "search with its facets"),
        ):
            page = explored[name]
            lines.append(f"| {label} | {page['p50']:.1f} | {page['p95']:.1f} | {page['max']:.1f} |")
        after, index = explored["after_change"], explored["index"]
        lines += [
            "",
            "Unfiltered list right after an edit to one case (index updated): "
            f"p50 {after['p50']:.1f} ms, max {after['max']:.1f} ms. "
            f"Bitset index: read whole in {index['seconds'] * 1000:.0f} ms, "
            f"{index['mb']:.2f} MB per process ({index['pickled_mb']:.2f} MB in the cache).",
        ]
        wrk = result["wrk"]
        lines += [
            "",
            f"wrk -t2 -c8, {WRK_SECONDS} s, filtered list: **{wrk['rps']} requests/s**, "
            f"p99 {wrk['p99']}, errors: {wrk['errors']}.",
            "",
            f"Slowest query (median {result['slowest']['time'] * 1000:.1f} ms over the timed "
            "requests):"
            if result["slowest"]
            else "",
            "",
            "```sql",
            result["slowest"]["sql"] if result["slowest"] else "",
            "```",
            "",
            "```",
            result["explain"],
            "```",
            "",
            f"Slowest query of the distinct-query workload ({result['slowest_cold']['url']}, "
            f"{result['slowest_cold']['time'] * 1000:.1f} ms):",
            "",
            "```sql",
            result["slowest_cold"]["sql"],
            "```",
            "",
            "```",
            result["explain_cold"],
            "```",
            "",
        ]
    return "\n".join(lines)


def main():
    if DB not in ("sqlite", "postgres"):
        sys.exit(f"BENCH_DB must be sqlite or postgres, not {DB!r}.")
    # A TERM signal unwinds normally, so the gunicorn server is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nlc_catalogue.settings")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    with database.temporary(DB, server_url=POSTGRES_SERVER) as url:
        print(f"== {DB}: the run's own database, {url}", flush=True)
        os.environ["DATABASE_URL"] = url
        django.setup()
        try:
            run()
        finally:
            connections.close_all()


def run():
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_seed", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    results, have = [], 0
    for size in SIZES:
        print(f"== {DB}: {size:,} cases", flush=True)
        result = run_size(size, have)
        have = size
        results.append(result)
        print(report([result]).split("\n## ", 1)[-1], flush=True)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{date.today().isoformat()}-{DB}.md"
    for number in range(2, 100):  # a second run on the same day keeps the first's results
        if not path.exists():
            break
        path = RESULTS / f"{date.today().isoformat()}-{DB}-{number}.md"
    path.write_text(report(results))
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
