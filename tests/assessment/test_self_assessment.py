"""A practitioner rates their situation, pillar by pillar, and gets a profile and cases."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import AskerLevel
from cases.models import Case

from .answers import EVEN, answers_query

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def result(client, statements, scores, prefix="", **extra):
    return client.get(
        f"{prefix}/self-assessment/result/?" + answers_query(statements, scores, **extra)
    )


def test_the_form_asks_every_statement_on_the_four_point_scale_and_says_nothing_is_stored(
    client, statements
):
    response = client.get("/self-assessment/")

    page = response.content.decode()
    assert response.status_code == 200
    assert len(statements) == 18
    for statement in statements:
        assert statement.text in page
        assert page.count(f'name="s{statement.pk}"') == 4
    assert "Nothing is stored." in page
    assert "not the GCTF Toolkit" in page
    assert 'method="get"' in page and "csrfmiddlewaretoken" not in page
    assert "Local government has a named role in the national prevention strategy." in page


def test_a_result_shows_the_profile_the_weakest_pillars_and_cases_showing_them(client, statements):
    scores = {**EVEN, "coordination": 0, "capacity": 1}

    response = result(client, statements, scores)

    page = response.content.decode()
    assert response.status_code == 200
    assert [score.pillar.slug for score in response.context["profile"].weakest] == [
        "coordination",
        "capacity",
    ]
    assert "<svg" in page and "<table" in page and "67%" in page and "0%" in page
    for score, picks in response.context["recommendations"]:
        assert 1 <= len(picks) <= 3
        for pick in picks:
            assert pick.case.pillars.filter(slug=score.pillar.slug).exists()
            assert f"shows {score.pillar.name}" in page
    assert "Download a briefing pack (PDF)" in page
    assert "/self-assessment/briefing.pdf?" in page


def test_ties_are_broken_by_the_order_of_the_pillars_and_a_third_joins_a_tie_for_second(
    client, statements
):
    tied = {**EVEN, "trust": 1, "communication": 1, "sustainability": 1}

    weakest = result(client, statements, tied).context["profile"].weakest

    assert [score.pillar.slug for score in weakest] == ["trust", "communication", "sustainability"]
    page = result(client, statements, tied).content.decode()
    assert "comes first in the catalogue" in page


def test_a_pillar_established_throughout_is_never_weak(client, statements):
    scores = {**dict.fromkeys(EVEN, 3), "capacity": 2}

    weakest = result(client, statements, scores).context["profile"].weakest

    assert [score.pillar.slug for score in weakest] == ["capacity"]


def test_region_and_level_bring_matching_cases_first_and_say_why(client, statements):
    scores = {**EVEN, "coordination": 0, "trust": 1}

    response = result(client, statements, scores, region="east-southern-africa", level="city")

    coordination = {
        score.pillar.slug: picks for score, picks in response.context["recommendations"]
    }["coordination"]
    first = coordination[0]
    assert first.same_region
    assert first.case.countries.filter(region="east-southern-africa").exists()
    assert first.case.actors.filter(level__in=AskerLevel.CITY.actor_levels).exists() == (
        first.at_level
    )
    page = response.content.decode()
    assert "in your region" in page
    assert "has an actor at your level (City or local)" in page


def test_without_region_or_level_the_most_focused_case_comes_first(client, statements):
    scores = {**EVEN, "capacity": 0, "trust": 1}

    response = result(client, statements, scores)

    picks = {s.pillar.slug: p for s, p in response.context["recommendations"]}["capacity"]
    counts = [pick.case.pillars.count() for pick in picks]
    assert counts == sorted(counts)


def test_nothing_is_written_to_the_database_by_the_form_or_the_result(client, statements):
    scores = {**EVEN, "coordination": 0}
    with CaptureQueriesContext(connection) as queries:
        client.get("/self-assessment/")
        result(client, statements, scores, region="mena", level="national")
        client.get("/self-assessment/result/?s1=banana")

    writes = [query["sql"] for query in queries if WRITES.match(query["sql"])]
    assert writes == []


def test_the_result_sets_no_cookie(client, statements):
    response = result(client, statements, EVEN)

    assert response.cookies == {}


def test_the_result_page_runs_a_fixed_number_of_queries(
    client, statements, django_assert_max_num_queries
):
    scores = {**EVEN, "trust": 0, "coordination": 0, "capacity": 0}
    with django_assert_max_num_queries(12):
        response = result(client, statements, scores, region="south-asia", level="city")
    assert len(response.context["profile"].weakest) == 3


def test_the_result_runs_as_few_queries_with_many_more_cases(
    client, statements, django_assert_max_num_queries
):
    from tests.factories import CaseFactory

    trust = statements[0].pillar
    for number in range(40):
        CaseFactory(title=f"Extra trust case {number:02d}", pillars=[trust])
    with django_assert_max_num_queries(12):
        result(client, statements, {**EVEN, "trust": 0}, region="europe", level="regional")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("drop-one", "Choose an answer for this statement."),
        ("out-of-range", "Choose one of the four answers."),
        ("not-a-number", "Choose one of the four answers."),
        ("unknown-statement", "names a statement that is not asked"),
        ("bad-region", "Choose a region from the list."),
        ("bad-level", "Choose a level from the list."),
    ],
)
def test_bad_or_partial_answers_show_the_form_again_with_a_clear_message(
    client, statements, change, message
):
    params = {f"s{statement.pk}": "2" for statement in statements}
    first = f"s{statements[0].pk}"
    if change == "drop-one":
        del params[first]
    elif change == "out-of-range":
        params[first] = "7"
    elif change == "not-a-number":
        params[first] = "two"
    elif change == "unknown-statement":
        params["s999999"] = "1"
    elif change == "bad-region":
        params["region"] = "atlantis"
    else:
        params["level"] = "galactic"

    response = client.get("/self-assessment/result/?" + urlencode(params))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Some answers could not be used" in page
    # The other answers are kept, so the person fixes only what was wrong.
    assert page.count(" checked") >= len(statements) - 1


def test_change_my_answers_brings_the_answers_back_into_the_form(client, statements):
    query = answers_query(statements, {**EVEN, "trust": 0})

    page = client.get("/self-assessment/?" + query).content.decode()

    assert page.count("checked") == len(statements)


def test_a_huge_query_string_is_refused_cleanly(client, statements):
    many = "&".join(f"s{number}=1" for number in range(5000))

    response = client.get("/self-assessment/result/?" + many)

    assert response.status_code == 400


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.just("region"),
                st.just("level"),
                st.from_regex(r"s[0-9]{1,6}", fullmatch=True),
                st.text(max_size=20),
            ),
            st.text(max_size=200),
        ),
        max_size=30,
    )
)
def test_forged_result_addresses_never_fail_and_never_write(client, statements, pairs):
    before = Case.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/self-assessment/result/", data=pairs and _multi(pairs))
    assert response.status_code in (200, 400)
    assert not [q["sql"] for q in queries if WRITES.match(q["sql"])]
    assert Case.objects.count() == before


def _multi(pairs):
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def test_the_french_form_and_result_use_the_french_statements(client, statements):
    form = client.get("/fr/self-assessment/").content.decode()
    assert "Les collectivités locales ont un rôle explicitement défini" in form

    page = result(client, statements, {**EVEN, "trust": 0}, prefix="/fr").content.decode()
    assert "/fr/self-assessment/briefing.pdf?" in page


def test_the_arabic_result_draws_the_chart_right_to_left(client, statements):
    response = result(client, statements, {**EVEN, "trust": 0}, prefix="/ar")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'direction="rtl"' in page
    assert "للحكومات المحلية دور محدد بالاسم" in page
    chart = response.context["chart"]
    assert all(bar.label_x == chart.width for bar in chart.bars)
