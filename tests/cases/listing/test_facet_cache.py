"""Facet counts (and list results, see test_list_cache) are cached per filter state and
invalidated by any change to the catalogue, from this process or another."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from cases.choices import Level, Region
from cases.models import Actor, Case, Country
from tests.cases.conftest import REDIS_URL, titles
from tests.factories import CaseFactory


def trust_count(client, url="/cases/", pillar="trust"):
    """The number beside a pillar (Trust unless told) in the facet list."""
    page = client.get(url).content.decode()
    match = re.search(
        rf'value="{pillar}"[^>]*>\s*<span class="facet__label">[^<]+</span>\s*'
        r'<span class="facet__count"[^>]*>(\d+)</span>',
        page,
    )
    assert match, f"the {pillar} facet option is missing"
    return int(match.group(1))


def test_a_repeated_filter_state_is_served_from_the_cache(client, catalogue, cache_backend):
    url = "/cases/?country=UG&country=IN"
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)

    facet_queries = [q for q in first.captured_queries if "GROUP BY" in q["sql"]]
    assert len(facet_queries) >= 4
    assert not [q for q in second.captured_queries if "GROUP BY" in q["sql"]]
    assert len(second.captured_queries) <= len(first.captured_queries) - len(facet_queries)


def test_the_same_state_in_another_order_or_letter_case_shares_an_entry(
    client, catalogue, cache_backend
):
    client.get("/cases/?country=UG&country=IN&pillar=trust")
    with CaptureQueriesContext(connection) as again:
        client.get("/cases/?pillar=trust&country=in&country=UG&sort=title")

    assert not [q for q in again.captured_queries if "GROUP BY" in q["sql"]]


@pytest.mark.parametrize(
    "change",
    [
        "save",
        "bulk_update",
        "bulk_create_link",
        "remove_link",
        "actor_update",
        "country_update",
        "delete",
    ],
)
def test_any_change_to_the_catalogue_invalidates_the_counts(
    client, catalogue, pillars, countries, cache_backend, change
):
    before = trust_count(client)
    assert trust_count(client) == before  # now cached
    case = catalogue["finland"]
    coordination = trust_count(client, pillar="coordination")
    if change == "save":
        case.status = Case.Status.DRAFT
        case.save()
        expected = before
        assert trust_count(client, pillar="coordination") == coordination - 1
    elif change == "bulk_update":
        Case.objects.filter(pk=catalogue["uganda"].pk).update(status=Case.Status.DRAFT)
        expected = before - 1
    elif change == "bulk_create_link":
        Case.pillars.through.objects.bulk_create(
            [Case.pillars.through(case_id=case.pk, pillar_id=pillars["trust"].pk)]
        )
        expected = before + 1
    elif change == "remove_link":
        catalogue["mumbai"].pillars.remove(pillars["trust"])
        expected = before - 1
    elif change == "actor_update":
        Actor.objects.filter(name="Mohalla Committees").update(level=Level.NATIONAL)
        expected = before
        assert trust_count(client, "/cases/?level=community") == 0
    elif change == "country_update":
        Country.objects.filter(code="IN").update(region=Region.EUROPE)
        expected = before
        assert trust_count(client, "/cases/?region=south-asia") == 0
    else:
        catalogue["uganda"].delete()
        expected = before - 1

    assert trust_count(client) == expected


def test_a_broken_cache_costs_queries_not_the_page(client, catalogue):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/cases/?pillar=trust")

    assert response.status_code == 200
    assert "Uganda taskforce" in response.content.decode()


def _database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{os.path.abspath(database['NAME'])}"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_invalidates_this_processs_counts(
    client, pillars, countries, cache_backend
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("The SQLite test database is in memory; another process cannot reach it.")
    CaseFactory(title="Trust in Kampala", slug="trust-kampala", pillars=[pillars["trust"]])
    CaseFactory(title="Trust in Gulu", slug="trust-gulu", pillars=[pillars["trust"]])
    assert trust_count(client) == 2
    assert trust_count(client) == 2  # cached now
    assert len(titles(client.get("/cases/?pillar=trust"))) == 2  # the list's ids, cached too

    env = {**os.environ, "DATABASE_URL": _database_url()}
    env.pop("REDIS_URL", None)
    if cache_backend == "redis":
        env.update(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"])
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from cases.models import Case; "
            "Case.objects.filter(slug='trust-gulu').update(status='draft')",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )

    assert trust_count(client) == 1
    assert titles(client.get("/cases/?pillar=trust")) == ["Trust in Kampala"]
