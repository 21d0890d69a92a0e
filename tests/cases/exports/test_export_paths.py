"""The CSV and JSON exports say exactly what the case records say.

case_records() is what the API, the citation exports and /data/ read. The CSV (and XLSX) rows
and the JSON export's text are written without building the records (csv_rows(), csv_lines()
and json_texts(); on PostgreSQL the database writes the lines), so these tests hold them to the
records: on real cases, and the Python JSON writer to json.dumps(record) on arbitrary rows too.
test_export_sql.py holds PostgreSQL's lines to the Python writers'.
"""

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.choices import Level
from cases.exports.records import (
    CSV_COLUMNS,
    _json_text,
    _neutralise_formulas,
    _record,
    case_records,
    csv_line,
    csv_lines,
    csv_rows,
    json_texts,
    python_json_texts,
)
from cases.models import Case
from tests.factories import CaseFactory

PREFIX = "http://testserver/cases/"


@pytest.mark.parametrize("chunk_size", [1000, 2])
def test_the_csv_and_json_exports_say_what_the_records_say(varied_cases, chunk_size):
    records = list(case_records(varied_cases, permalink_prefix=PREFIX, chunk_size=chunk_size))

    csv = list(csv_rows(varied_cases, permalink_prefix=PREFIX, chunk_size=chunk_size))
    lines = list(csv_lines(varied_cases, permalink_prefix=PREFIX, chunk_size=chunk_size))
    texts = list(json_texts(varied_cases, permalink_prefix=PREFIX, chunk_size=chunk_size))

    assert len(records) == varied_cases.count() == 8
    for cells, record in zip(csv, records, strict=True):
        row = dict(zip(CSV_COLUMNS, cells, strict=True))
        assert (row["title"], row["slug"], row["permalink"]) == (
            record["title"],
            record["slug"],
            record["permalink"],
        )
        assert row["countries"] == "; ".join(country["name"] for country in record["countries"])
        assert row["pillars"] == "; ".join(pillar["name"] for pillar in record["pillars"])
        assert all(actor["name"] in row["actors"] for actor in record["actors"])
        assert all(source["title"] in row["sources"] for source in record["sources"])
        assert (row["created"], row["updated"]) == (record["created"], record["updated"])
    assert lines == [csv_line(_neutralise_formulas(cells)) for cells in csv]
    assert texts == [json.dumps(record, ensure_ascii=False) for record in records]


def test_a_distinct_selection_ordered_by_an_annotation_exports_the_same(varied_cases):
    # Django adds the ordering's columns to a distinct query's row; the export ignores them.
    by_country = Case.objects.published().sorted_by("country")

    plain = list(json_texts(by_country, permalink_prefix=PREFIX))
    distinct = list(json_texts(by_country.distinct(), permalink_prefix=PREFIX))

    assert distinct == plain
    assert len(plain) == 8


@pytest.mark.parametrize("path", [case_records, csv_rows, python_json_texts])
def test_each_chunk_of_cases_costs_one_query_per_relation(
    varied_cases, django_assert_num_queries, path
):
    # 8 cases in chunks of 3: the cases' query, then 4 queries for each of 3 chunks.
    with django_assert_num_queries(1 + 4 * 3):
        assert len(list(path(varied_cases, permalink_prefix=PREFIX, chunk_size=3))) == 8


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2024, 2, 29, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=UTC),
        datetime(1999, 12, 31, 0, 0, 0, 1, tzinfo=UTC),
    ],
)
def test_timestamps_read_as_text_are_written_as_the_orm_reads_them(db, moment):
    case = CaseFactory()
    Case.objects.filter(pk=case.pk).update(created=moment, updated=moment)
    cases = Case.objects.filter(pk=case.pk)

    [record] = case_records(cases, permalink_prefix=PREFIX)

    assert record["created"] == record["updated"] == moment.isoformat()
    assert record["created"] == cases.get().created.isoformat()


def test_an_empty_selection_runs_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(json_texts(Case.objects.none(), permalink_prefix=PREFIX)) == []


text = st.text(max_size=20)
optional_int = st.none() | st.integers(min_value=0, max_value=9999)
case_rows = st.tuples(
    st.integers(min_value=1),
    text,
    text,
    optional_int,
    optional_int,
    optional_int,
    optional_int,
    text,
    text,
    st.lists(text, max_size=3),
    text,
    text,
)
countries = st.lists(st.tuples(st.just(1), text, text, text), max_size=3)
pillars = st.lists(st.tuples(st.just(1), text, text), max_size=3)
actors = st.lists(
    st.tuples(st.just(1), text, text, text, st.sampled_from(Level.values), text), max_size=3
)
sources = st.lists(st.tuples(st.just(1), text, text, text, st.none() | st.dates()), max_size=3)


@hypothesis_settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.tuples(case_rows, countries, pillars, actors, sources))
def test_any_row_gives_the_json_of_its_record(case):
    record = _record(case, PREFIX)

    assert _json_text(case, PREFIX) == json.dumps(record, ensure_ascii=False)
