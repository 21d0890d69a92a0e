"""Which cases each write touched, logged by database triggers, so the bitset index
(cases/listing/bitsets.py) updates the few cases that changed instead of reading them all.

Beside the catalogue version (cache.py), every write to a case or to what the index reads of
it (its pillars, countries, actors, sources, translations' reviews) adds the case's id to
`catalogue_change`. A write that can move many cases at once (an actor's level or kind, a
country's region, a truncation) logs no id, NULL, which means "read everything again".

A reader remembers a *position* with its index and later asks for the cases changed since:
- SQLite runs one writer at a time, so a row's id orders the changes: the position is the
  highest id the reader saw.
- PostgreSQL runs writers side by side and gives out ids before commit, so a later-committed
  transaction can hold a lower id than one already seen. Each row carries its transaction's id
  instead, and the position is the reader's snapshot: the transactions it could not see are
  those still running then (its xip list) and those begun after (from its xmax on).

The log keeps its last LOG_KEPT rows. Whenever it trims older ones, it adds a NULL row, so a
reader whose position predates the trim reads everything again rather than missing a change.
"""

LOG_KEPT = 20_000
TRIM_EVERY = 1_000

# A table whose rows belong to one case -> the column holding the case id.
CASE_COLUMN = {
    "cases_case": "id",
    "cases_case_countries": "case_id",
    "cases_case_pillars": "case_id",
    "cases_caseactor": "case_id",
    "cases_source": "case_id",
    "cases_casetranslation": "case_id",
}
# A vocabulary table -> the columns whose update moves every case linked to the row. Inserting
# or deleting such a row changes no case until a link does (and the links are logged).
GROUPING_COLUMNS = {
    "cases_actor": ("level", "kind"),
    "cases_country": ("region",),
}
EVERYTHING = None


