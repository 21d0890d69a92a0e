"""The release as one SQLite file: cases, countries, pillars, actors, their links, sources,
and an FTS5 index over the cases' text, ready for Datasette or any SQLite tool.

Built with the standard library from the frozen records, a case at a time.
"""

import json
import sqlite3

from cases.models.case import year_month

SCHEMA = """
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    permalink TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    takeaways TEXT NOT NULL,  -- a JSON array of text
    period_start TEXT,
    period_end TEXT,
    start_year INTEGER,
    start_month INTEGER,
    end_year INTEGER,
    end_month INTEGER,
    completeness INTEGER,  -- criteria met, 0 to 5
    completeness_missing TEXT,  -- a JSON array of the criteria not met
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL);
CREATE TABLE pillars (slug TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE actors (
    slug TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL
);
CREATE TABLE case_countries (
    case_slug TEXT NOT NULL REFERENCES cases(slug),
    country_code TEXT NOT NULL REFERENCES countries(code),
    PRIMARY KEY (case_slug, country_code)
);
CREATE TABLE case_pillars (
    case_slug TEXT NOT NULL REFERENCES cases(slug),
    pillar_slug TEXT NOT NULL REFERENCES pillars(slug),
    PRIMARY KEY (case_slug, pillar_slug)
);
CREATE TABLE case_actors (
    case_slug TEXT NOT NULL REFERENCES cases(slug),
    position INTEGER NOT NULL,
    actor_slug TEXT NOT NULL REFERENCES actors(slug),
    role TEXT NOT NULL,
    PRIMARY KEY (case_slug, position)
);
CREATE TABLE sources (
    case_slug TEXT NOT NULL REFERENCES cases(slug),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    PRIMARY KEY (case_slug, position)
);
CREATE INDEX case_countries_country ON case_countries (country_code);
CREATE INDEX case_pillars_pillar ON case_pillars (pillar_slug);
CREATE INDEX case_actors_actor ON case_actors (actor_slug);
-- External content: the index reads the text from the cases table (Datasette finds it so).
CREATE VIRTUAL TABLE cases_fts USING fts5(
    title, summary, body, takeaways, content='cases', content_rowid='id'
);
"""

# The tables a Data Package ships beside cases.csv, with their columns in order.
RELATION_TABLES = {
    "countries": ("code", "name", "region"),
    "pillars": ("slug", "name"),
    "actors": ("slug", "name", "kind", "level"),
    "case_countries": ("case_slug", "country_code"),
    "case_pillars": ("case_slug", "pillar_slug"),
    "case_actors": ("case_slug", "position", "actor_slug", "role"),
    "sources": ("case_slug", "position", "title", "publisher", "url", "published"),
}


def build_sqlite(path, records):
    """Write the database of `records` to `path` (a new file)."""
    database = sqlite3.connect(path)
    try:
        database.executescript(SCHEMA)
        with database:
            for record in records:
                _insert(database, record)
            database.execute("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")
        database.execute("VACUUM")
    finally:
        database.close()


def _insert(database, record):
    slug, period = record["slug"], record["period"]
    database.execute(
        "INSERT INTO cases (slug, title, permalink, summary, body, takeaways, period_start, "
        "period_end, start_year, start_month, end_year, end_month, completeness, "
        "completeness_missing, created, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            slug,
            record["title"],
            record["permalink"],
            record["summary"],
            record["body"],
            json.dumps(record["takeaways"], ensure_ascii=False),
            year_month(period["start_year"], period["start_month"]) or None,
            year_month(period["end_year"], period["end_month"]) or None,
            period["start_year"],
            period["start_month"],
            period["end_year"],
            period["end_month"],
            record["completeness"],
            json.dumps(record["completeness_missing"]),
            record["created"],
            record["updated"],
        ),
    )
    many = database.executemany
    countries = record["countries"]
    many(
        "INSERT OR IGNORE INTO countries VALUES (?, ?, ?)",
        [(c["code"], c["name"], c["region"]) for c in countries],
    )
    many("INSERT INTO case_countries VALUES (?, ?)", [(slug, c["code"]) for c in countries])
    pillars = record["pillars"]
    many("INSERT OR IGNORE INTO pillars VALUES (?, ?)", [(p["slug"], p["name"]) for p in pillars])
    many("INSERT INTO case_pillars VALUES (?, ?)", [(slug, p["slug"]) for p in pillars])
    actors = record["actors"]
    many(
        "INSERT OR IGNORE INTO actors VALUES (?, ?, ?, ?)",
        [(a["slug"], a["name"], a["kind"], a["level"]) for a in actors],
    )
    many(
        "INSERT INTO case_actors VALUES (?, ?, ?, ?)",
        [(slug, n, a["slug"], a["role"]) for n, a in enumerate(actors, start=1)],
    )
    many(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
        [
            (slug, n, s["title"], s["publisher"], s["url"], s["published"])
            for n, s in enumerate(record["sources"], start=1)
        ],
    )


def table_rows(path, table):
    """The rows of one of RELATION_TABLES, in key order, read a batch at a time."""
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = RELATION_TABLES[table]
        cursor = database.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns[:2])}"
        )
        while rows := cursor.fetchmany(1000):
            yield from rows
    finally:
        database.close()


def most_cited_sources(path, limit):
    """(title, url, publisher) of the sources most cases cite, most cited first."""
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return database.execute(
            "SELECT title, url, publisher FROM sources GROUP BY title, url, publisher "
            "ORDER BY count(*) DESC, title LIMIT ?",
            (limit,),
        ).fetchall()
    finally:
        database.close()
