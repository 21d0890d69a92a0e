"""SQLite full-text search: an FTS5 table per language whose rowid is the case id.

`case_search` (English), `case_search_fr` and `case_search_ar` hold the text a page in that
language shows (texts.py). Columns mirror PostgreSQL's weights: title, summary, and the rest
(body, takeaways, actor and pillar names); bm25 weighs them 10, 4 and 1.

FTS5 stems English only (porter). The French and Arabic tables hold their text already folded
and stemmed by Python's Snowball stemmers (words.py), through the SQL function
`nlc_search_text(language, text)` that every connection registers (cases/apps.py); queries go
through the same function's Python side, so both meet on the same stems. As those tables hold
stems, their excerpts are cut in Python from the summary itself (markers.excerpt).

Row triggers keep the tables current. SQLite drops a table's triggers when Django rebuilds the
table in a migration, and refuses to rename tables that other triggers mention, so the triggers
are dropped before `migrate` and installed (with a rebuild of the index) after it; see
cases/apps.py. A bulk load does the same (bench/generator.py): with the triggers on, every link
row would index its case's text again.
"""

from django.db.models import BooleanField, F, FloatField, Func, Value

from core.languages import LANGUAGE_CODES

from .markers import MARK_END, MARK_START, clean_text, excerpt
from .query import fts5_query, parse
from .texts import CASE_COLUMNS, PILLAR_COLUMNS, case_text, pillar_name, search_language
from .words import fold_arabic, index_text, term, terms

TABLES = {"en": "case_search", "fr": "case_search_fr", "ar": "case_search_ar"}
RELATIONS = {"en": "full_text_entry", "fr": "full_text_entry_fr", "ar": "full_text_entry_ar"}
TOKENIZERS = {
    "en": "porter unicode61 remove_diacritics 2",
    "fr": "unicode61 remove_diacritics 2",
    "ar": "unicode61 remove_diacritics 2",
}
FUNCTION = "nlc_search_text"


def search_text(language, text):
    """What `nlc_search_text(language, text)` gives: the text as `language`'s table holds it."""
    if text is None:
        return ""
    if language in ("fr", "ar"):
        return index_text(language, text)
    # FTS5's tokenizer cuts words at combining marks; porter does the rest.
    return fold_arabic(text)


def register_functions(dbapi_connection):
    """Give a new SQLite connection the function the triggers call."""
    dbapi_connection.create_function(FUNCTION, 2, search_text, deterministic=True)


def _rest(language):
    return f"""
    coalesce({case_text("body", language)}, '') || ' ' ||
    coalesce((SELECT group_concat(value, ' ')
              FROM json_each(coalesce({case_text("takeaways", language)}, '[]'))), '') || ' ' ||
    coalesce((SELECT group_concat(a.name, ' ') FROM cases_caseactor ca
              JOIN cases_actor a ON a.id = ca.actor_id WHERE ca.case_id = c.id), '') || ' ' ||
    coalesce((SELECT group_concat({pillar_name(language)}, ' ') FROM cases_case_pillars cp
              JOIN pillars_pillar p ON p.id = cp.pillar_id WHERE cp.case_id = c.id), '')
    """


def _prepared(language, sql):
    return f"{FUNCTION}('{language}', {sql})"


def _select(language):
    return (
        f"SELECT c.id, {_prepared(language, case_text('title', language))}, "
        f"{_prepared(language, case_text('summary', language))}, "
        f"{_prepared(language, _rest(language))} FROM cases_case c"
    )


def _insert(language, case_id):
    return (
        f"INSERT INTO {TABLES[language]} (rowid, title, summary, rest) "
        f"{_select(language)} WHERE c.id = {case_id};"
    )


def _refresh_rest(language, case_ids):
    table = TABLES[language]
    return (
        f"UPDATE {table} SET rest = (SELECT {_prepared(language, _rest(language))} "
        f"FROM cases_case c WHERE c.id = {table}.rowid) WHERE rowid IN ({case_ids});"
    )


def _each_language(statement, *args):
    return " ".join(statement(language, *args) for language in LANGUAGE_CODES)


def _delete(language, case_id):
    return f"DELETE FROM {TABLES[language]} WHERE rowid = {case_id};"


TRIGGERS = {
    "case_search_case_insert": (
        f"AFTER INSERT ON cases_case BEGIN {_each_language(_insert, 'new.id')} END"
    ),
    "case_search_case_update": (
        f"AFTER UPDATE OF {', '.join(CASE_COLUMNS)} ON cases_case BEGIN "
        f"{_each_language(_delete, 'old.id')} {_each_language(_insert, 'new.id')} END"
    ),
    "case_search_case_delete": (
        f"AFTER DELETE ON cases_case BEGIN {_each_language(_delete, 'old.id')} END"
    ),
    **{
        f"case_search_{table}_{event}": (
            f"AFTER {event.upper()} ON {table} BEGIN "
            f"{_each_language(_refresh_rest, ', '.join(f'{row}.case_id' for row in rows))} END"
        )
        for table in ("cases_caseactor", "cases_case_pillars")
        for event, rows in (("insert", ["new"]), ("update", ["old", "new"]), ("delete", ["old"]))
    },
    "case_search_actor_update": (
        "AFTER UPDATE OF name ON cases_actor BEGIN "
        + _each_language(
            _refresh_rest, "SELECT case_id FROM cases_caseactor WHERE actor_id = new.id"
        )
        + " END"
    ),
    "case_search_pillar_update": (
        f"AFTER UPDATE OF {', '.join(PILLAR_COLUMNS)} ON pillars_pillar BEGIN "
        + _each_language(
            _refresh_rest, "SELECT case_id FROM cases_case_pillars WHERE pillar_id = new.id"
        )
        + " END"
    ),
}


