"""On PostgreSQL the database writes the CSV lines and JSON texts; they say what Python's do.

A researcher who exports the same list from a PostgreSQL and a SQLite deployment gets the same
bytes: these tests hold cases.export_sql's lines to the Python writers' on real cases, in any
order, and on arbitrary text cell by cell. Exports run outside a transaction format their
chunks on two helper connections of their own, which must close when the export ends.
"""

import json
import time
from datetime import UTC, datetime

import pytest
from django.db import DataError, connection, connections
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.choices import Level
from cases.exports import sql as export_sql
from cases.exports import workers as export_workers
from cases.exports.records import (
    _csv_cell,
    _neutralise_formulas,
    _year_month,
    csv_line,
    csv_rows,
    python_json_texts,
)
from cases.models import Case
from tests.factories import ActorFactory, CaseFactory, CountryFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL writes its own export lines."
)

PREFIX = "https://nlc.example/cases/"
NASTY = [
    'He said "no", then left',
    "=SUM(A1:A9)",
    "+1 ward",
    "-minus, first",
    "@mention",
    "\tindented",
    "\rreturn first",
    "two\nlines",
    "carriage\r\nreturn",
    "Ünïcödé — “quotes” ✓",
    "control \x01 and \x1f and \x7f",
    "back\\slash / and 'single'",
    "",
]


def python_csv_lines(cases):
    return [
        csv_line(_neutralise_formulas(cells)) for cells in csv_rows(cases, permalink_prefix=PREFIX)
    ]


@pytest.fixture
def awkward_cases(varied_cases, countries):
    """varied_cases, plus a case whose every text field is awkward and whose lists are long."""
    many_regions = [
        CountryFactory(code="ZA", name="South Africa", region="east-southern-africa"),
        CountryFactory(code="NG", name="Nigeria", region="west-central-africa"),
        countries["FI"],
        CountryFactory(code="KE", name="Kenya", region="east-southern-africa"),
    ]
    actors = [
        ActorFactory(name=name or "Unnamed", level=level)
        for name, level in zip(NASTY, [*Level.values, *Level.values, *Level.values], strict=False)
    ]
    CaseFactory(
        title=NASTY[0],
        summary="\n".join(NASTY),
        body="\r\n".join(reversed(NASTY)),
        takeaways=NASTY,  # more than the eight the SQL joins without a subquery
        countries=many_regions,
        actors=[(actor, role) for actor, role in zip(actors, NASTY, strict=True)],
        sources=NASTY[:4],
        start_year=1950,
        start_month=1,
        end_year=1951,
        end_month=None,
    )
    return varied_cases


def test_the_database_writes_the_csv_and_json_python_would(awkward_cases):
    sql_csv = list(export_sql.csv_lines(awkward_cases, permalink_prefix=PREFIX))
    sql_json = list(export_sql.json_texts(awkward_cases, permalink_prefix=PREFIX))

    assert len(sql_csv) == awkward_cases.count() == 9
    assert sql_csv == python_csv_lines(awkward_cases)
    assert sql_json == list(python_json_texts(awkward_cases, permalink_prefix=PREFIX))
    assert all(json.loads(text) for text in sql_json)


@pytest.mark.parametrize("sort", ["title", "oldest", "newest", "country"])
def test_the_lines_come_in_the_lists_order(awkward_cases, sort):
    cases = Case.objects.published().sorted_by(sort)

    lines = list(export_sql.csv_lines(cases, permalink_prefix=PREFIX, chunk_size=2))

    assert lines == python_csv_lines(cases)


def test_a_search_exports_in_order_of_relevance(awkward_cases):
    cases = Case.objects.published().search("lines").sorted_by("relevance")
    assert cases.exists()

    assert list(export_sql.csv_lines(cases, permalink_prefix=PREFIX)) == python_csv_lines(cases)


def test_each_chunk_of_cases_costs_one_query(awkward_cases, django_assert_num_queries):
    # 9 cases in chunks of 4: the ids' query, then one query for each of 3 chunks.
    with django_assert_num_queries(1 + 3):
        assert (
            len(list(export_sql.json_texts(awkward_cases, permalink_prefix=PREFIX, chunk_size=4)))
            == 9
        )


