"""A list page's count and page of ids are cached per filter state, like its facet counts,
and any change to the catalogue shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from tests.cases.conftest import titles
from tests.factories import CaseFactory


def searching(queries):
    """The queries that match or rank cases in the full-text index (not the snippets)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "case_search" in query["sql"] and "snippet(" not in query["sql"]
    ]


def test_a_repeated_search_neither_counts_nor_ranks_again(client, catalogue, cache_backend):
    url = "/cases/?q=strategy"
    with CaptureQueriesContext(connection) as first:
        first_page = client.get(url)
    with CaptureQueriesContext(connection) as second:
        second_page = client.get(url)

    assert searching(first)
    assert not searching(second)
    assert len(second.captured_queries) < len(first.captured_queries)
    assert titles(second_page) == titles(first_page) != []
    assert second_page.content.decode().count("<mark>") == first_page.content.decode().count(
        "<mark>"
    )


def test_each_page_and_sort_has_its_own_entry(client, catalogue, settings, cache_backend):
    settings.CATALOGUE_PAGE_SIZE = 2
    pages = [titles(client.get(f"/cases/?sort=title&page={number}")) for number in (1, 2, 3)]
    again = [titles(client.get(f"/cases/?sort=title&page={number}")) for number in (1, 2, 3)]
    newest = titles(client.get("/cases/?page=1"))

    listed = [title for page in pages for title in page]
    assert pages == again
    assert listed == sorted(listed) and len(set(listed)) == len(listed) == 5
    assert newest == titles(client.get("/cases/"))
    assert newest != pages[0]


@pytest.mark.parametrize("change", ["publish", "unpublish", "retitle", "relink"])
def test_a_cached_list_shows_every_change_at_once(
    client, catalogue, pillars, countries, cache_backend, change
):
    url = "/cases/?pillar=trust&sort=title"
    before = titles(client.get(url))
    assert titles(client.get(url)) == before  # cached now
    uganda = catalogue["uganda"]
    if change == "publish":
        CaseFactory(title="A new trust case", pillars=[pillars["trust"]])
        expected = ["A new trust case", *before]
    elif change == "unpublish":
        Case.objects.filter(pk=uganda.pk).update(status=Case.Status.REVIEW)
        expected = [title for title in before if title != uganda.title]
    elif change == "retitle":
        uganda.title = "Zambezi: the Ugandan taskforce, renamed"
        uganda.save()
        expected = sorted(
            [*(t for t in before if t != "Uganda taskforce on the national strategy"), uganda.title]
        )
    else:
        catalogue["finland"].pillars.add(pillars["trust"])
        expected = sorted([*before, catalogue["finland"].title])

    response = client.get(url)
    assert titles(response) == expected
    assert f"{len(expected)} case" in response.content.decode()


def test_a_cached_search_finds_words_added_since(client, catalogue, cache_backend):
    assert titles(client.get("/cases/?q=zeppelin")) == []
    case = catalogue["finland"]
    case.summary += " A zeppelin hangar became the meeting hall."
    case.save()

    assert titles(client.get("/cases/?q=zeppelin")) == [case.title]
