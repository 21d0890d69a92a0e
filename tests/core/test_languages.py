"""A reader gets every page in English, French or Arabic, and can move between them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CaseFactory

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


@pytest.fixture
def case(db, pillars, countries):
    return CaseFactory(
        slug="uganda-taskforce",
        title="Uganda taskforce",
        countries=[countries["UG"]],
        pillars=[pillars["trust"]],
    )


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [("/cases/", "en", "ltr"), ("/fr/cases/", "fr", "ltr"), ("/ar/cases/", "ar", "rtl")],
)
def test_the_page_says_its_language_and_direction(client, db, path, lang, direction):
    page = client.get(path).content.decode()

    assert f'<html lang="{lang}" dir="{direction}">' in page


def test_every_page_names_its_versions_in_each_language_with_the_query_string(client, case):
    page = client.get("/fr/cases/?pillar=trust&country=UG").content.decode()

    assert dict(HREFLANG.findall(page)) == {
        "en": "http://testserver/cases/?pillar=trust&amp;country=UG",
        "fr": "http://testserver/fr/cases/?pillar=trust&amp;country=UG",
        "ar": "http://testserver/ar/cases/?pillar=trust&amp;country=UG",
        "x-default": "http://testserver/cases/?pillar=trust&amp;country=UG",
    }


def test_the_switcher_links_to_the_same_page_and_filters_in_each_language(client, case):
    page = client.get("/ar/cases/?pillar=trust&country=UG").content.decode()
    switcher = SWITCHER.search(page).group(0)

    assert 'href="/language/fr/?next=%2Ffr%2Fcases%2F%3Fpillar%3Dtrust%26country%3DUG"' in switcher
    assert 'href="/language/en/?next=%2Fcases%2F%3Fpillar%3Dtrust%26country%3DUG"' in switcher
    assert 'lang="ar" hreflang="ar" aria-current="true">العربية</a>' in switcher


def test_choosing_a_language_remembers_it_and_lands_on_the_same_page(client, case):
    response = client.get("/language/fr/", {"next": "/fr/cases/uganda-taskforce/"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/cases/uganda-taskforce/"
    assert response.cookies["django_language"].value == "fr"


def test_the_switcher_never_sends_a_reader_to_another_site(client, db):
    response = client.get("/language/ar/", {"next": "https://evil.example/"})

    assert response["Location"] == "/ar/"


def test_an_unknown_language_falls_back_to_english(client, db):
    response = client.get("/language/xx/", {"next": "/cases/"})

    assert response.cookies["django_language"].value == "en"


@pytest.mark.parametrize(
    ("accept", "target"), [("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"), ("ar", "/ar/")]
)
def test_a_first_visit_to_the_home_page_follows_the_browser_language(client, db, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


def test_an_english_or_unknown_browser_stays_on_the_english_home_page(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").status_code == 200


def test_a_reader_who_chose_english_is_not_sent_to_french_again(client, db):
    client.get("/language/en/", {"next": "/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_only_the_home_page_follows_the_browser_language(client, case):
    response = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/cases/uganda-taskforce/", "Uganda"),
        ("/fr/cases/uganda-taskforce/", "Ouganda"),
        ("/ar/cases/uganda-taskforce/", "أوغندا"),
        ("/fr/countries/US/", "États-Unis"),
    ],
)
def test_country_names_are_in_the_page_language(client, case, countries, path, name):
    CaseFactory(slug="us-case", countries=[countries["US"]], pillars=[])

    assert f">{name}</" in client.get(path).content.decode()


def test_the_country_filter_lists_countries_in_french_alphabetical_order(
    client, countries, pillars
):
    for code in ("US", "FI", "IN"):
        CaseFactory(countries=[countries[code]], pillars=[pillars["trust"]])

    page = client.get("/fr/cases/").content.decode()
    names = re.findall(
        r'name="country" value="[A-Z]{2}">\s*<span class="facet__label">([^<]+)', page
    )

    assert names == ["États-Unis", "Finlande", "Inde"]


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/fr/nulle-part/", "Page introuvable"), ("/ar/nowhere/", "الصفحة غير موجودة")],
)
def test_the_missing_page_speaks_the_address_language(client, db, path, heading):
    response = client.get(path)
    page = response.content.decode()

    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in page
    assert dict(HREFLANG.findall(page))["en"] == "http://testserver" + path[3:]


def test_the_languages_cost_the_page_no_query(client, case):
    with CaptureQueriesContext(connection) as english:
        client.get("/cases/?pillar=trust")
    with CaptureQueriesContext(connection) as arabic:
        client.get("/ar/cases/?pillar=trust")

    # The count and page of cases are shared by the languages; only the labels are not.
    assert len(arabic.captured_queries) <= len(english.captured_queries)


def test_the_pictures_keep_svg_numbers_and_run_time_the_way_the_page_reads(
    client, pillars, countries
):
    for start in (2019, 2024):
        CaseFactory(start_year=start, countries=[countries["UG"]], pillars=[pillars["trust"]])

    french = client.get("/fr/overview/").content.decode()
    arabic = client.get("/ar/overview/").content.decode()
    year_x = {
        int(year): float(x)
        for x, year in re.findall(r'class="timeline__year" x="([\d.]+)"[^>]*>(\d{4})<', arabic)
    }

    assert not re.search(r'(x|y|width|height)="\d+,\d', french)  # no French decimal comma
    assert year_x[2019] > year_x[2024]  # the earliest year on the right in Arabic
