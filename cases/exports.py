"""Streamed CSV and JSON exports of a filtered case list.

Cases are read with one values() query through a chunked cursor. For each chunk, the
countries, pillars, actors and sources come from one query each, so a chunk costs four more
queries whatever its size. Output is written in blocks of rows, so neither the database
result nor the file is ever held whole in memory.
"""

import json
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.http import StreamingHttpResponse
from django.utils import timezone

from .choices import Level

CHUNK_SIZE = 1000
CASE_FIELDS = (
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
    "created",
    "updated",
)
CSV_COLUMNS = (
    "title",
    "slug",
    "permalink",
    "countries",
    "country_codes",
    "regions",
    "period_start",
    "period_end",
    "pillars",
    "actors",
    "actor_levels",
    "summary",
    "body",
    "takeaways",
    "sources",
    "created",
    "updated",
    "licence",
)
LIST_SEPARATOR = "; "
LEVEL_LABELS = dict(Level.choices)
# Cells starting with these are formulas to Excel; a leading apostrophe keeps them text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def batched(iterable, size):
    """Tuples of up to `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def case_records(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield one JSON-ready dict per case of `queryset`, in the queryset's order."""
    for rows, related in _chunks(queryset, chunk_size):
        for row in rows:
            yield _record(row, related, permalink_prefix)


def _chunks(queryset, chunk_size):
    """(rows, related) per chunk of up to `chunk_size` cases of `queryset`.

    Rows are tuples in CASE_FIELDS order, read through a raw chunked cursor (server-side on
    PostgreSQL): the ORM's per-row converters cost more than the export's own work, so the
    few columns that need it are converted here, in _case_row. `related` is _related's map.
    """
    query = queryset.values_list(*CASE_FIELDS).query
    connection = connections[queryset.db]
    try:
        sql, params = query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return
    # As QuerySet.iterator() does: a plain cursor where server-side ones are switched off.
    if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        cursor = connection.cursor()
    else:
        cursor = connection.chunked_cursor()
    with cursor:
        cursor.execute(sql, params)
        # Rows may carry extra columns after CASE_FIELDS (a distinct query's ordering); they
        # are never read.
        while rows := cursor.fetchmany(chunk_size):
            rows = [_case_row(row, connection) for row in rows]
            yield rows, _related(connection, ids=[row[0] for row in rows])


def _case_row(row, connection):
    """The row with its JSON decoded and its datetimes as ISO text, as the ORM would give them."""
    return (
        *row[:9],
        json.loads(row[9]),
        _isoformat(row[10], connection),
        _isoformat(row[11], connection),
    )


def _isoformat(value, connection):
    # SQLite gives naive datetimes, in the connection's time zone, where the ORM would make
    # them aware (Django's convert_datetimefield_value).
    if value.tzinfo is None:
        value = value.replace(tzinfo=connection.timezone)
    return value.isoformat()


def _id_match(connection, ids):
    """SQL that matches a case id column against `ids`, and its parameters.

    The one place the relation queries differ by database: PostgreSQL takes the ids as one
    array parameter, SQLite as a list of placeholders.
    """
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [ids]
    return f"IN ({', '.join(['%s'] * len(ids))})", ids


# One query per relation per chunk, in raw SQL: the ORM's per-parameter work for a
# thousand-id IN list cost more than the queries themselves. `{ids}` is _id_match's SQL.
COUNTRIES_SQL = """
    SELECT link.case_id, country.code, country.name, country.region
    FROM cases_case_countries link JOIN cases_country country ON country.id = link.country_id
    WHERE link.case_id {ids} ORDER BY country.name
"""
PILLARS_SQL = """
    SELECT link.case_id, pillar.slug, pillar.name
    FROM cases_case_pillars link JOIN pillars_pillar pillar ON pillar.id = link.pillar_id
    WHERE link.case_id {ids} ORDER BY pillar."order", pillar.name
"""
ACTORS_SQL = """
    SELECT link.case_id, actor.slug, actor.name, actor.kind, actor.level, link.role
    FROM cases_caseactor link JOIN cases_actor actor ON actor.id = link.actor_id
    WHERE link.case_id {ids} ORDER BY link."order", link.id
"""
SOURCES_SQL = """
    SELECT source.case_id, source.title, source.publisher, source.url, source.published
    FROM cases_source source
    WHERE source.case_id {ids} ORDER BY source."order", source.id
"""


