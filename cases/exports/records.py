"""Streamed CSV and JSON exports of a filtered case list.

Cases are read with one values query through a chunked cursor. For each chunk, the countries,
pillars, actors and sources come from one query each, so a chunk costs four more queries
whatever its size. Output is written in blocks of rows, so neither the database result nor
the file is ever held whole in memory.

case_records() gives each case as a dict: the API, the citation exports and /data/ read those.
The XLSX export writes csv_rows(), cells joined straight from the same rows. The CSV and JSON
exports write csv_lines() and json_texts(): on PostgreSQL the database writes those itself
(cases.export_sql); elsewhere they are written here, from the same rows, without building the
records. tests/cases/test_export_paths.py and test_export_sql.py hold every path to the records.
"""

import json
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import timezone

from . import sql as export_sql
from .common import (
    CHUNK_SIZE,
    CSV_COLUMNS,
    FORMULA_PREFIXES,
    LEVEL_LABELS,
    LIST_SEPARATOR,
    batched,
    row_chunks,
)

# Rows per piece of the streamed response, about 350 KB. Pieces of megabytes raised the worker's
# peak memory by some 10 MB and were no faster to send.
ROWS_PER_BLOCK = 100
CASE_COLUMNS = (
    "id",
    "slug",
    "title",
    "start_year",
    "start_month",
    "end_year",
    "end_month",
    "summary",
    "body",
    "takeaways",
    # The timestamps are read as text, which datetime.fromisoformat() parses in C: the
    # drivers' converters (psycopg's time-zone-aware one is pure Python) cost more than that.
    Cast("created", TextField()),
    Cast("updated", TextField()),
)
LEVEL_ORDER = {level: position for position, level in enumerate(LEVEL_LABELS)}


