"""The benchmark's own database: there when a run starts, gone when it ends, whatever happens."""

import sqlite3

import dj_database_url
import psycopg
import pytest
from django.conf import settings

from bench import database


def options(kind):
    """Where `kind` is made: PostgreSQL on the test database's server, when there is one."""
    if kind == "sqlite":
        return {}
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        pytest.skip("Needs PostgreSQL: set DATABASE_URL.")
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return {"server_url": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/"}


def connect(url):
    if url.startswith("sqlite"):
        return sqlite3.connect(dj_database_url.parse(url)["NAME"])
    return psycopg.connect(url)


def use(url):
    """Write and read a row, as the benchmark would."""
    with connect(url) as connection:
        connection.execute("CREATE TABLE probe (id integer)")
        connection.execute("INSERT INTO probe VALUES (1)")
        return connection.execute("SELECT count(*) FROM probe").fetchone()[0]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_run_gets_a_new_empty_database_that_is_dropped_at_its_end(kind):
    where = options(kind)

    with database.temporary(kind, **where) as url, database.temporary(kind, **where) as other:
        assert url != other
        assert database.exists(url)
        assert use(url) == 1
        assert use(other) == 1  # empty too: no table from the first

    assert not database.exists(url)
    assert not database.exists(other)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_database_is_dropped_after_an_error_or_ctrl_c(kind):
    with pytest.raises(KeyboardInterrupt), database.temporary(kind, **options(kind)) as url:
        use(url)
        # A connection left open (gunicorn's, say) does not keep the database alive.
        left_open = connect(url)
        raise KeyboardInterrupt

    assert not database.exists(url)
    left_open.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/nlc_export_dev",
        "postgres://postgres@127.0.0.1:5432/postgres",
        "sqlite:////tmp/db.sqlite3",
    ],
)
def test_only_a_benchmark_database_is_ever_dropped(url):
    with pytest.raises(ValueError, match="not a benchmark database"):
        database.drop(url)