def _related(connection, *, ids):
    """{case id: {"countries": [...], "pillars": [...], "actors": [...], "sources": [...]}}."""
    related = defaultdict(lambda: defaultdict(list))
    match, params = _id_match(connection, ids)
    with connection.cursor() as cursor:
        cursor.execute(COUNTRIES_SQL.format(ids=match), params)
        for case_id, code, name, region in cursor.fetchall():
            related[case_id]["countries"].append({"code": code, "name": name, "region": region})
        cursor.execute(PILLARS_SQL.format(ids=match), params)
        for case_id, slug, name in cursor.fetchall():
            related[case_id]["pillars"].append({"slug": slug, "name": name})
        cursor.execute(ACTORS_SQL.format(ids=match), params)
        for case_id, slug, name, kind, level, role in cursor.fetchall():
            related[case_id]["actors"].append(
                {"slug": slug, "name": name, "kind": kind, "level": level, "role": role}
            )
        cursor.execute(SOURCES_SQL.format(ids=match), params)
        for case_id, title, publisher, url, published in cursor.fetchall():
            related[case_id]["sources"].append(
                {
                    "title": title,
                    "publisher": publisher,
                    "url": url,
                    "published": published.isoformat() if published else None,
                }
            )
    return related


def _record(row, related, permalink_prefix):
    (
        case_id,
        slug,
        title,
        start_year,
        start_month,
        end_year,
        end_month,
        summary,
        body,
        takeaways,
        created,
        updated,
    ) = row
    links = related[case_id]
    return {
        "slug": slug,
        "title": title,
        "permalink": f"{permalink_prefix}{slug}/",
        "countries": links["countries"],
        "period": {
            "start_year": start_year,
            "start_month": start_month,
            "end_year": end_year,
            "end_month": end_month,
        },
        "summary": summary,
        "body": body,
        "takeaways": takeaways,
        "pillars": links["pillars"],
        "actors": links["actors"],
        "sources": links["sources"],
        "created": created,
        "updated": updated,
    }


def _year_month(year, month):
    if not year:
        return ""
    return f"{year:04d}-{month:02d}" if month else str(year)


def csv_row(record):
    period = record["period"]
    countries = record["countries"]
    levels = sorted({actor["level"] for actor in record["actors"]}, key=list(LEVEL_LABELS).index)
    join = LIST_SEPARATOR.join
    return [
        record["title"],
        record["slug"],
        record["permalink"],
        join(country["name"] for country in countries),
        join(country["code"] for country in countries),
        join(dict.fromkeys(country["region"] for country in countries)),
        _year_month(period["start_year"], period["start_month"]),
        _year_month(period["end_year"], period["end_month"]),
        join(pillar["name"] for pillar in record["pillars"]),
        join(f"{actor['name']} ({LEVEL_LABELS[actor['level']]})" for actor in record["actors"]),
        join(levels),
        record["summary"],
        record["body"],
        join(record["takeaways"]),
        join(_source_text(source) for source in record["sources"]),
        record["created"],
        record["updated"],
        # The licence travels inside the file, so a copy passed on still says how to reuse it.
        settings.DATA_LICENCE,
    ]


def _source_text(source):
    details = ", ".join(part for part in (source["publisher"], source["published"]) if part)
    text = f"{source['title']} ({details})" if details else source["title"]
    return f"{text} {source['url']}" if source["url"] else text


def _neutralise_formulas(cells):
    return ["'" + cell if cell.startswith(FORMULA_PREFIXES) else cell for cell in cells]


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


def stream_csv(records, *, rows_per_block=500):
    # The byte-order mark makes Excel read the file as UTF-8.
    yield "\ufeff" + csv_line(CSV_COLUMNS)
    for block in batched(records, rows_per_block):
        yield "".join([csv_line(_neutralise_formulas(csv_row(record))) for record in block])


def stream_json(records, *, meta, rows_per_block=500):
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    separator = "\n"
    for block in batched(records, rows_per_block):
        yield separator + ",\n".join(json.dumps(record, ensure_ascii=False) for record in block)
        separator = ",\n"
    yield "\n]}\n"


def export_response(case_filter, *, fmt, permalink_prefix, request_url, extra_meta=None):
    """A streamed download of every case `case_filter` matches, in its order."""
    queryset = case_filter.qs
    records = case_records(queryset, permalink_prefix=permalink_prefix)
    stamp = timezone.now()
    filename = f"{case_filter.filename_stem()}_{stamp.date().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_csv(records), content_type="text/csv; charset=utf-8"
        )
    else:
        meta = {
            "title": "NLC Case Catalogue export",
            "exported_at": stamp.isoformat(),
            "query": case_filter.query_string(),
            "url": request_url,
            "count": queryset.count(),
            **(extra_meta or {}),
        }
        response = StreamingHttpResponse(
            stream_json(records, meta=meta), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
