"""CSV lines and JSON texts of cases, written by PostgreSQL itself.

At 100,000 cases, writing the exports in Python ran at about 9,000 rows/s on PostgreSQL: the
worker decoded some 3 KB of columns per case, then escaped and joined them again, while the
database mostly waited. Here one query per chunk of cases returns each case's finished line,
built by the server in C, and the worker only passes the text on. Chunks are written on two
connections at once (cases.export_workers), so both cores work on the export.

The text is byte for byte what the Python writers in cases.exports produce: csv_line() of the
csv_rows() cells, and python_json_texts(). tests/cases/test_export_sql.py holds them together,
on arbitrary text too. Other databases keep the Python writers.
"""

from functools import partial

from django.conf import settings
from django.db import connections

from ..choices import Level
from .common import (
    CHUNK_SIZE,
    CSV_COLUMNS,
    FORMULA_PREFIXES,
    LEVEL_LABELS,
    LIST_SEPARATOR,
    row_chunks,
)
from .workers import formatted_chunks


def writes_lines(alias):
    """Whether the database behind `alias` writes the export lines itself."""
    return connections[alias].vendor == "postgresql"


def csv_lines(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    return _lines(queryset, CSV_LINES_SQL, permalink_prefix, chunk_size)


def json_texts(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    return _lines(queryset, JSON_TEXTS_SQL, permalink_prefix, chunk_size)


def _lines(queryset, sql, permalink_prefix, chunk_size):
    params = {"prefix": permalink_prefix, "licence": settings.DATA_LICENCE}
    id_chunks = ([row[0] for row in rows] for rows in row_chunks(queryset, ("id",), chunk_size))
    format_chunk = partial(_format_chunk, sql, params)
    for lines in formatted_chunks(queryset.db, id_chunks, format_chunk):
        yield from lines


def _format_chunk(sql, params, connection, ids):
    with connection.cursor() as cursor:
        # One array literal rather than a thousand parameters; the ids are integers.
        cursor.execute(sql, {**params, "ids": "{" + ",".join(map(str, ids)) + "}"})
        return [row[0] for row in cursor.fetchall()]


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


_SEPARATOR = _literal(LIST_SEPARATOR)


def _per_case(name, rows, case_column="link.case_id"):
    """A LATERAL subquery gathering one relation's `rows` for each case, as `name`.

    It walks the rows' case_id index for that case. A case with no rows still gets its row,
    with NULLs: an aggregate without GROUP BY always returns one. `{name}` stays a placeholder
    for the aggregates, which the CSV and JSON queries fill in differently.
    """
    return f"""
    LEFT JOIN LATERAL (
        SELECT {{{name}}} FROM {rows} WHERE {case_column} = cases_case.id
    ) {name} ON true"""


def _links_to(table, alias, *, via, key):
    """A link table's rows, each with the row it points to, looked up by primary key.

    The lookup is a subquery of its own: LIMIT 1 keeps the planner from turning it into a join
    that hashes all 200 countries again for every case.
    """
    return (
        f"{via} link CROSS JOIN LATERAL "
        f"(SELECT * FROM {table} WHERE {table}.id = link.{key} LIMIT 1) {alias}"
    )


# The chunk's cases in the order of its ids, each with its relations.
_COUNTRIES = _links_to("cases_country", "country", via="cases_case_countries", key="country_id")
_PILLARS = _links_to("pillars_pillar", "pillar", via="cases_case_pillars", key="pillar_id")
_ACTORS = _links_to("cases_actor", "actor", via="cases_caseactor", key="actor_id")
_RELATIONS = f"""
    FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS chunk(id, position)
    JOIN cases_case ON cases_case.id = chunk.id
    {_per_case("countries", _COUNTRIES)}
    {_per_case("pillars", _PILLARS)}
    {_per_case("actors", _ACTORS)}
    {_per_case("sources", "cases_source source", case_column="source.case_id")}
"""

# The orders the Python writers read the relations in (cases.exports' *_SQL queries).
_COUNTRY_ORDER = "ORDER BY country.name"
_PILLAR_ORDER = 'ORDER BY pillar."order", pillar.name'
_ACTOR_ORDER = 'ORDER BY link."order", link.id'
_SOURCE_ORDER = 'ORDER BY source."order", source.id'
_DATE = "to_char({}, 'YYYY-MM-DD')"


def _timestamp(column):
    """datetime.isoformat() of a timestamptz in the session's time zone (UTC in Django)."""
    # isoformat() leaves out a zero fraction of a second.
    return f"replace(to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS.USTZH:TZM'), '.000000', '')"


def _year_month(year, month):
    """As cases.exports._year_month(): '', '2019' or '2019-03'."""
    padded_year = f"CASE WHEN {year} < 1000 THEN lpad({year}::text, 4, '0') ELSE {year}::text END"
    return (
        f"CASE WHEN COALESCE({year}, 0) = 0 THEN '' "
        f"WHEN COALESCE({month}, 0) = 0 THEN {year}::text "
        f"ELSE concat({padded_year}, '-', lpad({month}::text, 2, '0')) END"
    )


# ---- CSV ------------------------------------------------------------------------------------

_LEVEL_BITS = {level: 1 << position for position, level in enumerate(Level.values)}
_ACTOR_LABEL = (
    "CASE actor.level "
    + " ".join(
        f"WHEN {_literal(level)} THEN {_literal(label)}" for level, label in LEVEL_LABELS.items()
    )
    + " END"
)
# A case's levels as bits of one integer, and back to their names in the vocabulary's order:
# cheaper than a sorted DISTINCT aggregate per case.
_ACTOR_LEVEL_BIT = (
    "CASE actor.level "
    + " ".join(f"WHEN {_literal(level)} THEN {bit}" for level, bit in _LEVEL_BITS.items())
    + " END"
)
_ACTOR_LEVEL_NAMES = ", ".join(
    f"CASE WHEN actors.levels & {bit} <> 0 THEN {_literal(level)} END"
    for level, bit in _LEVEL_BITS.items()
)
_CSV_RELATIONS = _RELATIONS.format(
    countries=f"""
        string_agg(country.name, {_SEPARATOR} {_COUNTRY_ORDER}) AS names,
        string_agg(country.code, {_SEPARATOR} {_COUNTRY_ORDER}) AS codes,
        array_agg(country.region {_COUNTRY_ORDER}) AS regions""",
    pillars=f"string_agg(pillar.name, {_SEPARATOR} {_PILLAR_ORDER}) AS names",
    actors=f"""
        string_agg(concat(actor.name, ' (', {_ACTOR_LABEL}, ')'), {_SEPARATOR} {_ACTOR_ORDER})
            AS names,
        bit_or({_ACTOR_LEVEL_BIT}) AS levels""",
    sources=f"""
        string_agg(
            concat(
                source.title,
                CASE WHEN source.publisher <> '' OR source.published IS NOT NULL
                    THEN concat(' (', concat_ws(', ', NULLIF(source.publisher, ''),
                        {_DATE.format("source.published")}), ')') END,
                CASE WHEN source.url <> '' THEN concat(' ', source.url) END
            ),
            {_SEPARATOR} {_SOURCE_ORDER}
        ) AS texts""",
)
# Most cases have one country and a few takeaways: those take plain expressions, as a
# subquery per case cost more than the rest of the line.
_SHORT_LIST = 8
_SHORT_TAKEAWAYS = ", ".join(f"cases_case.takeaways ->> {index}" for index in range(_SHORT_LIST))
_CSV_COLUMNS = f"""
    SELECT
        cases_case.title,
        cases_case.slug,
        concat(%(prefix)s::text, cases_case.slug, '/') AS permalink,
        COALESCE(countries.names, '') AS countries,
        COALESCE(countries.codes, '') AS country_codes,
        CASE WHEN cardinality(countries.regions) < 2 THEN COALESCE(countries.regions[1], '')
        ELSE (
            -- Each region once, where its first country (by name) puts it.
            SELECT string_agg(region, {_SEPARATOR} ORDER BY first_position)
            FROM (
                SELECT region, min(position) AS first_position
                FROM unnest(countries.regions) WITH ORDINALITY AS regions(region, position)
                GROUP BY region
            ) AS first_regions
        ) END AS regions,
        {_year_month("cases_case.start_year", "cases_case.start_month")} AS period_start,
        {_year_month("cases_case.end_year", "cases_case.end_month")} AS period_end,
        COALESCE(pillars.names, '') AS pillars,
        COALESCE(actors.names, '') AS actors,
        concat_ws({_SEPARATOR}, {_ACTOR_LEVEL_NAMES}) AS actor_levels,
        -- Fetched here, once: summary and body are often TOASTed, and the cell formatting
        -- below would fetch a TOASTed value again for every function it passes through.
        cases_case.summary || '' AS summary,
        cases_case.body || '' AS body,
        CASE WHEN jsonb_typeof(cases_case.takeaways) <> 'array' THEN ''
        WHEN jsonb_array_length(cases_case.takeaways) <= {_SHORT_LIST}
            THEN concat_ws({_SEPARATOR}, {_SHORT_TAKEAWAYS})
        ELSE (
            SELECT string_agg(takeaway, {_SEPARATOR} ORDER BY position)
            FROM jsonb_array_elements_text(cases_case.takeaways)
                WITH ORDINALITY AS takeaways(takeaway, position)
        ) END AS takeaways,
        COALESCE(sources.texts, '') AS sources,
        {_timestamp("cases_case.created")} AS created,
        {_timestamp("cases_case.updated")} AS updated,
        %(licence)s::text AS licence,
        chunk.position
    {_CSV_RELATIONS}
    -- A fence: without it the planner copies each column's expression into every place the
    -- cell formatting below reads it, and runs the relation subqueries over and over.
    OFFSET 0
"""
_FORMULA_PREFIXES = ", ".join(
    sorted(
        f"E'\\{'t' if p == chr(9) else 'r'}'" if p in "\t\r" else _literal(p)
        for p in FORMULA_PREFIXES
    )
)


def _csv_cell(column):
    """A text column as one CSV cell, as exports.csv_line() of _neutralise_formulas() writes it."""
    value = (
        f"CASE WHEN left({column}, 1) IN ({_FORMULA_PREFIXES}) "
        f"THEN concat('''', {column}) ELSE {column} END"
    )
    return (
        f"CASE WHEN strpos({column}, '\"') > 0 "
        f"THEN concat('\"', replace({value}, '\"', '\"\"'), '\"') "
        f"WHEN strpos({column}, ',') > 0 OR strpos({column}, E'\\n') > 0 "
        f"OR strpos({column}, E'\\r') > 0 THEN concat('\"', {value}, '\"') "
        f"ELSE {value} END"
    )


CSV_LINES_SQL = f"""
    SELECT concat({", ',', ".join(_csv_cell(f"cells.{name}") for name in CSV_COLUMNS)}, E'\\r\\n')
    FROM ({_CSV_COLUMNS}) AS cells
    ORDER BY cells.position
"""

# ---- JSON -----------------------------------------------------------------------------------


def _json(expression):
    """A JSON string (or null) of a text expression, escaped as Python's json module does."""
    return f"COALESCE(to_json({expression})::text, 'null')"


def _json_number(expression):
    return f"COALESCE({expression}::text, 'null')"


def _json_object(**members):
    """A JSON object's text with `members` ({key: SQL of its JSON text}), in order."""
    parts = [f"'\"{key}\": ', {value}" for key, value in members.items()]
    return "concat('{', " + ", ', ', ".join(parts) + ", '}')"


def _json_list(item, order):
    return f"concat('[', string_agg({item}, ', ' {order}), ']') AS items"


_JSON_CASE = _json_object(
    slug=_json("cases_case.slug"),
    title=_json("cases_case.title"),
    permalink=_json("concat(%(prefix)s::text, cases_case.slug, '/')"),
    countries="COALESCE(countries.items, '[]')",
    period=_json_object(
        start_year=_json_number("cases_case.start_year"),
        start_month=_json_number("cases_case.start_month"),
        end_year=_json_number("cases_case.end_year"),
        end_month=_json_number("cases_case.end_month"),
    ),
    summary=_json("cases_case.summary"),
    body=_json("cases_case.body"),
    # jsonb prints a list of strings as json.dumps() does: ", " between items.
    takeaways="cases_case.takeaways::text",
    pillars="COALESCE(pillars.items, '[]')",
    actors="COALESCE(actors.items, '[]')",
    sources="COALESCE(sources.items, '[]')",
    created=_json(_timestamp("cases_case.created")),
    updated=_json(_timestamp("cases_case.updated")),
)
_JSON_RELATIONS = _RELATIONS.format(
    countries=_json_list(
        _json_object(
            code=_json("country.code"), name=_json("country.name"), region=_json("country.region")
        ),
        _COUNTRY_ORDER,
    ),
    pillars=_json_list(
        _json_object(slug=_json("pillar.slug"), name=_json("pillar.name")), _PILLAR_ORDER
    ),
    actors=_json_list(
        _json_object(
            slug=_json("actor.slug"),
            name=_json("actor.name"),
            kind=_json("actor.kind"),
            level=_json("actor.level"),
            role=_json("link.role"),
        ),
        _ACTOR_ORDER,
    ),
    sources=_json_list(
        _json_object(
            title=_json("source.title"),
            publisher=_json("source.publisher"),
            url=_json("source.url"),
            published=_json(_DATE.format("source.published")),
        ),
        _SOURCE_ORDER,
    ),
)
JSON_TEXTS_SQL = f"SELECT {_JSON_CASE} {_JSON_RELATIONS} ORDER BY chunk.position"