# The expression tests only read, so one database fixture can serve all of an example's inputs.
expressions = hypothesis_settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def sql_value(expression, **params):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expression}", params)
        return cursor.fetchone()[0]


# PostgreSQL text cannot hold NUL; everything else can.
any_text = st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=40)
cell_like = st.one_of(
    any_text, st.sampled_from(NASTY), st.builds("".join, st.lists(st.sampled_from(NASTY)))
)


@hypothesis_settings(expressions, max_examples=300)
@given(cell_like)
def test_any_text_makes_the_same_csv_cell_and_json_string(db, value):
    assert sql_value(export_sql._csv_cell("%(value)s::text"), value=value) == _csv_cell(
        _neutralise_formulas([value])[0]
    )
    assert sql_value(export_sql._json("%(value)s::text"), value=value) == json.dumps(
        value, ensure_ascii=False
    )


@expressions
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_any_moment_is_written_as_isoformat_writes_it(db, moment):
    moment = moment.replace(tzinfo=UTC)

    assert sql_value(export_sql._timestamp("%(moment)s::timestamptz"), moment=moment) == (
        moment.isoformat()
    )


@expressions
@given(st.none() | st.integers(0, 32767), st.none() | st.integers(0, 12))
def test_any_period_is_written_as_python_writes_it(db, year, month):
    sql = export_sql._year_month("%(year)s::smallint", "%(month)s::smallint")

    assert sql_value(sql, year=year, month=month) == _year_month(year, month)


def open_connections(expected=None):
    """Connections to the test database; a closed one's server process may take a moment to go."""
    for _ in range(100):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            count = cursor.fetchone()[0]
        if expected is None or count == expected:
            break
        time.sleep(0.02)
    return count


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_two_helpers_write_the_chunks_and_then_disconnect(awkward_cases):
    assert not connection.in_atomic_block
    before = open_connections()

    lines = list(export_sql.csv_lines(awkward_cases, permalink_prefix=PREFIX, chunk_size=2))

    assert lines == python_csv_lines(awkward_cases)
    assert open_connections(expected=before) == before


@pytest.mark.django_db(transaction=True)
def test_an_abandoned_download_closes_its_helpers(awkward_cases):
    before = open_connections()
    texts = export_sql.json_texts(awkward_cases, permalink_prefix=PREFIX, chunk_size=1)

    first = next(texts)
    texts.close()  # the person closed the tab

    assert json.loads(first)["slug"]
    assert open_connections(expected=before) == before
    assert Case.objects.published().count() == 9  # the request's own connection still works


@pytest.mark.django_db(transaction=True)
def test_a_failing_chunk_fails_the_export_and_still_disconnects(awkward_cases):
    before = open_connections()

    def broken(connection, ids):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    chunks = export_workers.formatted_chunks("default", iter([[1], [2], [3]]), broken)

    with pytest.raises(DataError, match="division by zero"):
        list(chunks)
    assert open_connections(expected=before) == before
    assert connections["default"].is_usable()


def which_connection(connection, ids):
    # The first chunk is the slowest, so a chunk finished early must wait for its turn.
    time.sleep(0.05 if ids == [0] else 0)
    return ids, connection


@pytest.mark.django_db(transaction=True)
def test_chunks_are_shared_among_two_helper_connections_and_come_back_in_order():
    chunks = [[number] for number in range(7)]

    results = list(export_workers.formatted_chunks("default", iter(chunks), which_connection))

    assert [ids for ids, _ in results] == chunks
    helpers = {id(helper) for _, helper in results}
    assert len(helpers) == 2
    assert id(connections["default"]) not in helpers


@pytest.mark.django_db(transaction=True)
@override_settings(EXPORT_HELPER_CONNECTIONS=0)
def test_with_no_helper_connections_the_requests_own_connection_writes_every_chunk():
    chunks = [[number] for number in range(3)]

    results = list(export_workers.formatted_chunks("default", iter(chunks), which_connection))

    assert [ids for ids, _ in results] == chunks
    assert all(helper is connections["default"] for _, helper in results)


@pytest.mark.django_db(transaction=True)
def test_an_export_of_one_chunk_opens_no_connection():
    results = list(export_workers.formatted_chunks("default", iter([[0]]), which_connection))

    assert [ids for ids, _ in results] == [[0]]
    assert results[0][1] is connections["default"]
