"""SQLite full-text search: an FTS5 table `case_search` whose rowid is the case id.

Columns mirror PostgreSQL's weights: title, summary, and the rest (body, takeaways, actor
and pillar names); bm25 weighs them 10, 4 and 1. Row triggers keep it current. SQLite drops
a table's triggers when Django rebuilds the table in a migration, and refuses to rename
tables that other triggers mention, so the triggers are dropped before `migrate` and
installed (with a rebuild of the index) after it; see cases/apps.py. A bulk load does the same
(bench/generator.py): with the triggers on, every link row would index its case's text again.
"""

from django.db.models import BooleanField, F, FloatField, Func, Value

from .markers import MARK_END, MARK_START, clean_text
from .query import fts5_query

REST = """
    coalesce(c.body, '') || ' ' || coalesce(c.takeaways, '') || ' ' ||
    coalesce((SELECT group_concat(a.name, ' ') FROM cases_caseactor ca
              JOIN cases_actor a ON a.id = ca.actor_id WHERE ca.case_id = c.id), '') || ' ' ||
    coalesce((SELECT group_concat(p.name, ' ') FROM cases_case_pillars cp
              JOIN pillars_pillar p ON p.id = cp.pillar_id WHERE cp.case_id = c.id), '')
"""


def _insert(case_id):
    return (
        "INSERT INTO case_search (rowid, title, summary, rest) "
        f"SELECT c.id, c.title, c.summary, {REST} FROM cases_case c WHERE c.id = {case_id};"
    )


def _refresh_rest(case_ids):
    return (
        f"UPDATE case_search SET rest = (SELECT {REST} FROM cases_case c "
        f"WHERE c.id = case_search.rowid) WHERE rowid IN ({case_ids});"
    )


TRIGGERS = {
    "case_search_case_insert": f"AFTER INSERT ON cases_case BEGIN {_insert('new.id')} END",
    "case_search_case_update": (
        "AFTER UPDATE OF title, summary, body, takeaways ON cases_case BEGIN "
        f"DELETE FROM case_search WHERE rowid = old.id; {_insert('new.id')} END"
    ),
    "case_search_case_delete": (
        "AFTER DELETE ON cases_case BEGIN DELETE FROM case_search WHERE rowid = old.id; END"
    ),
    **{
        f"case_search_{table}_{event}": (
            f"AFTER {event.upper()} ON {table} BEGIN "
            f"{_refresh_rest(', '.join(f'{row}.case_id' for row in rows))} END"
        )
        for table in ("cases_caseactor", "cases_case_pillars")
        for event, rows in (("insert", ["new"]), ("update", ["old", "new"]), ("delete", ["old"]))
    },
    "case_search_actor_update": (
        "AFTER UPDATE OF name ON cases_actor BEGIN "
        f"{_refresh_rest('SELECT case_id FROM cases_caseactor WHERE actor_id = new.id')} END"
    ),
    "case_search_pillar_update": (
        "AFTER UPDATE OF name ON pillars_pillar BEGIN "
        f"{_refresh_rest('SELECT case_id FROM cases_case_pillars WHERE pillar_id = new.id')} END"
    ),
}


class Match(Func):
    template = "(%(expressions)s)"
    arg_joiner = " MATCH "
    output_field = BooleanField()


class Rank(Func):
    template = "-bm25(%(expressions)s, 10.0, 4.0, 1.0)"
    output_field = FloatField()


def search(queryset, text):
    expression = fts5_query(clean_text(text))
    if not expression:
        return queryset
    # One join with the FTS5 table: bm25 needs every match in one scan (a subquery per case
    # would rescan the index for each of them).
    document = F("full_text_entry__document")
    # isnull=False makes the join INNER: FTS5 refuses MATCH on the nullable side of a LEFT JOIN.
    matching = queryset.filter(Match(document, Value(expression)), full_text_entry__isnull=False)
    return matching.annotate(search_rank=Rank(document))


def match_ids(text, using=None):
    """The ids of every case (of any status) matching `text`, as comma-separated text, or None
    for no search; one index scan, without ranking."""
    from django.db import connection, connections

    expression = fts5_query(clean_text(text))
    if not expression:
        return None
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(
            "SELECT group_concat(rowid) FROM case_search WHERE case_search MATCH %s", [expression]
        )
        return cursor.fetchone()[0] or ""


def ranked_ids(text, *, within=None, limit=None, using=None):
    """Ids of the cases matching `text`, best first (ties: newest id first), from the index
    alone; only those in `within` (a list of ids) if given, and at most `limit`.

    FTS5 looks a `rowid IN (...)` up one rowid at a time, running the MATCH again for each, so
    `within` is applied here, to the ranked ids as they are read.
    """
    from django.db import connection, connections

    expression = fts5_query(clean_text(text))
    if not expression:
        return []
    wanted = set(within) if within is not None else None
    sql = (
        "SELECT rowid FROM case_search WHERE case_search MATCH %s "
        "ORDER BY bm25(case_search, 10.0, 4.0, 1.0), rowid DESC"
    )
    params = [expression]
    if limit is not None and wanted is None:
        sql += " LIMIT %s"
        params.append(limit)
    found = []
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(sql, params)
        while limit is None or len(found) < limit:
            rows = cursor.fetchmany(1000)
            if not rows:
                break
            found.extend(row[0] for row in rows if wanted is None or row[0] in wanted)
    return found[:limit] if limit is not None else found


def snippets(ids, text):
    from django.db import connection

    expression = fts5_query(text)
    if not expression or not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, snippet(case_search, 1, %s, %s, ' … ', 40) FROM case_search "
            f"WHERE case_search MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, expression, *ids],
        )
        return dict(cursor.fetchall())


def install(connection, *, rebuild=False):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'case_search'")
        (exists,) = cursor.fetchone()
        if rebuild and exists:
            # A new table, not DELETE: FTS5 would tokenize every old row again to unindex it
            # (24 s at 100,000 cases), and keep the deleted entries until their segments merge.
            cursor.execute("DROP TABLE case_search")
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5("
            "title, summary, rest, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        for name, definition in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {definition}")
        if rebuild or not exists:
            cursor.execute(
                "INSERT INTO case_search (rowid, title, summary, rest) "
                f"SELECT c.id, c.title, c.summary, {REST} FROM cases_case c"
            )


def uninstall_triggers(connection):
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
