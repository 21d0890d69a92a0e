"""The export record: each case of a filtered list as one dict, built in one place.

Every export format, the API and the per-case citations are written from case_records(), so
they cannot disagree. The whole list is one query: the queryset's own SQL and order, with each
case's takeaways, countries, pillars, actors and sources gathered by the database into one
JSON array (correlated subqueries that walk the relations' case_id indexes). It is read in one
transaction through one chunked cursor, server-side on PostgreSQL; Python decodes the array
(one json.loads() a case, which runs in C) and puts the record together. The next chunk is
fetched in a background thread while the writers work on the current one, so the database and
Python work at the same time.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models.expressions import RawSQL

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, translation_state

from ..models.completeness import assess
from .parallel import chunks_in_parallel

# Rows per fetch from the cursor, and so per round trip to the database.
CHUNK_SIZE = 1000
# Rows a helper connection reads at once: smaller, as several chunks are in memory together.
PARALLEL_CHUNK = 250


TEXT = ("title", "summary", "body")


def _reviewed_sql(language):
    return (
        "EXISTS (SELECT 1 FROM cases_casetranslation review WHERE review.case_id = cases_case.id "
        f"AND review.language = '{language}' AND review.status = 'reviewed')"
    )


def case_columns():
    """SQL of the record's own columns, in _record()'s order: every language's text (title_en,
    title_fr, …) and whether a person reviewed it. Which language a reader gets is decided in
    Python by the rule itself (core.languages.translation_state)."""
    return [
        "cases_case.slug",
        "cases_case.original_language",
        "cases_case.start_year",
        "cases_case.start_month",
        "cases_case.end_year",
        "cases_case.end_month",
        # The timestamps are read as text, which datetime.fromisoformat() parses in C: the
        # drivers' converters (psycopg's time-zone-aware one is pure Python) cost more.
        "CAST(cases_case.created AS text)",
        "CAST(cases_case.updated AS text)",
        *(
            sql
            for code in LANGUAGE_CODES
            for sql in (
                *(f"COALESCE(cases_case.{name}_{code}, '')" for name in TEXT),
                _reviewed_sql(code),
            )
        ),
    ]


@dataclass(frozen=True)
class Link:
    """A link table (aliased `link`) whose `key` column points at rows of `table` (as `alias`)."""

    via: str
    table: str
    alias: str
    key: str

    def from_clause(self, vendor):
        if vendor == "postgresql":
            # The row pointed at is looked up by primary key in a subquery of its own: as a
            # join, the planner hashed all the countries again for every case, which cost more
            # than the rest of the query.
            return (
                f"{self.via} link CROSS JOIN LATERAL "
                f"(SELECT * FROM {self.table} WHERE id = link.{self.key} LIMIT 1) {self.alias}"
            )
        return (
            f"{self.via} link JOIN {self.table} {self.alias} ON {self.alias}.id = link.{self.key}"
        )


@dataclass(frozen=True)
class Relation:
    """A list in the record: its keys with the SQL of their values, and where its rows are.

    The rows are a Link's or a table's (FROM clause text); `case_id` is their column naming the
    case, and `order` the order the case page lists them in.
    """

    fields: dict
    rows: Link | str
    case_id: str
    order: str

    def from_clause(self, vendor):
        return self.rows if isinstance(self.rows, str) else self.rows.from_clause(vendor)


def _columns(alias, *names):
    """{name: "alias.name"}: columns that keep their own name as the record's key."""
    return {name: f"{alias}.{name}" for name in names}


def relations(language):
    """The record's lists; pillar names in `language` (English where a name is untranslated)."""
    pillar_name = f"COALESCE(NULLIF(pillar.name_{language}, ''), pillar.name_{DEFAULT_LANGUAGE})"
    return {
        "countries": Relation(
            fields=_columns("country", "code", "name", "region"),
            rows=Link("cases_case_countries", "cases_country", "country", "country_id"),
            case_id="link.case_id",
            order="country.name",
        ),
        "pillars": Relation(
            fields={"slug": "pillar.slug", "name": pillar_name},
            rows=Link("cases_case_pillars", "pillars_pillar", "pillar", "pillar_id"),
            case_id="link.case_id",
            order='pillar."order", pillar.name',
        ),
        "actors": Relation(
            fields={**_columns("actor", "slug", "name", "kind", "level"), "role": "link.role"},
            rows=Link("cases_caseactor", "cases_actor", "actor", "actor_id"),
            case_id="link.case_id",
            order='link."order", link.id',
        ),
        "sources": Relation(
            fields=_columns("source", "title", "publisher", "url", "published"),
            rows="cases_source source",
            case_id="source.case_id",
            order='source."order", source.id',
        ),
    }


