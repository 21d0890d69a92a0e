"""A practitioner browses /cases/ with filters, sorting and pages."""

import pytest
from django.core.cache import cache

from tests.cases.conftest import titles
from tests.factories import CaseFactory

UGANDA = "Uganda taskforce on the national strategy"
MALAWI = "Malawi localises its strategy"
FINLAND = "Finland action plan"
MUMBAI = "Mumbai neighbourhood committees"
VICTORIA = "Victoria cross-city conference"
DRAFT = "Unpublished draft about trust"


def test_the_list_shows_every_published_case_newest_first_and_never_a_draft(client, catalogue):
    response = client.get("/cases/")

    assert response.status_code == 200
    # Undated cases come last in the newest-first order.
    assert titles(response) == [VICTORIA, FINLAND, MALAWI, UGANDA, MUMBAI]
    assert "5 cases" in response.content.decode()
    assert DRAFT not in response.content.decode()


def test_filtering_by_one_pillar(client, catalogue):
    assert set(titles(client.get("/cases/?pillar=trust"))) == {UGANDA, MUMBAI}


def test_filtering_by_two_pillars_returns_cases_with_either(client, catalogue):
    response = client.get("/cases/?pillar=trust&pillar=capacity")

    assert set(titles(response)) == {UGANDA, MUMBAI, VICTORIA}


def test_pillar_match_all_returns_only_cases_with_every_pillar(client, catalogue):
    response = client.get("/cases/?pillar=trust&pillar=coordination&pillar_match=all")

    assert titles(response) == [UGANDA]


def test_filtering_by_country_accepts_lower_case_codes(client, catalogue):
    assert titles(client.get("/cases/?country=ug")) == [UGANDA]


def test_filtering_by_two_countries_returns_cases_in_either(client, catalogue):
    assert set(titles(client.get("/cases/?country=FI&country=MW"))) == {FINLAND, MALAWI}


def test_a_case_spanning_two_countries_matches_either_and_is_listed_once(client, catalogue):
    assert titles(client.get("/cases/?country=CA")) == [VICTORIA]
    assert titles(client.get("/cases/?country=CA&country=US")) == [VICTORIA]
    assert titles(client.get("/cases/?region=north-america")) == [VICTORIA]


def test_filtering_by_region(client, catalogue):
    response = client.get("/cases/?region=east-southern-africa")

    assert set(titles(response)) == {UGANDA, MALAWI}


def test_filtering_by_actor_level_finds_the_levels_that_cooperated(client, catalogue):
    assert titles(client.get("/cases/?level=community")) == [MUMBAI]
    assert set(titles(client.get("/cases/?level=local&level=community"))) == {
        UGANDA,
        VICTORIA,
        MUMBAI,
    }


def test_filtering_by_actor_kind(client, catalogue):
    response = client.get("/cases/?kind=national_agency")

    assert set(titles(response)) == {UGANDA, MALAWI, FINLAND}


def test_year_range_keeps_cases_whose_period_reaches_into_it(client, catalogue):
    # Uganda runs from October 2022 to October 2024, so it belongs to both ends of the range.
    assert set(titles(client.get("/cases/?year_min=2024"))) == {UGANDA, MALAWI, FINLAND, VICTORIA}
    assert titles(client.get("/cases/?year_max=2023")) == [UGANDA]
    assert titles(client.get("/cases/?year_min=2022&year_max=2022")) == [UGANDA]


def test_text_search_looks_in_title_summary_body_and_actor_names(client, catalogue):
    assert titles(client.get("/cases/?q=taskforce")) == [UGANDA]
    assert titles(client.get("/cases/?q=43+measures")) == [FINLAND]
    assert titles(client.get("/cases/?q=Peace+and+Unity")) == [MALAWI]
    assert set(titles(client.get("/cases/?q=nansana"))) == {UGANDA, VICTORIA}


def test_filters_combine_so_every_condition_must_hold(client, catalogue):
    response = client.get("/cases/?pillar=coordination&region=europe&level=national&year_min=2024")

    assert titles(response) == [FINLAND]


def test_a_filter_combination_without_matches_says_so(client, catalogue):
    response = client.get("/cases/?pillar=capacity&country=FI")

    assert response.status_code == 200
    assert titles(response) == []
    assert "No case matches these filters" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", [VICTORIA, FINLAND, MALAWI, UGANDA, MUMBAI]),
        ("oldest", [UGANDA, MALAWI, FINLAND, VICTORIA, MUMBAI]),
        ("title", [FINLAND, MALAWI, MUMBAI, UGANDA, VICTORIA]),
        # By the first country name: Canada, Finland, India, Malawi, Uganda.
        ("country", [VICTORIA, FINLAND, MUMBAI, MALAWI, UGANDA]),
    ],
)
def test_sorting(client, catalogue, sort, expected):
    assert titles(client.get(f"/cases/?sort={sort}")) == expected


