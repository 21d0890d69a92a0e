"""Whatever is typed into the address bar, the list answers with a usable page, never a 500."""

import pytest

from tests.cases.conftest import titles

ALL_PUBLISHED = 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("pillar=nope", "“nope” is not a pillar."),
        ("country=ZZZ", "“ZZZ” is not a country in the catalogue."),
        ("country=ZZ", "“ZZ” is not a country in the catalogue."),
        ("region=atlantis", "Select a valid choice. atlantis is not one of the available choices."),
        ("level=galactic", "galactic is not one of the available choices."),
        ("year_min=abc", "Enter a whole number."),
        ("year_max=1066", "Ensure this value is greater than or equal to 1900."),
        ("sort=cheapest", "cheapest is not one of the available choices."),
        ("pillar_match=some", "some is not one of the available choices."),
        ("page=abc", "The page number must be a whole number."),
        ("page=0", "Page numbers start at 1."),
        ("page=9999", "There is no page 9999; this is the last page, 1."),
        ("q=" + "x" * 10_000, "Ensure this value has at most 200 characters (it has 10000)."),
        ("q=%00", "Null characters are not allowed."),
        ("country=U%00G", "is not a country in the catalogue."),
        ("pillar=" + "t" * 5000, "is not a pillar."),
        ("&".join(["country=UG"] * 51), "Choose at most 50 values."),
    ],
)
def test_a_bad_parameter_gives_a_page_that_says_what_was_wrong_and_still_lists_cases(
    client, catalogue, query, message
):
    response = client.get(f"/cases/?{query}")
    page = response.content.decode()

    assert response.status_code == 400
    assert "Some of the request could not be used" in page
    assert message in page
    assert len(titles(response)) == ALL_PUBLISHED


def test_a_bad_parameter_is_ignored_while_the_good_ones_still_apply(client, catalogue):
    response = client.get("/cases/?pillar=trust&pillar=nope&country=IN&year_min=abc")

    assert response.status_code == 400
    # "nope" invalidates the pillar parameter as a whole; the country still narrows the list.
    assert titles(response) == ["Mumbai neighbourhood committees"]


def test_a_reversed_year_range_drops_the_to_year_and_says_why(client, catalogue):
    response = client.get("/cases/?year_min=2024&year_max=2020")

    assert response.status_code == 400
    assert "“To” year (2020) is before “from” year (2024)." in response.content.decode()
    assert len(titles(response)) == 4


def test_repeated_single_value_parameters_use_the_last_one(client, catalogue):
    response = client.get("/cases/?sort=title&sort=oldest&q=zzz&q=Malawi")

    assert response.status_code == 200
    assert titles(response) == ["Malawi localises its strategy"]


def test_unknown_parameters_are_ignored(client, catalogue):
    response = client.get("/cases/?utm_source=newsletter&fbclid=abc")

    assert response.status_code == 200
    assert len(titles(response)) == ALL_PUBLISHED


@pytest.mark.parametrize(
    "url",
    [
        "/cases/no-such-case/",
        "/pillars/no-such-pillar/",
        "/countries/ZZ/",
        "/countries/U%00/",
        "/countries/Uganda/",
        "/nowhere/",
    ],
)
def test_unknown_slugs_and_codes_are_not_found(client, catalogue, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_list_refuses_writes(client, catalogue):
    assert client.post("/cases/", {"pillar": "trust"}).status_code == 405
