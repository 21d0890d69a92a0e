"""A French or Arabic reader finds countries in their own alphabet's order: the list's
"Country A–Z" sort, the country facet and the countries page all sort by the name shown."""

import re

import pytest
from django.core.cache import cache

from cases.choices import Region
from core.countries import name_sort_key
from tests.factories import CaseFactory, CountryFactory

# English: Egypt, Estonia, Germany, Spain, United States.
# French: Allemagne, Égypte, Espagne, Estonie, États-Unis (accents ignored, as a dictionary).
# Arabic, without the article and hamza seats: إسبانيا، إستونيا، ألمانيا، مصر، الولايات المتحدة.
COUNTRIES = {"EG": "Egypt", "EE": "Estonia", "DE": "Germany", "ES": "Spain", "US": "United States"}
ORDER = {
    "en": ["EG", "EE", "DE", "ES", "US"],
    "fr": ["DE", "EG", "ES", "EE", "US"],
    "ar": ["ES", "EE", "DE", "EG", "US"],
}


@pytest.fixture
def cases_by_country(db):
    """One published case per country, titled by its code, so a title says its country."""
    for code, name in COUNTRIES.items():
        country = CountryFactory(code=code, name=name, region=Region.EUROPE)
        CaseFactory(title=f"Case in {code}", countries=[country])


def case_codes(response):
    """The codes in the titles of the cards, in order (the English titles carry lang="en" on
    French and Arabic pages)."""
    cards = re.findall(r'class="case-card__title"[^>]*><a [^>]+>Case in ([^<]+)</a>', response.text)
    return cards


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_country_a_to_z_follows_the_pages_language(client, cases_by_country, language):
    prefix = "" if language == "en" else f"/{language}"

    response = client.get(f"{prefix}/cases/?sort=country")

    assert response.status_code == 200
    assert case_codes(response) == ORDER[language]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_countries_page_and_the_facet_list_countries_in_the_readers_order(
    client, cases_by_country, language
):
    page = client.get(f"/{language}/countries/").content.decode()
    facet = client.get(f"/{language}/cases/").context["facets"]
    [countries] = [f for f in facet if f.name == "country"]

    linked = re.findall(rf'href="/{language}/countries/([A-Z]{{2}})/"', page)
    assert [code for code in linked if code in COUNTRIES] == ORDER[language]
    assert [option.value for option in countries.options] == ORDER[language]


def test_a_case_in_two_countries_sorts_by_the_first_in_the_readers_order(client, db):
    """Germany and Spain: first under "G" in English, under "A" (Allemagne) in French."""
    names = {"DE": "Germany", "ES": "Spain", "FI": "Finland", "FR": "France"}
    country = {code: CountryFactory(code=code, name=name) for code, name in names.items()}
    CaseFactory(title="Case in DE and ES", countries=[country["DE"], country["ES"]])
    CaseFactory(title="Case in FI", countries=[country["FI"]])
    CaseFactory(title="Case in FR", countries=[country["FR"]])

    assert case_codes(client.get("/cases/?sort=country")) == ["FI", "FR", "DE and ES"]
    assert case_codes(client.get("/fr/cases/?sort=country")) == ["DE and ES", "FI", "FR"]


def test_sorting_by_country_in_french_or_arabic_costs_no_extra_query(
    client, cases_by_country, django_assert_max_num_queries
):
    client.get("/cases/")  # builds the bitset index
    counted = {}
    for prefix in ("", "/fr", "/ar"):
        cache.clear()
        client.get("/cases/")
        cache.clear()
        with django_assert_max_num_queries(20) as queries:
            client.get(f"{prefix}/cases/?sort=country")
        counted[prefix] = len(queries.captured_queries)

    assert counted["/fr"] == counted["/ar"] == counted[""]


def test_arabic_order_ignores_the_article_and_hamza_but_not_a_leading_alif():
    """الأردن sorts under ا, البحرين under ب; ألبانيا (Albania) begins with alif, not the
    article, so it stays under ا and before البحرين."""
    names = ["البحرين", "ألبانيا", "الأردن", "تونس", "الجزائر"]

    ordered = sorted(names, key=lambda name: name_sort_key(name, "ar"))

    assert ordered == ["الأردن", "ألبانيا", "البحرين", "تونس", "الجزائر"]


def test_french_order_ignores_accents_case_and_hyphens():
    names = ["États-Unis", "Estonie", "égypte", "Éthiopie", "Espagne"]

    ordered = sorted(names, key=lambda name: name_sort_key(name, "fr"))

    assert ordered == ["égypte", "Espagne", "Estonie", "États-Unis", "Éthiopie"]
