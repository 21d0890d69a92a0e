"""Searching in French and Arabic: each page searches the text it shows, with its stemming."""

import re

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.models import Case
from cases.search.query import fts5_query, websearch_text
from pillars.models import Pillar
from tests.factories import CaseFactory

CARD_LINK = re.compile(r'class="case-card__title"[^>]*><a href="([^"]+)"')


def found(client, page, query, **params):
    """The slugs of the cases a search on `page` ("/cases/", "/fr/cases/", …) lists, in order."""
    response = client.get(page, {"q": query, **params})
    assert response.status_code == 200
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in CARD_LINK.findall(response.text)]


def case(**fields):
    # No takeaways: the factory's English one ("Cooperation needs…") would match too.
    return CaseFactory(takeaways=[], **fields)


@pytest.fixture
def library(pillars, countries):
    cooperation = case(
        title="Mayors and the ministry work together",
        slug="together",
        summary="Mayors meet the ministry every month.",
        title_fr="La coopération entre les villes et l'État",
        summary_fr="Les maires ouvrent un débat public avec le ministère chaque mois.",
        body_fr="Un forum d'élus locaux.",
    )
    arabic = case(
        title="A library for the city",
        slug="library",
        summary="Volunteers open a library in the city.",
        title_ar="مكتبة المدينة",
        summary_ar="يفتح المتطوعون الْمَكْتَبَةُ في المـــدينة.",
    )
    # Written in French and never translated: every page shows (and searches) the French.
    french_only = case(
        slug="lyon", original_language="fr", title_fr="Dialogue à Lyon", summary_fr="Un dialogue."
    )
    Case.objects.filter(pk=french_only.pk).update(title_en=None, summary_en=None, body_en=None)
    english_only = case(
        title="Youth mentoring in Nansana", slug="nansana", summary="Cities train volunteers."
    )
    return {
        "cooperation": cooperation,
        "arabic": arabic,
        "lyon": french_only,
        "nansana": english_only,
    }


def test_a_french_search_finds_the_french_text_with_french_stemming(client, library):
    assert found(client, "/fr/cases/", "coopération") == ["together"]
    assert found(client, "/fr/cases/", "débats publics") == ["together"]
    assert found(client, "/fr/cases/", '"l\'État"') == ["together"]
    assert found(client, "/fr/cases/", "l’État villes") == ["together"]


def test_accents_and_letter_case_do_not_matter(client, library):
    assert found(client, "/fr/cases/", "cooperation") == ["together"]
    assert found(client, "/fr/cases/", "DEBAT") == ["together"]
    assert found(client, "/fr/cases/", "etat") == ["together"]
    assert found(client, "/fr/cases/", "dialogue a lyon") == ["lyon"]


def test_an_english_page_searches_the_english_text(client, library):
    assert found(client, "/cases/", "mayors") == ["together"]
    assert found(client, "/cases/", "débat") == []
    assert found(client, "/fr/cases/", "mayors") == []


def test_a_page_searches_the_original_where_there_is_no_translation(client, library):
    # Nansana has no French text: the French page shows, and finds, the English.
    assert found(client, "/fr/cases/", "mentoring") == ["nansana"]
    # Lyon was written in French only: the English and Arabic pages show the French.
    assert found(client, "/cases/", "dialogue lyon") == ["lyon"]
    assert found(client, "/ar/cases/", "Lyon") == ["lyon"]


def test_arabic_search_ignores_tashkeel_and_tatweel(client, library):
    # The text has "الْمَكْتَبَةُ" (vowelled) and "المـــدينة" (stretched with tatweel).
    assert found(client, "/ar/cases/", "المكتبة") == ["library"]
    assert found(client, "/ar/cases/", "المدينة") == ["library"]
    # And the other way round: a vowelled, stretched query finds plain text.
    assert found(client, "/ar/cases/", "مَكْتَبَةُ الْمَـدِينَةِ") == ["library"]
    assert found(client, "/ar/cases/", "المتطوعون") == ["library"]
    assert found(client, "/cases/", "المكتبة") == []


def test_snippets_mark_the_words_of_the_page_language_as_written(client, library):
    french = client.get("/fr/cases/", {"q": "debat"}).text
    arabic = client.get("/ar/cases/", {"q": "مكتبة"}).text

    assert "<mark>débat</mark> public" in french
    assert "<mark>الْمَكْتَبَةُ</mark>" in arabic


def test_the_results_are_ranked_in_the_page_language(client, pillars, countries):
    case(slug="body", title_fr="Un plan", summary_fr="Un résumé.", body_fr="Une médiation.")
    case(slug="title", title_fr="La médiation", summary_fr="Un résumé.")

    assert found(client, "/fr/cases/", "médiation") == ["title", "body"]


