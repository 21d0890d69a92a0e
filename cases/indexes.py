"""Indexes Django cannot declare, kept in place after every migrate (see cases/apps.py).

Two are on the auto-created link tables, which have no Meta of their own. The third needs the
NULLS LAST order of the default "newest" sort on PostgreSQL (SQLite puts NULLs last in a
DESC order anyway), so the unfiltered list reads 20 index entries instead of sorting every
published case. They are created here rather than in a migration because SQLite rebuilds a
table from its model state whenever a later migration alters it, dropping raw indexes.
"""

INDEXES = [
    # Pillar filter and facet: the case ids of a pillar, from the index alone.
    ("case_pillars_by_pillar_idx", "cases_case_pillars", "pillar_id, case_id"),
    # Country filter and facet: the case ids of a country, from the index alone.
    ("case_countries_by_country_idx", "cases_case_countries", "country_id, case_id"),
    # The default sort (newest first, undated last, id breaking ties) over published cases.
    (
        "case_newest_idx",
        "cases_case",
        {
            "postgresql": (
                "status, start_year DESC NULLS LAST, start_month DESC NULLS LAST, id DESC"
            ),
            "sqlite": "status, start_year DESC, start_month DESC, id DESC",
        },
    ),
    # The bitset index's build (cases/listing/bitsets.py): the published cases' periods from the
    # index alone, without reading the wide case rows.
    ("case_periods_idx", "cases_case", "status, deleted_at, start_year, end_year, id"),
    # The "oldest" sort (undated last). SQLite cannot put NULLs last in an ascending index, so
    # there it sorts the matching rows instead.
    (
        "case_oldest_idx",
        "cases_case",
        {"postgresql": "status, start_year ASC NULLS LAST, start_month ASC NULLS LAST, id ASC"},
    ),
]


def install(connection):
    with connection.cursor() as cursor:
        for name, table, columns in INDEXES:
            if isinstance(columns, dict):
                columns = columns.get(connection.vendor)
            if not columns:
                continue
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