def test_pages_split_the_list_and_keep_the_filters(client, catalogue, settings):
    settings.CATALOGUE_PAGE_SIZE = 2

    first = client.get("/cases/?pillar=coordination&pillar=trust&sort=title")
    second = client.get("/cases/?pillar=coordination&pillar=trust&sort=title&page=2")

    assert titles(first) == [FINLAND, MALAWI]
    assert titles(second) == [MUMBAI, UGANDA]
    assert "4 cases" in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()
    assert 'href="?pillar=coordination&amp;pillar=trust&amp;sort=title&amp;page=1"' in (
        second.content.decode()
    )


def test_each_active_filter_can_be_removed_on_its_own(client, catalogue):
    response = client.get("/cases/?pillar=trust&pillar=coordination&country=UG&page=1")
    chips = {chip.label: chip.remove_query for chip in response.context["active_filters"]}

    assert chips == {
        "Pillar: Trust": "pillar=coordination&country=UG",
        "Pillar: Coordination": "pillar=trust&country=UG",
        "Country: Uganda": "pillar=trust&pillar=coordination",
    }
    assert 'href="?pillar=coordination&amp;country=UG"' in response.content.decode()


def test_the_list_links_to_both_exports_with_the_current_filters(client, catalogue):
    page = client.get("/cases/?pillar=trust&country=UG&page=1").content.decode()

    assert 'href="/cases/export.csv?pillar=trust&amp;country=UG"' in page
    assert 'href="/cases/export.json?pillar=trust&amp;country=UG"' in page


def test_the_filter_form_works_without_javascript(client, catalogue):
    page = client.get("/cases/?pillar=trust").content.decode()

    assert '<form class="case-search" method="get" action="/cases/"' in page
    assert '<input type="checkbox" name="pillar" value="trust" checked>' in page
    assert '<button type="submit" class="button">Apply filters</button>' in page


def test_the_list_page_runs_the_same_queries_for_5_or_45_cases(
    client, catalogue, pillars, countries, django_assert_max_num_queries
):
    url = "/cases/?pillar=trust&pillar=coordination&country=UG&country=IN&level=local&q=summary"
    # The first visit after a change builds the bitset index, in a transaction of its own: the
    # version, where the change log stands (PostgreSQL only, inside a test's transaction), the
    # periods, pillar, country and actor links, the countries' regions, the actors' levels and
    # kinds, and the linked sources and reviews that completeness counts.
    with django_assert_max_num_queries(22) as small:
        client.get(url)
    cache.clear()
    # A first visit: the catalogue version, the pillars and countries chosen, the search's
    # matches, its best ones (ranked in the full-text index), the page with its countries,
    # pillars and snippets, and the pillars and countries that label the facets (counted from
    # the index).
    with django_assert_max_num_queries(11):
        client.get(url)
    # A repeat visit takes the count, the page's ids and the facets from the cache.
    with django_assert_max_num_queries(8):
        client.get(url)
    local = catalogue["uganda"].actors.get(name="Nansana Municipality")
    for number in range(40):
        CaseFactory(
            title=f"Generated case {number}",
            pillars=[pillars["trust"], pillars["capacity"]],
            countries=[countries["UG"], countries["IN"]],
            actors=[local],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url + "&page=2")

    assert response.status_code == 200
    assert len(titles(response)) == 20


def test_a_filtered_list_checks_its_pillars_and_countries_without_asking_the_database(
    client, catalogue
):
    """They change rarely, and a change bumps the catalogue version: each process reads them
    once per version (cases/listing/vocabulary.py), not once per request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/cases/?pillar=trust&country=ug&country=IN"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "&sort=title")

    lookups = [
        query["sql"]
        for query in queries.captured_queries
        if '"slug" IN' in query["sql"] or '"code" IN' in query["sql"]
    ]
    assert response.status_code == 200
    assert lookups == []
    assert [chip.label for chip in response.context["active_filters"]][:1] == ["Pillar: Trust"]
    assert client.get("/cases/?pillar=trusty").status_code == 400


def test_a_new_pillar_is_a_valid_filter_at_once(client, catalogue):
    from tests.factories import PillarFactory

    client.get("/cases/?pillar=trust")
    PillarFactory(slug="resilience", name="Resilience")

    assert client.get("/cases/?pillar=resilience").status_code == 200
