"""A researcher reads the published cases through the JSON API, filtered like the list."""

import json

import pytest

from cases.models import Case
from tests.cases.conftest import titles
from tests.factories import CaseFactory

ALL_PUBLISHED = 5


def api_titles(response):
    return [case["title"] for case in response.json()["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "pillar=trust&country=UG",
        "pillar=trust&pillar=coordination&pillar_match=all",
        "region=north-america",
        "level=national&sort=title",
        "kind=community_body",
        "q=strategy&sort=oldest",
        "year_min=2024&year_max=2024&sort=country",
    ],
)
def test_a_filter_means_the_same_in_the_api_as_on_the_list(client, catalogue, query):
    on_screen = titles(client.get(f"/cases/?{query}"))

    response = client.get(f"/api/v1/cases/?{query}")

    assert response.status_code == 200
    assert api_titles(response) == on_screen
    assert response.json()["count"] == len(on_screen)


def test_an_api_case_is_exactly_the_case_of_the_json_export(client, catalogue):
    exported = json.loads(b"".join(client.get("/cases/export.json?sort=title").streaming_content))

    listed = client.get("/api/v1/cases/?sort=title").json()["results"]
    detail = client.get("/api/v1/cases/finland-action-plan/").json()

    assert listed == exported["cases"]
    assert detail == next(c for c in exported["cases"] if c["slug"] == "finland-action-plan")
    assert detail["permalink"] == "http://testserver/cases/finland-action-plan/"


def test_drafts_are_invisible_in_the_list_and_by_slug(client, catalogue):
    listed = api_titles(client.get("/api/v1/cases/?pillar=trust"))
    response = client.get("/api/v1/cases/unpublished-draft-about-trust/")

    assert "Unpublished draft about trust" not in listed
    assert response.status_code == 404
    assert "no published case" in response.json()["detail"]


def test_pages_are_numbered_with_count_next_and_previous_and_never_overlap(
    client, catalogue, settings
):
    settings.API_PAGE_SIZE = 2
    first = client.get("/api/v1/cases/?sort=title").json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    assert first["count"] == ALL_PUBLISHED
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/cases/?page=2&sort=title"
    assert second["previous"].startswith("http://testserver/api/v1/cases/?sort=title")
    assert third["next"] is None
    seen = [case["slug"] for page in (first, second, third) for case in page["results"]]
    assert len(seen) == len(set(seen)) == ALL_PUBLISHED


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("pillar=nope", "pillar", "“nope” is not a pillar."),
        ("country=ZZ", "country", "“ZZ” is not a country in the catalogue."),
        ("region=atlantis", "region", "atlantis is not one of the available choices."),
        ("year_min=abc", "year_min", "Enter a whole number."),
        ("year_min=2025&year_max=2020", "year_max", "is before “from” year (2025)."),
        ("sort=cheapest", "sort", "cheapest is not one of the available choices."),
        ("q=%00", "q", "Null characters are not allowed."),
        ("q=" + "x" * 300, "q", "at most 200 characters"),
        ("page=abc", "page", "The page number must be a whole number."),
        ("page=0", "page", "Page numbers start at 1."),
        ("page=99", "page", "There is no page 99; the last page is 1."),
        ("page=100001", "page", "Page numbers go up to 100000."),
        ("year_min=1899", "year_min", "greater than or equal to 1900"),
        ("year_max=2101", "year_max", "less than or equal to 2100"),
    ],
)
def test_a_malformed_parameter_is_a_400_that_says_what_was_wrong(
    client, catalogue, query, parameter, message
):
    response = client.get(f"/api/v1/cases/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert any(message in text for text in body["errors"][parameter])
    assert body["detail"].startswith("Invalid parameters.")
    assert message in body["detail"]


def test_the_case_list_costs_the_same_queries_for_five_cases_or_fifty(
    client, catalogue, pillars, countries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/cases/?pillar=trust&country=UG&country=IN")
    for number in range(45):
        CaseFactory(
            title=f"More trust {number}",
            pillars=[pillars["trust"]],
            countries=[countries["UG"]],
            sources=["A report"],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/cases/?pillar=trust&country=UG&country=IN")
    assert response.json()["count"] == 47


def test_a_case_by_slug_costs_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/cases/victoria-cross-city-conference/")
    assert [c["code"] for c in response.json()["countries"]] == ["CA", "US"]


def test_a_renamed_case_redirects_permanently_to_its_new_api_address(client, catalogue):
    case = Case.objects.get(slug="finland-action-plan")
    case.slug = "finland-national-action-plan"
    case.save()

    response = client.get("/api/v1/cases/finland-action-plan/")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/cases/finland-national-action-plan/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/a%00b/",
        "/api/v1/cases/" + "x" * 500 + "/",
        "/api/v1/cases/%C3%A9t%C3%A9/",
        "/api/v1/pillars/a%00b/",
        "/api/v1/countries/U%00/",
        "/api/v1/countries/ug/",
        "/api/v1/actors/nobody/",
    ],
)
def test_an_unknown_or_malformed_key_is_a_json_404(client, catalogue, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no")
