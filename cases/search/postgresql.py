"""PostgreSQL full-text search: a weighted tsvector per case and language, each GIN-indexed.

`case_search` holds, per case, `document_en`, `document_fr` and `document_ar`: the text a page
in that language shows (texts.py), Arabic marks and tatweel folded away, read with that
language's configuration (nlc_english, nlc_french, nlc_arabic: unaccent, then the Snowball
stemmer). One row per case keeps the refresh to one pass over its sources, and a search reads
one narrow column. Title weighs A, summary B, and the body, takeaways, actor and pillar names C.
Queries use
websearch_to_tsquery on the visitor's text as cases/search/query.py reads it (several words,
"quoted phrases", -excluded, OR), rewritten so that it is bounded and never an error.
Statement-level triggers with transition tables refresh the documents of every case a
statement touched, so bulk writes cost one pass.
"""

from django.db import transaction
from django.db.models import BooleanField, F, FloatField, Func, Value

from core.languages import LANGUAGE_CODES

from .markers import MARK_END, MARK_START, clean_text
from .query import websearch_text
from .texts import CASE_COLUMNS, PILLAR_COLUMNS, case_text, pillar_name, search_language
from .words import fold_sql

# The database's stemmer for each language, after `unaccent` (nlc_arabic: see CONFIGURATIONS).
CONFIGS = {"en": "nlc_english", "fr": "nlc_french", "ar": "nlc_arabic"}
STEMMERS = {"en": "english", "fr": "french", "ar": "arabic"}


def _install_configurations(cursor):
    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language, config in CONFIGS.items():
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [config])
        if not cursor.fetchone():
            copied = f"pg_catalog.{STEMMERS[language]}"
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = {copied})")
        # Accents go before stemming, as in the query: `debat` and `débat` stem alike. Arabic
        # script passes through unaccent as it is (the Arabic stemmer drops tashkeel itself);
        # it folds the Latin words of untranslated cases shown on Arabic pages.
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {STEMMERS[language]}_stem"
        )


WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"  # D, C, B, A
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=40, MinWords=20, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _query(language):
    return f"websearch_to_tsquery('{CONFIGS[language]}', %s)"


class _OnDocument(Func):
    """`template` applied to a document column and a query text, in `language`."""

    def __init__(self, *expressions, language, **extra):
        super().__init__(*expressions, **extra)
        self.language = language

    def as_sql(self, compiler, connection, **extra):
        document, query = (compiler.compile(arg) for arg in self.get_source_expressions())
        query_sql = _query(self.language).replace("%s", query[0])
        sql = self.template.format(document=document[0], query=query_sql)
        return sql, [*document[1], *query[1]]


class Matches(_OnDocument):
    template = "({document} @@ {query})"
    output_field = BooleanField()


# (The weights' braces are doubled for str.format.)
RANK_SQL = "ts_rank(" + WEIGHTS.replace("{", "{{").replace("}", "}}") + ", {document}, {query})"


class Rank(_OnDocument):
    template = RANK_SQL
    output_field = FloatField()


def search(queryset, text, language=None):
    language = search_language(language)
    text = websearch_text(clean_text(text))
    if not text:
        return queryset
    # A join: each matching document is read once, for the match and for its rank.
    document = F(f"search_document__document_{language}")
    matching = queryset.filter(
        Matches(document, Value(text), language=language), search_document__isnull=False
    )
    return matching.annotate(search_rank=Rank(document, Value(text), language=language))


def match_ids(text, using=None, language=None):
    """The ids of every case (of any status) matching `text` in `language`, as comma-separated
    text, or None for no search; one index scan, without ranking (no document is read whole)."""
    from django.db import connection, connections

    language = search_language(language)
    text = websearch_text(clean_text(text))
    if not text:
        return None
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(
            f"SELECT string_agg(case_id::text, ',') FROM case_search "
            f"WHERE document_{language} @@ {_query(language)}",
            [text],
        )
        return cursor.fetchone()[0] or ""