class Match(Func):
    template = "(%(expressions)s)"
    arg_joiner = " MATCH "
    output_field = BooleanField()


class Rank(Func):
    template = "-bm25(%(expressions)s, 10.0, 4.0, 1.0)"
    output_field = FloatField()


def _stemmed(language):
    """How query words become the forms `language`'s table holds (None: FTS5 does it)."""
    if language == "en":
        return None
    return lambda words: tuple(terms(language, " ".join(words)))


def search(queryset, text, language=None):
    language = search_language(language)
    expression = fts5_query(clean_text(text), _stemmed(language))
    if not expression:
        return queryset
    # One join with the FTS5 table: bm25 needs every match in one scan (a subquery per case
    # would rescan the index for each of them).
    relation = RELATIONS[language]
    document = F(f"{relation}__document")
    # isnull=False makes the join INNER: FTS5 refuses MATCH on the nullable side of a LEFT JOIN.
    matching = queryset.filter(Match(document, Value(expression)), **{f"{relation}__isnull": False})
    return matching.annotate(search_rank=Rank(document))


def match_ids(text, using=None, language=None):
    """The ids of every case (of any status) matching `text` in `language`, as comma-separated
    text, or None for no search; one index scan, without ranking."""
    from django.db import connection, connections

    language = search_language(language)
    expression = fts5_query(clean_text(text), _stemmed(language))
    if not expression:
        return None
    table = TABLES[language]
    with (connections[using] if using else connection).cursor() as cursor:
        cursor.execute(
            f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s", [expression]
        )
        return cursor.fetchone()[0] or ""


def ranked_ids(text, *, within=None, limit=None, using=None, language=None):
    """Ids of the cases matching `text` in `language`, best first (ties: newest id first), from
    the index alone; only those in `within` (a list of ids) if given, and at most `limit`.

    FTS5 looks a `rowid IN (...)` up one rowid at a time, running the MATCH again for each, so
    `within` is applied here, to the ranked ids as they are read.
    """
    from django.db import connection, connections

    language = search_language(language)
    expression = fts5_query(clean_text(text), _stemmed(language))
    if not expression:
        return []
    table = TABLES[language]
    wanted = set(within) if within is not None else None
    sql = (
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s "
        f"ORDER BY bm25({table}, 10.0, 4.0, 1.0), rowid DESC"
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


def snippets(ids, text, language=None):
    """Excerpts of the summary a page in `language` shows, with the matches marked."""
    language = search_language(language)
    expression = fts5_query(text, _stemmed(language))
    if not expression or not ids:
        return {}
    if language == "en":
        return _fts5_snippets(ids, expression)
    wanted = {
        found
        for group in parse(text)
        for item in group
        if not item.excluded
        for found in terms(language, " ".join(item.words))
    }
    summaries = _read(
        f"SELECT c.id, {case_text('summary', language)} FROM cases_case c "
        f"WHERE c.id IN ({', '.join(['%s'] * len(ids))})",
        list(ids),
    )
    found = {}
    for case_id, summary in summaries:
        marked = excerpt(summary or "", lambda word: term(language, word) in wanted)
        if marked:
            found[case_id] = marked
    return found


def _fts5_snippets(ids, expression):
    placeholders = ", ".join(["%s"] * len(ids))
    return dict(
        _read(
            "SELECT rowid, snippet(case_search, 1, %s, %s, ' … ', 40) FROM case_search "
            f"WHERE case_search MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, expression, *ids],
        )
    )


def _read(sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def install(connection, *, rebuild=False):
    with connection.cursor() as cursor:
        for language, table in TABLES.items():
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [table])
            (exists,) = cursor.fetchone()
            if rebuild and exists:
                # A new table, not DELETE: FTS5 would tokenize every old row again to unindex
                # it (24 s at 100,000 cases), and keep the deleted entries until segments merge.
                cursor.execute(f"DROP TABLE {table}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
                f"title, summary, rest, tokenize = '{TOKENIZERS[language]}')"
            )
            if rebuild or not exists:
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, summary, rest) {_select(language)}"
                )
        for name, definition in TRIGGERS.items():
            # Made anew: an older definition may watch columns that changed since.
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"CREATE TRIGGER {name} {definition}")


def uninstall_triggers(connection):
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
