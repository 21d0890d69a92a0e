"""Pillars, countries and actors: the vocabularies a researcher joins cases against."""

import pytest

from cases.choices import Level
from cases.models import Case
from tests.factories import ActorFactory, CaseFactory


def test_pillars_come_in_their_order_with_published_case_counts(client, catalogue):
    response = client.get("/api/v1/pillars/")

    results = response.json()["results"]
    assert [pillar["slug"] for pillar in results][:3] == ["trust", "inclusivity", "coordination"]
    # The draft about trust is not counted.
    assert {p["slug"]: p["case_count"] for p in results}["trust"] == 2
    assert client.get("/api/v1/pillars/capacity/").json()["case_count"] == 1


def test_countries_are_those_with_published_cases(client, catalogue, countries):
    response = client.get("/api/v1/countries/")

    codes = [country["code"] for country in response.json()["results"]]
    assert codes == ["CA", "FI", "IN", "MW", "UG", "US"]
    assert client.get("/api/v1/countries/UG/").json() == {
        "code": "UG",
        "name": "Uganda",
        "region": "east-southern-africa",
        "case_count": 1,
        "national_framework": None,
    }


def test_an_actor_known_only_from_a_draft_stays_hidden(client, catalogue):
    secret = ActorFactory(name="Secret Partner", level=Level.NATIONAL)
    CaseFactory(title="Another draft", status=Case.Status.DRAFT, actors=[secret])

    names = [actor["name"] for actor in client.get("/api/v1/actors/").json()["results"]]

    assert "Secret Partner" not in names
    assert "Nansana Municipality" in names
    assert client.get("/api/v1/actors/secret-partner/").status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/pillars/", "/api/v1/countries/", "/api/v1/actors/"])
def test_reference_lists_cost_a_fixed_number_of_queries(
    client, catalogue, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.json()["count"] > 0