def install(connection):
    """Create the log and its triggers (idempotent) and log EVERYTHING: writes made while the
    triggers were away (a migration, a bulk load) were not logged."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _install_postgresql(cursor)
        else:
            _install_sqlite(cursor)
        cursor.execute("INSERT INTO catalogue_change (case_id) VALUES (NULL)")


def uninstall_triggers(connection):
    with connection.cursor() as cursor:
        for table in [*CASE_COLUMN, *GROUPING_COLUMNS]:
            if connection.vendor == "postgresql":
                for event in ("insert", "update", "delete", "truncate"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_change_{event} ON {table}")
            else:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_change_{table}_{event}")


def position(cursor, *, in_transaction):
    """Where the log stands for a reader now (module docstring), read in its snapshot; None
    when the reader may see its own uncommitted writes (`in_transaction`: it reads inside a
    transaction of its caller's), as what it reads then must not be the base of an update.
    """
    if cursor.db.vendor == "postgresql":
        # A transaction that has written holds a transaction id; one that only read does not.
        cursor.execute(
            "SELECT pg_current_xact_id_if_assigned() IS NULL, "
            "pg_snapshot_xmax(snapshot)::text::bigint, "
            "ARRAY(SELECT pg_snapshot_xip(snapshot)::text::bigint) "
            "FROM pg_current_snapshot() AS snapshot"
        )
        clean, xmax, running = cursor.fetchone()
        return (xmax, tuple(running)) if clean else None
    if in_transaction:
        return None
    cursor.execute("SELECT coalesce(max(id), 0) FROM catalogue_change")
    return cursor.fetchone()[0]


def changed_since(cursor, since, *, limit):
    """The ids of the cases changed since position `since`, or EVERYTHING when a change
    touched many cases at once or more than `limit` cases changed."""
    postgresql = cursor.db.vendor == "postgresql"
    if not isinstance(since, tuple if postgresql else int):
        return EVERYTHING  # a position another database gave: nothing to compare it with
    if postgresql:
        xmax, running = since
        unseen, params = "xact >= %s OR xact = ANY(%s)", [xmax, list(running)]
    else:
        unseen, params = "id > %s", [since]
    cursor.execute(
        f"SELECT DISTINCT case_id FROM catalogue_change WHERE {unseen} LIMIT {int(limit) + 1}",
        params,
    )
    ids = [row[0] for row in cursor.fetchall()]
    if len(ids) > limit or EVERYTHING in ids:
        return EVERYTHING
    return ids


def _install_postgresql(cursor):
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS catalogue_change (id bigserial PRIMARY KEY, "
        "xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint, case_id integer)"
    )
    cursor.execute("CREATE INDEX IF NOT EXISTS catalogue_change_xact ON catalogue_change (xact)")
    # Statement triggers with transition tables: a bulk write logs its cases in one INSERT.
    for table in [*CASE_COLUMN, *GROUPING_COLUMNS]:
        for event in ("insert", "update", "delete", "truncate"):
            cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_change_{event} ON {table}")
        _create_postgresql_trigger(cursor, table, "truncate", "VALUES (NULL)")
    for table, columns in GROUPING_COLUMNS.items():
        event = f"update of {', '.join(columns)}"
        _create_postgresql_trigger(cursor, table, event, "VALUES (NULL)")
    for table, column in CASE_COLUMN.items():
        every = f"SELECT DISTINCT {column} FROM"
        _create_postgresql_trigger(cursor, table, "insert", f"{every} new_rows", "NEW")
        # An update that moves a link to another case changes both.
        both = f"SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows"
        _create_postgresql_trigger(cursor, table, "update", both, "OLD", "NEW")
        _create_postgresql_trigger(cursor, table, "delete", f"{every} old_rows", "OLD")
    cursor.execute(
        "CREATE OR REPLACE FUNCTION catalogue_change_trim() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN DELETE FROM catalogue_change WHERE id <= NEW.id - {LOG_KEPT}; "
        "INSERT INTO catalogue_change (case_id) VALUES (NULL); RETURN NULL; END $$"
    )
    cursor.execute("DROP TRIGGER IF EXISTS catalogue_change_trim ON catalogue_change")
    cursor.execute(
        "CREATE TRIGGER catalogue_change_trim AFTER INSERT ON catalogue_change FOR EACH ROW "
        f"WHEN (NEW.id % {TRIM_EVERY} = 0) EXECUTE FUNCTION catalogue_change_trim()"
    )


def _create_postgresql_trigger(cursor, table, event, case_ids, *transition_tables):
    """A statement trigger logging `case_ids`, a query over the transition tables it names:
    `old_rows` (OLD), `new_rows` (NEW) or both."""
    name = event.split()[0]
    function = f"catalogue_change_{table}_{name}"
    names = {"OLD": "old_rows", "NEW": "new_rows"}
    referencing = " ".join(f"{rows} TABLE AS {names[rows]}" for rows in transition_tables)
    if referencing:
        referencing = f"REFERENCING {referencing} "
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN INSERT INTO catalogue_change (case_id) {case_ids}; RETURN NULL; END $$"
    )
    cursor.execute(
        f"CREATE TRIGGER catalogue_change_{name} AFTER {event.upper()} ON {table} "
        f"{referencing}FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def _install_sqlite(cursor):
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS catalogue_change "
        "(id integer PRIMARY KEY AUTOINCREMENT, case_id integer)"
    )
    for table, columns in GROUPING_COLUMNS.items():
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS catalogue_change_{table}_update "
            f"AFTER UPDATE OF {', '.join(columns)} ON {table} BEGIN "
            "INSERT INTO catalogue_change (case_id) VALUES (NULL); END"
        )
    for table, column in CASE_COLUMN.items():
        logged = {
            "insert": f"VALUES (NEW.{column})",
            "delete": f"VALUES (OLD.{column})",
            # An update that moves a link to another case changes both.
            "update": f"SELECT NEW.{column} UNION SELECT OLD.{column}",
        }
        for event, case_ids in logged.items():
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS catalogue_change_{table}_{event} "
                f"AFTER {event.upper()} ON {table} BEGIN "
                f"INSERT INTO catalogue_change (case_id) {case_ids}; END"
            )
    cursor.execute(
        "CREATE TRIGGER IF NOT EXISTS catalogue_change_trim AFTER INSERT ON catalogue_change "
        f"WHEN NEW.id % {TRIM_EVERY} = 0 BEGIN "
        f"DELETE FROM catalogue_change WHERE id <= NEW.id - {LOG_KEPT}; "
        "INSERT INTO catalogue_change (case_id) VALUES (NULL); END"
    )
