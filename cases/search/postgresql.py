"""PostgreSQL full-text search: a weighted tsvector per case with a GIN index.

Title weighs A, summary B, and the body, takeaways, actor and pillar names C. Queries use
websearch_to_tsquery on the visitor's text as cases/search/query.py reads it (several words,
"quoted phrases", -excluded, OR), rewritten so that it is bounded and never an error.
Statement-level triggers with transition tables refresh the documents of every case a
statement touched, so bulk writes cost one pass.
"""

from django.db import transaction
from django.db.models import BooleanField, F, FloatField, Func, Value

from .markers import MARK_END, MARK_START, clean_text
from .query import websearch_text

CONFIG = "english"
QUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"  # D, C, B, A
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=40, MinWords=20, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


class _OnDocument(Func):
    """`template` applied to a document column and a query text."""

    def as_sql(self, compiler, connection, **extra):
        document, query = (compiler.compile(arg) for arg in self.get_source_expressions())
        sql = self.template.format(document=document[0], query=QUERY.replace("%s", query[0]))
        return sql, [*document[1], *query[1]]


class Matches(_OnDocument):
    template = "({document} @@ {query})"
    output_field = BooleanField()


# (The weights' braces are doubled for str.format.)
RANK_SQL = "ts_rank(" + WEIGHTS.replace("{", "{{").replace("}", "}}") + ", {document}, {query})"


class Rank(_OnDocument):
    template = RANK_SQL
    output_field = FloatField()


def search(queryset, text):
    text = websearch_text(clean_text(text))
    if not text:
        return queryset
    # A join: each matching document is read once, for the match and for its rank.
    document = F("search_document__document")
    matching = queryset.filter(Matches(document, Value(text)), search_document__isnull=False)
    return matching.annotate(search_rank=Rank(document, Value(text)))


def match_ids(text, using=None):
    """The ids of every case (of any status) matching `text`, as comma-separated text, or None
    for no search; one index scan, without ranking (no document is read whole)."""
    from django.db import connection, connections

    text = websearch_text(clean_text(text))
    if not text:
        return None
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(
            f"SELECT string_agg(case_id::text, ',') FROM case_search WHERE document @@ {QUERY}",
            [text],
        )
        return cursor.fetchone()[0] or ""


def ranked_ids(text, *, within=None, limit=None, using=None):
    """Ids of the cases matching `text`, best first (ties: newest id first), from the index
    alone; only those in `within` (a list of ids) if given, and at most `limit`."""
    from django.db import connection, connections

    text = websearch_text(clean_text(text))
    if not text:
        return []
    sql = f"SELECT case_id FROM case_search WHERE document @@ {QUERY}"
    params = [text]
    if within is not None:
        sql += " AND case_id = ANY(%s)"
        params.append(list(within))
    rank = RANK_SQL.format(document="document", query=QUERY)
    sql += f" ORDER BY {rank} DESC, case_id DESC"
    params.append(text)
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def snippets(ids, text):
    from django.db import connection

    text = websearch_text(text)
    if not text or not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, ts_headline('{CONFIG}', summary, {QUERY}, %s) "
            "FROM cases_case WHERE id = ANY(%s)",
            [text, HEADLINE_OPTIONS, list(ids)],
        )
        return dict(cursor.fetchall())


CREATE_INDEX = (
    "CREATE INDEX IF NOT EXISTS case_search_document_idx ON case_search USING gin (document)"
)

REFRESH = """
CREATE OR REPLACE FUNCTION case_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO case_search (case_id, document)
  SELECT c.id,
         setweight(to_tsvector('english', c.title), 'A')
      || setweight(to_tsvector('english', c.summary), 'B')
      || setweight(to_tsvector('english', concat_ws(' ', c.body, c.takeaways::text,
           (SELECT string_agg(a.name, ' ') FROM cases_caseactor ca
              JOIN cases_actor a ON a.id = ca.actor_id WHERE ca.case_id = c.id),
           (SELECT string_agg(p.name, ' ') FROM cases_case_pillars cp
              JOIN pillars_pillar p ON p.id = cp.pillar_id WHERE cp.case_id = c.id))), 'C')
  FROM cases_case c JOIN (SELECT DISTINCT unnest(ids) AS id) AS changed ON changed.id = c.id
  ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document;
$$;
"""

FUNCTIONS = {
    "case_search_case_written": """
        IF TG_OP = 'DELETE' THEN
          DELETE FROM case_search WHERE case_id IN (SELECT id FROM old_rows);
        ELSIF TG_OP = 'INSERT' THEN
          PERFORM case_search_refresh(ARRAY(SELECT id FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM case_search_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.title, n.summary, n.body, n.takeaways::text)
                  IS DISTINCT FROM (o.title, o.summary, o.body, o.takeaways::text)));
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
    "case_search_pillar_renamed": """
        PERFORM case_search_refresh(ARRAY(
          SELECT cp.case_id FROM cases_case_pillars cp
          JOIN new_rows n ON n.id = cp.pillar_id JOIN old_rows o ON o.id = n.id
          WHERE n.name IS DISTINCT FROM o.name));
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
        cursor.execute("SELECT to_regclass('case_search') IS NULL")
        (missing,) = cursor.fetchone()
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS case_search "
            "(case_id bigint PRIMARY KEY, document tsvector NOT NULL)"
        )
        cursor.execute(CREATE_INDEX)
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
    if missing or rebuild:
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
        cursor.execute("DROP INDEX IF EXISTS case_search_document_idx")
        cursor.execute("TRUNCATE case_search")
        cursor.execute("SELECT case_search_refresh(ARRAY(SELECT id FROM cases_case))")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(CREATE_INDEX)
        cursor.execute("ANALYZE case_search")


def uninstall_triggers(connection):
    """Drop the triggers (not the index), for a bulk load; install(rebuild=True) after it.

    Migrations keep them: PostgreSQL alters tables in place (see cases/apps.py).
    """
    with connection.cursor() as cursor:
        for name, _event, table, _function in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