def case_records(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield one JSON-ready dict per case of `queryset`, in the queryset's order."""
    for case in _cases(queryset, chunk_size):
        yield _record(case, permalink_prefix)


def csv_rows(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield the cells of each case's CSV row: what case_records() says, joined into text.

    The cells are joined straight from the fetched rows rather than from dicts built only to
    be taken apart again. The CSV and XLSX exports both write these rows.
    """
    for case in _cases(queryset, chunk_size):
        yield _csv_cells(case, permalink_prefix)


def csv_lines(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield each case's CSV line: csv_line() of its csv_rows() cells, formulas neutralised.

    PostgreSQL writes the lines itself (cases.export_sql); other databases' are written here.
    """
    if export_sql.writes_lines(queryset.db):
        return export_sql.csv_lines(
            queryset, permalink_prefix=permalink_prefix, chunk_size=chunk_size
        )
    rows = csv_rows(queryset, permalink_prefix=permalink_prefix, chunk_size=chunk_size)
    return (csv_line(_neutralise_formulas(cells)) for cells in rows)


def json_texts(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield json.dumps(record, ensure_ascii=False) for each record case_records() would yield.

    PostgreSQL writes the texts itself (cases.export_sql); other databases' are written here,
    by python_json_texts().
    """
    if export_sql.writes_lines(queryset.db):
        return export_sql.json_texts(
            queryset, permalink_prefix=permalink_prefix, chunk_size=chunk_size
        )
    return python_json_texts(queryset, permalink_prefix=permalink_prefix, chunk_size=chunk_size)


def python_json_texts(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """json_texts() written in Python, from the fetched rows like csv_rows().

    It skips building the records; the json module still escapes every string.
    test_export_paths.py holds it to json.dumps of the records.
    """
    for case in _cases(queryset, chunk_size):
        yield _json_text(case, permalink_prefix)


def _cases(queryset, chunk_size):
    """Each case of `queryset`, in order, as (row, countries, pillars, actors, sources).

    The row is a tuple in CASE_COLUMNS order; the few columns that need it are converted here,
    in _case_row. The relations are tuples of the rows of COUNTRIES_SQL, PILLARS_SQL, ACTORS_SQL
    and SOURCES_SQL, fetched one query each per chunk.
    """
    connection = connections[queryset.db]
    time_zone = connection.timezone
    for rows in row_chunks(queryset, CASE_COLUMNS, chunk_size):
        ids = [row[0] for row in rows]
        countries, pillars, actors, sources = _related(connection, ids=ids)
        for row in rows:
            case_id = row[0]
            yield (
                _case_row(row, time_zone),
                countries.get(case_id, ()),
                pillars.get(case_id, ()),
                actors.get(case_id, ()),
                sources.get(case_id, ()),
            )


def _case_row(row, time_zone):
    """The row with its JSON decoded and its timestamps in datetime.isoformat()'s form.

    Extra columns after CASE_COLUMNS (see row_chunks) go.
    """
    return (
        *row[:9],
        json.loads(row[9]),
        _isoformat(row[10], time_zone),
        _isoformat(row[11], time_zone),
    )


def _isoformat(text, time_zone):
    value = datetime.fromisoformat(text)
    # PostgreSQL's text has the session's UTC offset. SQLite's has none: it is in the
    # connection's time zone, which the ORM would attach.
    if value.tzinfo is None:
        value = value.replace(tzinfo=time_zone)
    return value.isoformat()


def _id_match(connection, ids):
    """SQL that matches a case id column against `ids`, and its parameters.

    The one place the relation queries differ by database: PostgreSQL takes the ids as one
    array parameter, SQLite as a list of placeholders.
    """
    if connection.vendor == "postgresql":
        # One array literal, written once for the chunk's four queries; the ids are integers.
        return "= ANY(%s::bigint[])", ["{" + ",".join(map(str, ids)) + "}"]
    return f"IN ({', '.join(['%s'] * len(ids))})", ids


# One query per relation per chunk, in raw SQL: the ORM's per-parameter work for a
# thousand-id IN list cost more than the queries themselves. `{ids}` is _id_match's SQL.
# Rows come grouped by case, in the order the case page lists them.
COUNTRIES_SQL = """
    SELECT link.case_id, country.code, country.name, country.region
    FROM cases_case_countries link JOIN cases_country country ON country.id = link.country_id
    WHERE link.case_id {ids} ORDER BY link.case_id, country.name
"""
PILLARS_SQL = """
    SELECT link.case_id, pillar.slug, pillar.name
    FROM cases_case_pillars link JOIN pillars_pillar pillar ON pillar.id = link.pillar_id
    WHERE link.case_id {ids} ORDER BY link.case_id, pillar."order", pillar.name
"""
ACTORS_SQL = """
    SELECT link.case_id, actor.slug, actor.name, actor.kind, actor.level, link.role
    FROM cases_caseactor link JOIN cases_actor actor ON actor.id = link.actor_id
    WHERE link.case_id {ids} ORDER BY link.case_id, link."order", link.id
"""
SOURCES_SQL = """
    SELECT source.case_id, source.title, source.publisher, source.url, source.published
    FROM cases_source source
    WHERE source.case_id {ids} ORDER BY source.case_id, source."order", source.id
"""


def _related(connection, *, ids):
    """For each of the four relations, {case id: a tuple of its rows, in order}."""
    match, params = _id_match(connection, ids)
    related = []
    with connection.cursor() as cursor:
        for sql in (COUNTRIES_SQL, PILLARS_SQL, ACTORS_SQL, SOURCES_SQL):
            cursor.execute(sql.format(ids=match), params)
            # Tuples rather than lists: the garbage collector stops tracking tuples of plain
            # values, where lists it would walk again and again while the chunk is written.
            by_case = groupby(cursor.fetchall(), itemgetter(0))
            related.append({case_id: tuple(links) for case_id, links in by_case})
    return related


def _record(case, permalink_prefix):
    row, countries, pillars, actors, sources = case
    (_id, slug, title, start_year, start_month, end_year, end_month) = row[:7]
    summary, body, takeaways, created, updated = row[7:]
    return {
        "slug": slug,
        "title": title,
        "permalink": f"{permalink_prefix}{slug}/",
        "countries": [
            {"code": code, "name": name, "region": region} for _, code, name, region in countries
        ],
        "period": {
            "start_year": start_year,
            "start_month": start_month,
            "end_year": end_year,
            "end_month": end_month,
        },
        "summary": summary,
        "body": body,
        "takeaways": takeaways,
        "pillars": [{"slug": pillar_slug, "name": name} for _, pillar_slug, name in pillars],
        "actors": [
            {"slug": actor_slug, "name": name, "kind": kind, "level": level, "role": role}
            for _, actor_slug, name, kind, level, role in actors
        ],
        "sources": [
            {
                "title": source_title,
                "publisher": publisher,
                "url": url,
                "published": _date_text(published),
            }
            for _, source_title, publisher, url, published in sources
        ],
        "created": created,
        "updated": updated,
    }


def _date_text(value):
    return value.isoformat() if value else None


def _year_month(year, month):
    if not year:
        return ""
    return f"{year:04d}-{month:02d}" if month else str(year)


def _csv_cells(case, permalink_prefix):
    """The cells of a case's CSV (and XLSX) row, in CSV_COLUMNS order."""
    row, countries, pillars, actors, sources = case
    (_id, slug, title, start_year, start_month, end_year, end_month) = row[:7]
    summary, body, takeaways, created, updated = row[7:]
    join = LIST_SEPARATOR.join
    return [
        title,
        slug,
        f"{permalink_prefix}{slug}/",
        join([name for _, _, name, _ in countries]),
        join([code for _, code, _, _ in countries]),
        join(dict.fromkeys([region for _, _, _, region in countries])),
        _year_month(start_year, start_month),
        _year_month(end_year, end_month),
        join([name for _, _, name in pillars]),
        join([_actor_text(name, level) for _, _, name, _, level, _ in actors]),
        join(_widest_first({level for _, _, _, _, level, _ in actors})),
        summary,
        body,
        join(takeaways),
        join(
            [
                _source_text(source_title, publisher, _date_text(published), url)
                for _, source_title, publisher, url, published in sources
            ]
        ),
        created,
        updated,
        # The licence travels inside the file, so a copy passed on still says how to reuse it.
        settings.DATA_LICENCE,
    ]


def _actor_text(name, level):
    return f"{name} ({LEVEL_LABELS[level]})"


def _widest_first(levels):
    return sorted(levels, key=LEVEL_ORDER.__getitem__)


def _source_text(title, publisher, published, url):
    details = ", ".join([part for part in (publisher, published) if part])
    text = f"{title} ({details})" if details else title
    return f"{text} {url}" if url else text


# Encodes strings with the json module's own escaping: JSONEncoder.encode() of a str goes
# straight to it. check_circular is off because records hold no cycles.
_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _json_int(value):
    return "null" if value is None else int.__repr__(value)


def _json_text(case, permalink_prefix):
    """json.dumps(_record(case, permalink_prefix), ensure_ascii=False), without the record.

    It skips building the record's dicts and json.dumps' walk through them; every string
    still goes through the json module's own escaping.
    """
    row, countries, pillars, actors, sources = case
    (_id, slug, title, start_year, start_month, end_year, end_month) = row[:7]
    summary, body, takeaways, created, updated = row[7:]
    countries = ", ".join(
        [
            f'{{"code": {_json(code)}, "name": {_json(name)}, "region": {_json(region)}}}'
            for _, code, name, region in countries
        ]
    )
    pillars = ", ".join(
        [
            f'{{"slug": {_json(pillar_slug)}, "name": {_json(name)}}}'
            for _, pillar_slug, name in pillars
        ]
    )
    actors = ", ".join(
        [
            f'{{"slug": {_json(actor_slug)}, "name": {_json(name)}, "kind": {_json(kind)}, '
            f'"level": {_json(level)}, "role": {_json(role)}}}'
            for _, actor_slug, name, kind, level, role in actors
        ]
    )
    sources = ", ".join(
        [
            f'{{"title": {_json(source_title)}, "publisher": {_json(publisher)}, '
            f'"url": {_json(url)}, "published": {_json(_date_text(published))}}}'
            for _, source_title, publisher, url, published in sources
        ]
    )
    return (
        f'{{"slug": {_json(slug)}, "title": {_json(title)}, '
        f'"permalink": {_json(f"{permalink_prefix}{slug}/")}, "countries": [{countries}], '
        f'"period": {{"start_year": {_json_int(start_year)}, '
        f'"start_month": {_json_int(start_month)}, "end_year": {_json_int(end_year)}, '
        f'"end_month": {_json_int(end_month)}}}, "summary": {_json(summary)}, '
        f'"body": {_json(body)}, "takeaways": {_json(takeaways)}, "pillars": [{pillars}], '
        f'"actors": [{actors}], "sources": [{sources}], '
        f'"created": {_json(created)}, "updated": {_json(updated)}}}'
    )


def _neutralise_formulas(cells):
    return ["'" + cell if cell[:1] in FORMULA_PREFIXES else cell for cell in cells]


def csv_line(cells):
    """One CSV line of text cells, exactly as csv.writer (the excel dialect) writes it.

    Only cells holding a delimiter, a quote or a line break are quoted (QUOTE_MINIMAL). Written
    with str methods, which run in C: csv.writer looks at every character one by one and was
    the export's slowest step. tests/cases/test_csv_line.py holds the two to the same output.
    """
    if len(cells) == 1 and not cells[0]:
        return '""\r\n'  # as csv.writer does, so the line is not read as blank
    return ",".join([_csv_cell(cell) for cell in cells]) + "\r\n"


def _csv_cell(cell):
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


def stream_csv(lines, *, rows_per_block=ROWS_PER_BLOCK):
    """The CSV file, in blocks, for the CSV lines of the cases (csv_lines')."""
    # The byte-order mark makes Excel read the file as UTF-8.
    yield "\ufeff" + csv_line(CSV_COLUMNS)
    for block in batched(lines, rows_per_block):
        yield "".join(block)


def stream_json(texts, *, meta, rows_per_block=ROWS_PER_BLOCK):
    """The JSON file, in blocks, for the JSON texts of the cases (json_texts')."""
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    separator = "\n"
    for block in batched(texts, rows_per_block):
        yield separator + ",\n".join(block)
        separator = ",\n"
    yield "\n]}\n"


def export_response(case_filter, *, fmt, permalink_prefix, request_url, extra_meta=None):
    """A streamed download of every case `case_filter` matches, in its order."""
    queryset = case_filter.qs
    stamp = timezone.now()
    filename = f"{case_filter.filename_stem()}_{stamp.date().isoformat()}.{fmt}"
    if fmt == "csv":
        lines = csv_lines(queryset, permalink_prefix=permalink_prefix)
        response = StreamingHttpResponse(stream_csv(lines), content_type="text/csv; charset=utf-8")
    else:
        meta = {
            "title": "NLC Case Catalogue export",
            "exported_at": stamp.isoformat(),
            "query": case_filter.query_string(),
            "url": request_url,
            "count": queryset.count(),
            **(extra_meta or {}),
        }
        texts = json_texts(queryset, permalink_prefix=permalink_prefix)
        response = StreamingHttpResponse(
            stream_json(texts, meta=meta), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
