"""Full-text search: the same behaviour on PostgreSQL (tsvector) and SQLite (FTS5)."""

from urllib.parse import quote

import pytest
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.models import Actor, Case, CaseActor
from cases.search.query import MAX_TERMS, fts5_query, websearch_text
from pillars.models import Pillar
from tests.cases.conftest import titles
from tests.factories import ActorFactory, CaseFactory


@pytest.fixture
def library(pillars, countries):
    return {
        "title": CaseFactory(
            title="Youth mentoring in Nansana",
            summary="Cities train volunteers.",
            body="Nothing else.",
        ),
        "body": CaseFactory(
            title="A city council plan",
            summary="Cities coordinate with the ministry.",
            body="The plan includes youth mentoring for schools.",
        ),
        "phrase": CaseFactory(
            title="Peer learning exchange",
            summary="Mentoring of youth by elders; learning from peers.",
        ),
        "other": CaseFactory(title="Finland action plan", summary="An action plan."),
    }


def search(client, query, **params):
    return client.get("/cases/", {"q": query, **params})


def test_several_words_must_all_appear(client, library):
    assert set(titles(search(client, "youth mentoring"))) == {
        "Youth mentoring in Nansana",
        "A city council plan",
        "Peer learning exchange",
    }
    assert titles(search(client, "finland plan")) == ["Finland action plan"]


def test_a_quoted_phrase_matches_the_words_in_order(client, library):
    found = titles(search(client, '"youth mentoring"'))

    assert set(found) == {"Youth mentoring in Nansana", "A city council plan"}


def test_a_minus_excludes_and_or_widens(client, library):
    assert "Youth mentoring in Nansana" not in titles(search(client, "youth -nansana"))
    assert set(titles(search(client, "finland OR nansana"))) == {
        "Finland action plan",
        "Youth mentoring in Nansana",
    }


def test_words_match_their_other_forms(client, library):
    assert "Peer learning exchange" in titles(search(client, "learned exchanges"))


def test_results_are_ranked_by_relevance_by_default_when_searching(client, library):
    found = titles(search(client, '"youth mentoring"'))

    assert found == ["Youth mentoring in Nansana", "A city council plan"]
    page = search(client, "youth").content.decode()
    assert '<option value="relevance" selected>' in page


def test_relevance_without_a_search_falls_back_to_newest(client, library):
    response = client.get("/cases/", {"sort": "relevance"})

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_other_sorts_still_apply_to_search_results(client, library):
    found = titles(search(client, "youth mentoring", sort="title"))

    assert found == ["A city council plan", "Peer learning exchange", "Youth mentoring in Nansana"]


def test_snippets_highlight_matches_and_never_pass_html_through(client, pillars, countries):
    CaseFactory(
        title="Escaping case",
        summary='Mentoring <script>alert("x")</script> and <b>bold</b> youth work.',
    )

    page = search(client, "mentoring").content.decode()

    assert "<mark>Mentoring</mark>" in page
    assert "<script>alert" not in page
    assert "<b>bold</b>" not in page
    # PostgreSQL's headline drops the tags, SQLite's snippet keeps them: escaped either way.
    assert "alert(&quot;x&quot;)" in page


def test_the_search_covers_actor_and_pillar_names_and_takeaways(client, library):
    actor = ActorFactory(name="Zephyrine Borough Council")
    CaseActor.objects.create(case=library["other"], actor=actor)
    Case.objects.filter(pk=library["phrase"].pk).update(takeaways=["Quokka lessons travel."])

    assert titles(search(client, "zephyrine")) == ["Finland action plan"]
    assert titles(search(client, "quokka")) == ["Peer learning exchange"]
    assert len(titles(search(client, "trust"))) == 4  # the factory's default pillar


def test_the_index_follows_saves_bulk_updates_and_bulk_inserts(client, library):
    case = library["other"]
    case.title = "Helsinki kestrel plan"
    case.save()
    assert titles(search(client, "kestrel")) == ["Helsinki kestrel plan"]

    Case.objects.filter(pk=case.pk).update(summary="Ocelot summary")
    assert titles(search(client, "ocelot")) == ["Helsinki kestrel plan"]

    new = Case.objects.bulk_create(
        [Case(title="Bulk wombat", slug="bulk-wombat", summary="s", status="published")]
    )
    new[0].pillars.set(Pillar.objects.all()[:1])
    assert titles(search(client, "wombat")) == ["Bulk wombat"]

    case.delete()
    assert titles(search(client, "kestrel")) == []


def test_the_index_follows_renamed_actors_and_pillars_and_removed_links(client, library):
    actor = ActorFactory(name="Original Name Council")
    CaseActor.objects.create(case=library["other"], actor=actor)
    Actor.objects.filter(pk=actor.pk).update(name="Narwhal Council")
    assert titles(search(client, "narwhal")) == ["Finland action plan"]

    CaseActor.objects.filter(actor=actor).delete()
    assert titles(search(client, "narwhal")) == []

    Pillar.objects.filter(slug="trust").update(name="Platypus")
    assert len(titles(search(client, "platypus"))) == 4