def lists_sql(vendor, language=DEFAULT_LANGUAGE):
    """SQL of the text of one JSON array of a case's lists: its takeaways in every language,
    then its countries, pillars, actors and sources, each an array of objects in the order the
    case page has.

    One array rather than a column per list: decoding it is one json.loads() call a case. The
    lists are valid JSON texts already, so they are joined as text: json_array() would parse
    each again (SQLite passes JSON between queries as text), which cost a tenth of the query.
    """
    takeaways = [f"COALESCE(cases_case.takeaways_{code}, '[]')" for code in LANGUAGE_CODES]
    lists = [*takeaways, *(_gathered(vendor, r) for r in relations(language).values())]
    return "'[' || " + " || ',' || ".join(f"CAST({sql} AS text)" for sql in lists) + " || ']'"


def _gathered(vendor, relation):
    """SQL of one case's `relation` rows as a JSON array of objects, in order; [] for none.

    The case is the outer query's cases_case row.
    """
    rows = relation.from_clause(vendor)
    where = f"{relation.case_id} = cases_case.id"
    if vendor == "postgresql":
        pairs = ", ".join(f"'{key}', {value}" for key, value in relation.fields.items())
        aggregate = f"json_agg(json_build_object({pairs}) ORDER BY {relation.order})"
        return f"(SELECT COALESCE({aggregate}, '[]') FROM {rows} WHERE {where})"
    # SQLite 3.40 has no ORDER BY inside an aggregate: it aggregates an ordered subquery.
    columns = ", ".join(f'{value} AS "{key}"' for key, value in relation.fields.items())
    pairs = ", ".join(f"'{key}', \"{key}\"" for key in relation.fields)
    return (
        f"(SELECT json_group_array(json_object({pairs})) FROM "
        f"(SELECT {columns} FROM {rows} WHERE {where} ORDER BY {relation.order}))"
    )


class CaseSQL(RawSQL):
    """A column of the record (case_columns, lists_sql) in the cases' query.

    It is no grouping column: it depends only on the case's row, which a grouped query (the
    country sort) already groups by its id.
    """

    def get_group_by_cols(self):
        return []


def case_records(queryset, *, permalink_prefix, language=DEFAULT_LANGUAGE, chunk_size=CHUNK_SIZE):
    """Yield each case of `queryset` as its JSON-ready record for a reader of `language`, in
    the queryset's order."""
    if language not in LANGUAGE_CODES:  # it is written into the SQL
        raise ValueError(f"Unknown language {language!r}")
    time_zone = connections[queryset.db].timezone
    for rows in _row_chunks(queryset, chunk_size, language):
        for row in rows:
            yield _record(row, permalink_prefix, time_zone, language)


def case_record(queryset, *, permalink_prefix, language=DEFAULT_LANGUAGE):
    """The record of the first case of `queryset`, or None if it has none."""
    records = case_records(queryset[:1], permalink_prefix=permalink_prefix, language=language)
    with closing(records):
        return next(records, None)


def _row_chunks(queryset, chunk_size, language):
    """Lists of up to `chunk_size` rows of the record query of `queryset`, in order.

    Rows may carry extra columns at the end (Django selects the ordering of a distinct query).
    """
    # The columns are chosen by name here: modeltranslation's rewriting of values_list() (to
    # the active language, with its own fallbacks) is not wanted.
    queryset = queryset.rewrite(False)
    connection = connections[queryset.db]
    helpers = settings.EXPORT_PARALLEL_CONNECTIONS
    # Other connections would not see this transaction's own writes (a test's, say), nor an
    # in-memory SQLite database at all.
    if (
        helpers
        and not connection.in_atomic_block
        and not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    ):
        yield from _row_chunks_in_parallel(queryset, chunk_size, helpers, language)
        return
    columns = [
        CaseSQL(sql, ()) for sql in (*case_columns(), lists_sql(connection.vendor, language))
    ]
    query = queryset.values_list(*columns).query
    try:
        sql, params = query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return
    # One transaction, so the file is one consistent snapshot; on PostgreSQL it also lets the
    # server-side cursor stream, where outside one Django declares it WITH HOLD, which has the
    # server compute and store the whole result before the first row is sent.
    with transaction.atomic(using=queryset.db):
        if connection.vendor == "postgresql":
            # The planner costs a whole export high enough to compile it (JIT), which takes a
            # quarter of a second and makes these expressions no faster.
            with connection.cursor() as settings_cursor:
                settings_cursor.execute("SET LOCAL jit = off")
        # As QuerySet.iterator() does: a plain cursor where server-side ones are switched off.
        if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
            cursor = connection.cursor()
        else:
            cursor = connection.chunked_cursor()
        with cursor:
            cursor.execute(sql, params)
            yield from _read_ahead(lambda: cursor.fetchmany(chunk_size))