def test_a_french_search_is_not_answered_from_the_english_cache(client, library):
    assert found(client, "/fr/cases/", "maires") == ["together"]
    assert found(client, "/cases/", "maires") == []
    assert found(client, "/cases/", "mayors") == ["together"]
    assert found(client, "/fr/cases/", "mayors") == []


def test_the_index_follows_an_edited_translation(client, library):
    case = library["cooperation"]
    case.title_fr = "Le quartier et la préfecture"
    case.save()
    assert found(client, "/fr/cases/", "prefecture") == ["together"]
    assert found(client, "/fr/cases/", "coopération") == []

    Case.objects.filter(pk=case.pk).update(summary_ar="ملخص", title_ar="الحوار في الحي")
    assert found(client, "/ar/cases/", "الحوار") == ["together"]
    # English keeps its own text.
    assert found(client, "/cases/", "mayors") == ["together"]


def test_the_index_follows_translated_pillar_names(client, library):
    Pillar.objects.filter(slug="trust").update(
        name_fr="Confiance renforcée", definition_fr="Ce que la confiance veut dire."
    )

    assert len(found(client, "/fr/cases/", "renforcée")) == 4
    assert found(client, "/cases/", "renforcée") == []


def test_the_index_is_whole_again_after_a_rebuild(client, library):
    from django.db import connection

    from cases import search

    backend = search.backend()
    backend.uninstall_triggers(connection)
    Case.objects.filter(pk=library["lyon"].pk).update(title_fr="Assemblée à Grenoble")
    backend.install(connection, rebuild=True)

    assert found(client, "/fr/cases/", "assemblee") == ["lyon"]
    assert found(client, "/fr/cases/", "coopération") == ["together"]
    assert found(client, "/ar/cases/", "المكتبة") == ["library"]


def test_the_queryset_searches_the_active_language_or_the_one_asked(library):
    with translation.override("fr"):
        assert list(Case.objects.search("débat")) == [library["cooperation"]]
    assert list(Case.objects.search("débat")) == []
    assert list(Case.objects.search("débat", language="fr")) == [library["cooperation"]]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_search_in_french_or_arabic_runs_as_many_queries_as_in_english(
    client, catalogue, language, django_assert_max_num_queries
):
    url = "/cases/?pillar=trust&country=UG&level=local&q=summary"
    client.get("/cases/")  # builds the catalogue's bitset index, once per version
    with django_assert_max_num_queries(14) as english:
        client.get(url)
    with django_assert_max_num_queries(len(english.captured_queries)):
        response = client.get(f"/{language}{url}")
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(f"/{language}{url}")


FRENCH_AND_ARABIC = [
    "l'État",
    "d'une",
    "l’État d’une",
    "aujourd'hui",
    "« débat »",
    "coopération -ville",
    '"débat public" OR maires',
    "الْكِتَابُ",
    "المـــدينة",
    "ـــ",
    "\u064b\u064c",
    "و",
    '"مكتبة المدينة" -سلام',
    "مكتبة OR كتاب",
    "e\u0301tat",
    "Œuvre cœur",
]


@pytest.mark.parametrize("text", FRENCH_AND_ARABIC)
@pytest.mark.parametrize("list_page", ["/cases/", "/fr/cases/", "/ar/cases/"])
def test_french_and_arabic_input_is_always_a_valid_search(client, library, list_page, text):
    response = client.get(list_page, {"q": text})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'État d'une", "l'État d'une"),
        ("الْكِتَابُ المـــدينة", "الكتاب المدينة"),
        ("ـــ \u064b", ""),
    ],
)
def test_french_and_arabic_words_stay_whole_in_the_parsed_search(text, expected):
    assert websearch_text(text) == expected


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            [*"-\"'’«» OR\taéÉœ", *"\u0301\u064b\u064e\u0650\u0670\u0640", *"الكتب"]
        ),
        max_size=120,
    ),
    language=st.sampled_from(["en", "fr", "ar"]),
)
def test_any_french_or_arabic_text_is_a_valid_search_in_every_language(library, text, language):
    assert isinstance(fts5_query(text), str)
    found = Case.objects.published().search(text, language=language).values_list("slug", flat=True)
    assert all(isinstance(slug, str) for slug in found)


def test_an_export_searches_the_text_of_its_language(client, library):
    def exported(**params):
        response = client.get("/cases/export.csv", params)
        assert response.status_code == 200
        return b"".join(response.streaming_content).decode()

    assert "together" in exported(q="débat", lang="fr")
    assert "together" not in exported(q="débat")
    assert "together" in exported(q="mayors")


def test_the_api_searches_the_text_of_the_language_it_answers_in(client, library):
    def slugs(**params):
        response = client.get("/api/v1/cases/", params)
        assert response.status_code == 200
        return [case["slug"] for case in response.json()["results"]]

    assert slugs(q="débat", lang="fr") == ["together"]
    assert slugs(q="débat") == []