def ranked_ids(text, *, within=None, limit=None, using=None, language=None):
    """Ids of the cases matching `text` in `language`, best first (ties: newest id first), from
    the index alone; only those in `within` (a list of ids) if given, and at most `limit`."""
    from django.db import connection, connections

    language = search_language(language)
    text = websearch_text(clean_text(text))
    if not text:
        return []
    document = f"document_{language}"
    sql = f"SELECT case_id FROM case_search WHERE {document} @@ {_query(language)}"
    params = [text]
    if within is not None:
        sql += " AND case_id = ANY(%s)"
        params.append(list(within))
    rank = RANK_SQL.format(document=document, query=_query(language))
    sql += f" ORDER BY {rank} DESC, case_id DESC"
    params.append(text)
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def snippets(ids, text, language=None):
    """Excerpts of the summary a page in `language` shows, with the matches marked."""
    from django.db import connection

    language = search_language(language)
    text = websearch_text(text)
    if not text or not ids:
        return {}
    summary = f"coalesce({case_text('summary', language)}, '')"
    # The Arabic stemmer reads through tashkeel itself, so Arabic excerpts keep their vowels.
    shown = summary if language == "ar" else fold_sql(summary)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, ts_headline('{CONFIGS[language]}', {shown}, {_query(language)}, %s) "
            "FROM cases_case c WHERE id = ANY(%s)",
            [text, HEADLINE_OPTIONS, list(ids)],
        )
        return dict(cursor.fetchall())


DOCUMENTS = tuple(f"document_{language}" for language in LANGUAGE_CODES)
CREATE_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS case_search_{document}_idx ON case_search USING gin ({document})"
    for document in DOCUMENTS
]


def _vector(language, weight, text):
    folded = fold_sql(f"coalesce({text}, '')")
    return f"setweight(to_tsvector('{CONFIGS[language]}', {folded}), '{weight}')"


def _document(language):
    body, takeaways = case_text("body", language), case_text("takeaways", language)
    rest = f"concat_ws(' ', {body}, ({takeaways})::text, actors.names, pillars.names_{language})"
    return " || ".join(
        (
            _vector(language, "A", case_text("title", language)),
            _vector(language, "B", case_text("summary", language)),
            _vector(language, "C", rest),
        )
    )


PILLAR_NAMES = ", ".join(
    f"string_agg({pillar_name(language)}, ' ') AS names_{language}" for language in LANGUAGE_CODES
)
REFRESH = f"""
CREATE OR REPLACE FUNCTION case_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_search (case_id, {", ".join(DOCUMENTS)})
  SELECT c.id, {", ".join(_document(language) for language in LANGUAGE_CODES)}
  FROM cases_case c JOIN (SELECT DISTINCT unnest(ids) AS id) AS changed ON changed.id = c.id
  LEFT JOIN LATERAL (
    SELECT string_agg(a.name, ' ') AS names FROM cases_caseactor ca
    JOIN cases_actor a ON a.id = ca.actor_id WHERE ca.case_id = c.id
  ) AS actors ON true
  LEFT JOIN LATERAL (
    SELECT {PILLAR_NAMES}
    FROM cases_case_pillars cp JOIN pillars_pillar p ON p.id = cp.pillar_id
    WHERE cp.case_id = c.id
  ) AS pillars ON true
  ON CONFLICT (case_id) DO UPDATE SET
    {", ".join(f"{document} = EXCLUDED.{document}" for document in DOCUMENTS)};
$$;
"""


def _changed(columns, new="n", old="o"):
    return (
        f"({', '.join(f'{new}.{column}::text' for column in columns)}) IS DISTINCT FROM "
        f"({', '.join(f'{old}.{column}::text' for column in columns)})"
    )