def _row_chunks_in_parallel(queryset, chunk_size, helpers, language):
    """As _row_chunks(), the record query run on helper connections, a chunk of ids each.

    The request's own connection reads the ids in the list's order; the helpers select those
    cases with the same columns and lists (cases.exports.parallel). SQLite's module lets go of
    the interpreter while SQLite works, so there too two helpers use both cores.
    """
    connection = connections[queryset.db]
    ids = queryset.values_list("id", flat=True).query
    try:
        ids_sql, params = ids.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return
    vendor = connection.vendor
    select = f"SELECT {', '.join(case_columns())}, {lists_sql(vendor, language)} "
    if vendor == "postgresql":
        chunk_sql = select + (
            "FROM unnest(%s::bigint[]) WITH ORDINALITY AS chunk(id, position) "
            "JOIN cases_case ON cases_case.id = chunk.id ORDER BY chunk.position"
        )
    else:
        # SQLite's own way to a list parameter: a JSON array, its elements numbered by key.
        chunk_sql = select + (
            "FROM json_each(%s) AS chunk "
            "JOIN cases_case ON cases_case.id = chunk.value ORDER BY chunk.key"
        )

    def read_chunk(helper, chunk):
        with helper.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SET jit = off")
                cursor.execute(chunk_sql, ["{" + ",".join(map(str, chunk)) + "}"])
            else:
                cursor.execute(chunk_sql, [json.dumps(chunk)])
            return cursor.fetchall()

    with transaction.atomic(using=queryset.db), connection.chunked_cursor() as cursor:
        cursor.execute(ids_sql, params)
        id_chunks = (
            [row[0] for row in rows]
            for rows in iter(lambda: cursor.fetchmany(min(chunk_size, PARALLEL_CHUNK)), [])
        )
        yield from chunks_in_parallel(queryset.db, id_chunks, read_chunk, helpers=helpers)


def _read_ahead(fetch):
    """Each non-empty result of fetch(), the next one fetched in the background meanwhile.

    The fetching thread waits on the database with the GIL released, so the database works
    on the next chunk while the caller writes the current one. (SQLite runs in this process
    and its thread takes the GIL back for every row, so there the two overlap less.) At most
    one fetch is under way, and one that is has ended before this generator does, also when
    it is closed early.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="export-read-ahead") as pool:
        upcoming = pool.submit(fetch)
        while rows := upcoming.result():
            upcoming = pool.submit(fetch)
            yield rows


PER_LANGUAGE = len(TEXT) + 1  # the text columns and the reviewed flag


def _record(row, permalink_prefix, time_zone, language):
    slug, original_language, start_year, start_month, end_year, end_month = row[:6]
    created, updated = row[6:8]
    # Rows may carry extra columns after the lists (see _row_chunks).
    lists_at = 8 + PER_LANGUAGE * len(LANGUAGE_CODES)
    lists = json.loads(row[lists_at])
    count = len(LANGUAGE_CODES)
    countries, pillars, actors, sources = lists[count:]
    texts, statuses = {}, {}
    for position, code in enumerate(LANGUAGE_CODES):
        start = 8 + PER_LANGUAGE * position
        title, summary, body, reviewed = row[start : start + PER_LANGUAGE]
        texts[code] = {
            "title": title,
            "summary": summary,
            "body": body,
            "takeaways": lists[position],
        }
        statuses[code] = translation_state(
            language=code,
            original_language=original_language,
            has_text=bool(title and summary),
            reviewed=bool(reviewed),
        ).value
    # Read from what the record holds, by the rule the list's filter counts with.
    completeness = assess(
        start_year=start_year,
        has_actors=actors,
        source_urls=[source["url"] for source in sources],
        takeaways=texts[original_language]["takeaways"],
        translation_states=statuses,
    )
    # The rule of Case.text_in(): a missing translation falls back to the original.
    text_language = original_language if statuses[language] == "missing" else language
    text = texts[text_language]
    return {
        "slug": slug,
        "title": text["title"],
        "language": language,
        "text_language": text_language,
        "original_language": original_language,
        "translation_status": statuses,
        "permalink": f"{permalink_prefix}{slug}/",
        "countries": countries,
        "period": {
            "start_year": start_year,
            "start_month": start_month,
            "end_year": end_year,
            "end_month": end_month,
        },
        "summary": text["summary"],
        "body": text["body"],
        "takeaways": text["takeaways"],
        # The other languages' own text (empty where there is none), so that an export
        # imports back whole; the text above is not repeated.
        "translations": {code: texts[code] for code in LANGUAGE_CODES if code != text_language},
        "pillars": pillars,
        "actors": actors,
        "sources": sources,
        "completeness": completeness.score,
        "completeness_missing": list(completeness.missing),
        "created": _isoformat(created, time_zone),
        "updated": _isoformat(updated, time_zone),
    }


def _isoformat(text, time_zone):
    """datetime.isoformat() of a timestamp read as text, as the ORM would read it."""
    value = datetime.fromisoformat(text)
    # PostgreSQL's text has the session's UTC offset. SQLite's has none: it is in the
    # connection's time zone, which the ORM would attach.
    if value.tzinfo is None:
        value = value.replace(tzinfo=time_zone)
    return value.isoformat()
