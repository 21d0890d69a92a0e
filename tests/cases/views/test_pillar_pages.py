"""A practitioner browses the six NLC pillars and the cases that show each one."""

import html
import re

import pytest

from cases.models import Case
from tests.factories import CaseFactory, PillarFactory

CARD_TITLE = re.compile(r'class="case-card__title"><a href="[^"]+">([^<]+)</a>')

# Measured: 6 queries for a first visit to a pillar page (one reads the catalogue version),
# however many cases it lists.
PILLAR_PAGE_QUERIES = 6
# Measured: one query for the pillar list (counts are annotated).
PILLAR_LIST_QUERIES = 1


def card_titles(response):
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def text(response):
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(without_tags).split())


# The pillar list


def test_pillar_list_shows_the_six_pillars_in_order_with_definitions(client, pillars):
    response = client.get("/pillars/")

    assert response.status_code == 200
    content = response.content.decode()
    names = re.findall(r'<h2><a href="/pillars/([a-z-]+)/">', content)
    assert names == [
        "trust",
        "inclusivity",
        "coordination",
        "communication",
        "capacity",
        "sustainability",
    ]
    assert "<p>What Trust means for NLC.</p>" in content


def test_pillar_list_counts_published_cases_only(client, pillars, countries):
    CaseFactory(pillars=[pillars["trust"], pillars["capacity"]])
    CaseFactory(pillars=[pillars["trust"]])
    CaseFactory(pillars=[pillars["trust"], pillars["capacity"]], status=Case.Status.DRAFT)

    response = client.get("/pillars/")

    page = text(response)
    assert "Trust What Trust means for NLC. 2 published cases" in page
    assert "Capacity What Capacity means for NLC. 1 published case " in page
    assert "Sustainability What Sustainability means for NLC. 0 published cases" in page


def test_pillar_list_runs_a_fixed_number_of_queries(
    client, pillars, countries, django_assert_max_num_queries
):
    for index in range(10):
        CaseFactory(pillars=list(pillars.values())[: index % 6 + 1])

    with django_assert_max_num_queries(PILLAR_LIST_QUERIES):
        response = client.get("/pillars/")

    assert response.status_code == 200


# A pillar's page


def test_pillar_page_shows_the_definition_and_rendered_guidance(client, db):
    PillarFactory(
        slug="trust",
        name="Trust",
        definition="Confidence between national, local and community actors.",
        guidance=(
            "Trust lets officials **rely on one another**.\n\n- neutral brokers;\n- committees."
        ),
    )

    response = client.get("/pillars/trust/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Trust</h1>" in content
    assert '<p class="lead">Confidence between national, local and community actors.</p>' in content
    assert "<strong>rely on one another</strong>" in content
    assert "<li>neutral brokers;</li>" in content
    assert "**rely" not in content


def test_pillar_guidance_is_sanitised(client, db):
    PillarFactory(
        slug="trust",
        guidance='Fine text.\n\n<script>alert(1)</script><img src=x onerror="alert(2)">',
    )

    response = client.get("/pillars/trust/")

    content = response.content.decode()
    assert "Fine text." in content
    assert "<script>" not in content
    assert "<img" not in content


def test_pillar_page_lists_only_that_pillars_published_cases(client, pillars, countries):
    CaseFactory(title="Trust in Delhi", pillars=[pillars["trust"]], start_year=2020)
    CaseFactory(
        title="Trust and capacity in Jacksonville",
        pillars=[pillars["trust"], pillars["capacity"]],
        start_year=2024,
    )
    CaseFactory(title="Capacity only", pillars=[pillars["capacity"]])
    CaseFactory(title="Trust draft", pillars=[pillars["trust"]], status=Case.Status.DRAFT)

    response = client.get("/pillars/trust/")

    assert response.status_code == 200
    assert card_titles(response) == ["Trust and capacity in Jacksonville", "Trust in Delhi"]
    page = text(response)
    assert "2 cases showing trust" in page
    assert "Trust draft" not in page
    assert "Capacity only" not in page
    assert '/cases/?pillar=trust"' in response.content.decode()


def test_pillar_page_without_cases_says_so(client, pillars):
    response = client.get("/pillars/sustainability/")

    assert response.status_code == 200
    assert "No published case yet." in response.content.decode()
    assert "0 cases showing sustainability" in text(response)


def test_an_unknown_pillar_is_not_found(client, pillars):
    response = client.get("/pillars/nope/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_pillar_pages_paginate(client, pillars, countries, settings):
    settings.CATALOGUE_PAGE_SIZE = 2
    for year in (2020, 2021, 2022):
        CaseFactory(title=f"Trust {year}", pillars=[pillars["trust"]], start_year=year)

    first = client.get("/pillars/trust/")
    second = client.get("/pillars/trust/?page=2")

    assert card_titles(first) == ["Trust 2022", "Trust 2021"]
    assert 'href="?page=2"' in first.content.decode()
    assert card_titles(second) == ["Trust 2020"]
    assert "Page 2 of 2" in text(second)


@pytest.mark.parametrize(
    ("page", "message", "shown"),
    [
        ("abc", "The page number must be a whole number.", ["Trust 2022", "Trust 2021"]),
        ("0", "Page numbers start at 1.", ["Trust 2022", "Trust 2021"]),
        ("-3", "Page numbers start at 1.", ["Trust 2022", "Trust 2021"]),
        ("99", "There is no page 99; this is the last page, 2.", ["Trust 2020"]),
        ("9" * 40, "this is the last page, 2.", ["Trust 2020"]),
    ],
)
def test_a_bad_page_number_gives_a_400_page_that_explains_and_still_lists_cases(
    client, pillars, countries, settings, page, message, shown
):
    settings.CATALOGUE_PAGE_SIZE = 2
    for year in (2020, 2021, 2022):
        CaseFactory(title=f"Trust {year}", pillars=[pillars["trust"]], start_year=year)

    response = client.get("/pillars/trust/", {"page": page})

    assert response.status_code == 400
    page_text = text(response)
    assert "Some of the request could not be used" in page_text
    assert message in page_text
    assert card_titles(response) == shown
    assert "<h1>Trust</h1>" in response.content.decode()


@pytest.mark.parametrize("size", [2, 25])
def test_pillar_page_runs_a_fixed_number_of_queries(
    client, pillars, countries, size, django_assert_max_num_queries
):
    country_list = list(countries.values())
    for index in range(size):
        CaseFactory(
            pillars=[pillars["trust"], pillars["capacity"]],
            countries=[country_list[index % len(country_list)]],
        )

    with django_assert_max_num_queries(PILLAR_PAGE_QUERIES):
        first = client.get("/pillars/trust/")
    # The count and the page's ids come from the cache the second time.
    with django_assert_max_num_queries(PILLAR_PAGE_QUERIES - 1):
        response = client.get("/pillars/trust/")
    assert card_titles(response) == card_titles(first)

    assert response.status_code == 200
    assert len(card_titles(response)) == min(size, 20)


def test_a_pillar_page_shows_a_new_case_at_once(client, pillars, countries):
    CaseFactory(title="Older trust case", pillars=[pillars["trust"]], start_year=2019)
    assert card_titles(client.get("/pillars/trust/")) == ["Older trust case"]

    CaseFactory(title="Newer trust case", pillars=[pillars["trust"]], start_year=2024)

    assert card_titles(client.get("/pillars/trust/")) == ["Newer trust case", "Older trust case"]