def test_seed_cases_are_searchable_after_loading(client, seeded):
    response = search(client, "Uganda")

    assert response.status_code == 200
    assert titles(response)


MALFORMED = [
    '"',
    '""',
    '"unbalanced phrase',
    'phrase" stray',
    "*",
    "a*",
    "NEAR(",
    "NEAR(a b",
    "NEAR(a b, 2)",
    "-",
    "--",
    "- -a",
    "-a",
    "^",
    "^a",
    ":",
    "title:youth",
    "col:",
    "(",
    ")",
    "(youth OR",
    "AND",
    "OR",
    "NOT",
    "youth OR",
    "OR youth",
    "youth NOT mentoring",
    "youth AND",
    "!",
    "&",
    "|",
    "a & b | !c",
    "<->",
    "youth <-> mentoring",
    "'",
    "''",
    "\\",
    "{}",
    "[",
    "+",
    "%",
    "_",
    "ü",
    "🙂",
    "a" * 200,
    '"" OR "" -""',
    "youth:*",
    "-youth",
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_search_syntax_never_raises(client, library, query):
    response = search(client, query)

    assert response.status_code == 200
    assert "case" in response.content.decode()


def test_malformed_search_syntax_never_breaks_the_queryset_or_the_export(client, library):
    for query in MALFORMED:
        assert len(list(Case.objects.search(query).sorted_by("relevance")[:5])) <= 4
    for query in MALFORMED[::4]:
        response = client.get("/cases/export.csv", {"q": query})
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith("\ufefftitle".encode())


def test_an_over_long_search_is_reported_not_run(client, library):
    response = search(client, "a" * 201)

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("youth mentoring", '("youth" AND "mentoring")'),
        ('"peer learning" city', '("peer learning" AND "city")'),
        ("youth -nansana", '(("youth") NOT ("nansana"))'),
        ("finland OR nansana", '("finland") OR ("nansana")'),
        ('NEAR( "a*b" ^c:d', '("NEAR" AND "a b" AND "c d")'),
        ("- * ^", ""),
    ],
)
def test_web_search_syntax_becomes_a_safe_fts5_query(text, expected):
    assert fts5_query(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("youth mentoring", "youth mentoring"),
        ('"peer learning" -city', '"peer learning" -city'),
        ("finland OR nansana", "finland OR nansana"),
        ("-" * 40 + "x", ""),  # one exclusion, and nothing to look for
        ("- " * 40 + "x", "x"),
        ("-(" * 40 + "x y", "-x y"),
        ("-only -exclusions", ""),
        ('NEAR( "a*b" ^c:d', 'NEAR "a b" "c d"'),
        ('"multi-agency forums" strongcities.org', '"multi-agency forums" strongcities.org'),
        ("peace --multi-agency", "peace -multi-agency"),
    ],
)
def test_web_search_syntax_is_rewritten_into_bounded_websearch_text(text, expected):
    assert websearch_text(text) == expected


def test_a_quoted_title_with_a_hyphenated_word_finds_its_case(library):
    case = CaseFactory(title="Practitioners and multi-agency panels in Loar")

    assert case in Case.objects.search('"Practitioners and multi-agency panels in Loar"')
    assert case in Case.objects.search("multi-agency Loar")


def test_only_the_first_terms_of_a_very_long_search_count():
    text = " ".join(f"word{number}" for number in range(50))

    assert websearch_text(text).split() == [f"word{number}" for number in range(MAX_TERMS)]
    assert fts5_query(text).count(" AND ") == MAX_TERMS - 1


HOSTILE_SEARCHES = [
    "-" * 33,
    "-" * 200,
    "- " * 99 + "x",
    "-(" * 99 + "x",
    '"' * 199,
    "OR " * 66,
    "!" * 200,
    "(" * 100 + ")" * 100,
    "a & b | !c <-> d:*",
]
SEARCH_PAGES = [
    "/cases/?q={}",
    "/api/v1/cases/?q={}",
    "/overview/?q={}",
    "/cases/feed.atom?q={}",
    "/cases/export.csv?q={}",
    "/cases/export.json?q={}",
]


@pytest.mark.parametrize("text", HOSTILE_SEARCHES)
def test_operator_runs_in_a_search_never_fail_a_page_feed_or_export(client, library, text):
    for page in SEARCH_PAGES:
        response = client.get(page.format(quote(text)))
        assert response.status_code < 500, (page, text)
        if response.streaming:
            body = b"".join(response.streaming_content)
            if page.endswith(".csv?q={}"):
                assert body.endswith(b"\r\n")  # complete, not cut after the header


@hypothesis_settings(
    max_examples=80,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(alphabet='-"()!&|:*<> OR\ta', max_size=200))
def test_any_mix_of_operators_is_a_valid_search_on_this_database(library, text):
    found = list(Case.objects.published().search(text).values_list("title", flat=True))
    assert all(isinstance(title, str) for title in found)


def test_the_search_backend_is_chosen_by_the_database(db):
    from cases import search as full_text

    expected = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    assert full_text.backend().__name__.endswith(expected)
