"""The distinct-query workload: what a researcher exploring the catalogue asks, each question
once, after a change, so no answer comes from the cache.

50 filter states (a pillar and a country, each pair asked once) and 50 searches of mixed
frequency (common words matching most of the catalogue, domain words, pairs of them, rare
words), asked after the cache is cleared; and the unfiltered list right after a change to
the catalogue, which also updates the bitset index (cases/listing/bitsets.py).
"""

import random
import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .words import COMMON, DOMAIN, tail_words

QUESTIONS = 50
# Common words that are not stop words on either database (PostgreSQL's english config drops
# "the", "of" and the like; FTS5 keeps them).
COMMON_TERMS = [word for word in COMMON if len(word) > 4]


def filter_urls(seed=3):
    from cases.models import Country
    from pillars.models import Pillar

    rng = random.Random(seed)
    pillars = list(Pillar.objects.order_by("slug").values_list("slug", flat=True))
    countries = list(
        Country.objects.filter(cases__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
    pairs = rng.sample([(p, c) for p in pillars for c in countries], QUESTIONS)
    return [f"/cases/?pillar={pillar}&country={country}" for pillar, country in pairs]


def search_terms(seed=5):
    rng = random.Random(seed)
    domain = [word for word in DOMAIN if "-" not in word]
    terms = rng.sample(COMMON_TERMS, 12) + rng.sample(domain, 20)
    terms += [" ".join(rng.sample(domain, 2)) for _ in range(12)]
    terms += rng.sample(tail_words(20000), 6)
    return terms[:QUESTIONS]


def search_urls():
    return ["/cases/?q=" + term.replace(" ", "+") for term in search_terms()]


def timed(client, urls):
    """p50, p95 and the slowest query of `urls`, each asked once, after the cache is cleared."""
    cache.clear()
    timings, slowest = [], None
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        for query in queries.captured_queries:
            if slowest is None or float(query["time"]) > slowest["time"]:
                slowest = {"sql": query["sql"], "time": float(query["time"]), "url": url}
    return {
        "p50": statistics.median(timings),
        "p95": statistics.quantiles(timings, n=20)[-1],
        "max": max(timings),
        "slowest": slowest,
    }


def after_change(client, times=7):
    """The unfiltered list right after an editor's change to one case (a pillar added, then
    removed): the bitset index reads that case again (cases/changes.py)."""
    from cases.models import Case
    from pillars.models import Pillar

    case = Case.objects.published().order_by("pk").first()
    pillar = Pillar.objects.exclude(cases=case).order_by("pk").first()
    timings = []
    for number in range(times):
        if number % 2:
            case.pillars.remove(pillar)
        else:
            case.pillars.add(pillar)
        started = time.perf_counter()
        response = client.get("/cases/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return {"p50": statistics.median(timings), "max": max(timings)}


def index_stats():
    """The bitset index of the current version: build seconds, and MB held per process."""
    import pickle

    from cases.listing.bitsets import build

    started = time.perf_counter()
    index = build()
    return {
        "seconds": time.perf_counter() - started,
        "mb": index.size_in_bytes() / 1e6,
        "pickled_mb": len(pickle.dumps(index)) / 1e6,
    }


def run(client):
    client.get("/cases/")  # the index of this version is built, as after any first visit
    return {
        "filters": timed(client, filter_urls()),
        "searches": timed(client, search_urls()),
        "after_change": after_change(client),
        "index": index_stats(),
    }