FUNCTIONS = {
    "case_search_case_written": f"""
        IF TG_OP = 'DELETE' THEN
          DELETE FROM case_search WHERE case_id IN (SELECT id FROM old_rows);
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM case_search_refresh(ARRAY(SELECT id FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM case_search_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE {_changed(CASE_COLUMNS)}));
        END IF;
        RETURN NULL;""",
    "case_search_link_written": """
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM case_search_refresh(ARRAY(SELECT case_id FROM new_rows));
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          PERFORM case_search_refresh(ARRAY(SELECT case_id FROM old_rows));
        END IF;
        RETURN NULL;""",
    "case_search_actor_renamed": """
        PERFORM case_search_refresh(ARRAY(
          SELECT ca.case_id FROM cases_caseactor ca
          JOIN new_rows n ON n.id = ca.actor_id JOIN old_rows o ON o.id = n.id
          WHERE n.name IS DISTINCT FROM o.name));
        RETURN NULL;""",
    "case_search_pillar_renamed": f"""
        PERFORM case_search_refresh(ARRAY(
          SELECT cp.case_id FROM cases_case_pillars cp
          JOIN new_rows n ON n.id = cp.pillar_id JOIN old_rows o ON o.id = n.id
          WHERE {_changed(PILLAR_COLUMNS)}));
        RETURN NULL;""",
    "case_search_truncated": """
        TRUNCATE case_search;
        RETURN NULL;""",
}

# (trigger name, event, table, function). PostgreSQL allows transition tables only on
# single-event triggers, hence one trigger per event.
TRIGGERS = [
    *(
        (f"case_search_case_{event.lower()}", event, "cases_case", "case_search_case_written")
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    *(
        (f"case_search_{table}_{event.lower()}", event, table, "case_search_link_written")
        for table in ("cases_caseactor", "cases_case_pillars")
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    ("case_search_actor_update", "UPDATE", "cases_actor", "case_search_actor_renamed"),
    ("case_search_pillar_update", "UPDATE", "pillars_pillar", "case_search_pillar_renamed"),
    ("case_search_case_truncate", "TRUNCATE", "cases_case", "case_search_truncated"),
]


def _transitions(event):
    return {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
        "TRUNCATE": "",
    }[event]


def install(connection, *, rebuild=False):
    with connection.cursor() as cursor:
        _install_configurations(cursor)
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'case_search' "
            "AND column_name = ANY(%s)",
            [list(DOCUMENTS)],
        )
        (columns,) = cursor.fetchone()
        if columns != len(DOCUMENTS):
            # Missing, or an older shape (one English document per case): made anew.
            cursor.execute("DROP TABLE IF EXISTS case_search")
        columns_sql = ", ".join(f"{document} tsvector NOT NULL" for document in DOCUMENTS)
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS case_search (case_id bigint PRIMARY KEY, {columns_sql})"
        )
        for statement in CREATE_INDEXES:
            cursor.execute(statement)
        cursor.execute(REFRESH)
        for name, body in FUNCTIONS.items():
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body} END $$;"
            )
        for name, event, table, function in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cursor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} {_transitions(event)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    if columns != len(DOCUMENTS) or rebuild:
        _rebuild(connection)


# What case_search_refresh reads.
SOURCE_TABLES = (
    "cases_case",
    "cases_caseactor",
    "cases_actor",
    "cases_case_pillars",
    "pillars_pillar",
)


def _rebuild(connection):
    """Index every case again, in one transaction (searches wait for it).

    ANALYZE first: after a bulk load the planner has no statistics for the new rows, and plans
    the refresh's per-case subqueries badly (100,000 cases loaded into an empty database: the
    refresh took 180 s without it, 23 s with it). The GIN index is built once at the end, far
    cheaper than inserting every document into it one by one.
    """
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(SOURCE_TABLES)}")
        for document in DOCUMENTS:
            cursor.execute(f"DROP INDEX IF EXISTS case_search_{document}_idx")
        cursor.execute("TRUNCATE case_search")
        cursor.execute("SELECT case_search_refresh(ARRAY(SELECT id FROM cases_case))")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in CREATE_INDEXES:
            cursor.execute(statement)
        cursor.execute("ANALYZE case_search")


def uninstall_triggers(connection):
    """Drop the triggers (not the index), for a bulk load; install(rebuild=True) after it.

    Migrations keep them: PostgreSQL alters tables in place (see cases/apps.py).
    """
    with connection.cursor() as cursor:
        for name, _event, table, _function in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
