"""The export record is built by one query, however the list is filtered, sorted or chunked."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.exports.records import case_record, case_records
from cases.models import Case
from tests.database import other_sessions
from tests.factories import CaseFactory

PREFIX = "http://testserver/cases/"


def records(queryset, **kwargs):
    return list(case_records(queryset, permalink_prefix=PREFIX, **kwargs))


def reads(captured):
    """The captured statements that read data, not the transaction's own (a test's savepoint,
    PostgreSQL's SET LOCAL)."""
    own = ("SAVEPOINT", "RELEASE", "ROLLBACK", "SET", "BEGIN", "COMMIT")
    return [query for query in captured.captured_queries if not query["sql"].startswith(own)]


def test_a_list_is_one_query_however_many_chunks_it_is_read_in(
    varied_cases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6) as one_chunk:
        in_one = records(varied_cases)
    with django_assert_max_num_queries(len(one_chunk.captured_queries)) as three_chunks:
        in_three = records(varied_cases, chunk_size=3)

    assert in_three == in_one
    assert len(in_one) == varied_cases.count() == 8
    assert len(reads(one_chunk)) == len(reads(three_chunks)) == 1


@pytest.mark.parametrize("sort", ["title", "oldest", "newest", "country"])
def test_records_come_in_the_lists_order_also_from_a_distinct_selection(varied_cases, sort):
    cases = Case.objects.published().sorted_by(sort)

    plain = records(cases, chunk_size=2)

    assert [record["slug"] for record in plain] == list(cases.values_list("slug", flat=True))
    # Django adds the ordering's columns to a distinct query's row; the records ignore them.
    assert records(cases.distinct()) == plain


def test_a_search_is_read_in_order_of_relevance(varied_cases):
    cases = Case.objects.published().search("strategy").sorted_by("relevance")

    found = records(cases)

    assert found
    assert [record["slug"] for record in found] == list(cases.values_list("slug", flat=True))


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2024, 2, 29, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=UTC),
        datetime(1999, 12, 31, 0, 0, 0, 1, tzinfo=UTC),
    ],
)
def test_timestamps_are_written_as_the_orm_reads_them(db, moment):
    case = CaseFactory()
    Case.objects.filter(pk=case.pk).update(created=moment, updated=moment)
    cases = Case.objects.filter(pk=case.pk)

    record = case_record(cases, permalink_prefix=PREFIX)

    assert record["created"] == record["updated"] == moment.isoformat()
    assert record["created"] == cases.get().created.isoformat()


def test_one_case_has_its_record_and_a_missing_one_none(varied_cases):
    record = case_record(varied_cases.filter(title="Nothing attached"), permalink_prefix=PREFIX)

    assert record["countries"] == record["pillars"] == record["actors"] == []
    assert case_record(varied_cases.filter(title="No such case"), permalink_prefix=PREFIX) is None


def test_an_empty_selection_runs_no_query(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert records(Case.objects.none()) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sort", ["newest", "title", "country", "relevance"])
def test_records_read_on_helper_connections_are_the_same_in_the_same_order(settings, sort):
    for number in range(9):
        CaseFactory(title=f"Youth case {number}", start_year=2010 + number % 4)
    cases = Case.objects.published().search("youth").sorted_by(sort)
    settings.EXPORT_PARALLEL_CONNECTIONS = 0
    on_one = records(cases, chunk_size=2)

    settings.EXPORT_PARALLEL_CONNECTIONS = 2
    with CaptureQueriesContext(connection) as own:
        on_helpers = records(cases, chunk_size=2)

    assert on_helpers == on_one
    # The request's own connection read only the ids; the records were built elsewhere.
    assert not [query for query in own.captured_queries if "json_" in query["sql"]]
    assert [record["title"] for record in on_one] != []
    if connection.vendor == "postgresql":
        assert other_sessions() == 0  # the helpers' connections closed with the export
