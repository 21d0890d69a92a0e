import html
import os
import re
from datetime import date

import pytest
from django.test.utils import override_settings

from cases.choices import ActorKind, Level
from cases.models import Case, Source
from tests.factories import ActorFactory, CaseFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"nlc-test-{os.getpid()}",
    }
}


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis", "files"])
def cache_backend(request, tmp_path):
    if request.param == "redis" and not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}; the Redis cache tests need it.")
    # The cache gunicorn's workers share without Redis (gunicorn.conf.py sets CACHE_DIR).
    files = {"default": {"BACKEND": "ops.cache.FileCache", "LOCATION": str(tmp_path / "cache")}}
    caches = {"locmem": LOCMEM, "redis": REDIS, "files": files}
    with override_settings(CACHES=caches[request.param]):
        from django.core.cache import cache

        _clear_own_entries(cache)
        yield request.param
        _clear_own_entries(cache)


def _clear_own_entries(cache):
    """Empty this process's entries only: clear() on Redis would empty the whole database,
    under the feet of other test processes (xdist workers, other checkouts) sharing it."""
    prefix = REDIS["default"]["KEY_PREFIX"]
    if getattr(cache, "key_prefix", None) != prefix:
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


CARD_TITLE = re.compile(r'class="case-card__title"><a href="[^"]+">([^<]+)</a>')


def titles(response):
    """The case titles a person sees on a list page, in order."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


@pytest.fixture
def catalogue(pillars, countries):
    """A small catalogue: five published cases and one draft, covering every filter."""
    local = ActorFactory(
        name="Nansana Municipality", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )
    council = ActorFactory(
        name="City of Victoria", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )
    national = ActorFactory(
        name="National Counter Terrorism Centre",
        level=Level.NATIONAL,
        kind=ActorKind.NATIONAL_AGENCY,
    )
    community = ActorFactory(
        name="Mohalla Committees", level=Level.COMMUNITY, kind=ActorKind.COMMUNITY_BODY
    )
    return {
        "uganda": CaseFactory(
            title="Uganda taskforce on the national strategy",
            pillars=[pillars["trust"], pillars["coordination"]],
            countries=[countries["UG"]],
            actors=[(local, "chairs the taskforce"), (national, "reviews the strategy")],
            start_year=2022,
            start_month=10,
            end_year=2024,
            end_month=10,
        ),
        "malawi": CaseFactory(
            title="Malawi localises its strategy",
            body="Peace and Unity Committees in four cities.",
            pillars=[pillars["coordination"]],
            countries=[countries["MW"]],
            actors=[national],
            start_year=2024,
            start_month=3,
        ),
        "finland": CaseFactory(
            title="Finland action plan",
            summary="An action plan with 43 measures.",
            pillars=[pillars["coordination"], pillars["communication"]],
            countries=[countries["FI"]],
            actors=[national],
            start_year=2024,
            start_month=7,
        ),
        "mumbai": CaseFactory(
            title="Mumbai neighbourhood committees",
            pillars=[pillars["trust"], pillars["inclusivity"]],
            countries=[countries["IN"]],
            actors=[community],
            start_year=None,
            start_month=None,
        ),
        "victoria": CaseFactory(
            title="Victoria cross-city conference",
            pillars=[pillars["capacity"]],
            countries=[countries["CA"], countries["US"]],
            actors=[local, council],
            start_year=2024,
            start_month=10,
        ),
        "draft": CaseFactory(
            title="Unpublished draft about trust",
            status=Case.Status.DRAFT,
            pillars=[pillars["trust"]],
            countries=[countries["UG"]],
            actors=[local],
            start_year=2025,
        ),
    }


@pytest.fixture
def varied_cases(catalogue, pillars, countries):
    """Cases with every shape a row can take: empty and crowded relations, odd text, periods."""
    national = ActorFactory(name="Ministry, “Interior”", level=Level.NATIONAL)
    community = ActorFactory(name="Youth club", level=Level.COMMUNITY)
    local = ActorFactory(name="Town hall", level=Level.LOCAL)
    CaseFactory(
        title='=cmd|"/c calc"!A1',
        summary="Line one\nline two, with a comma",
        body='He said "no".\r\n\t- item',
        takeaways=["Ünïcödé ✓", "", 'a "quoted" one', "-starts with a minus"],
        countries=[countries["CA"], countries["US"], countries["FI"]],
        pillars=[pillars["sustainability"], pillars["trust"]],
        actors=[(community, "ran it"), (national, ""), (local, "again")],
        sources=["A report", "Another report"],
        start_year=2019,
        start_month=None,
        end_year=2021,
        end_month=12,
    )
    bare = CaseFactory(title="Nothing attached", countries=[], pillars=[], takeaways=[])
    bare.start_year = None
    bare.start_month = None
    bare.save()
    with_source = CaseFactory(title="Dated source")
    Source.objects.create(
        case=with_source, title="Dated", publisher="", url="https://example.org/x", order=0
    )
    Source.objects.filter(case=with_source).update(published=date(2024, 2, 29))
    return Case.objects.published().order_by("title", "id")
