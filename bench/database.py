"""The benchmark's own database: created when a run starts, dropped when it ends.

PostgreSQL: a new database with a unique name on the server of `server_url` (a URL whose
database part is ignored: the statements run in `postgres`). SQLite: a file in a new
temporary folder.
Nothing else is ever dropped: `drop` refuses a database that `create` did not name.
"""

import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

PREFIX = "nlc_bench_"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def create(kind, *, server_url=POSTGRES_SERVER):
    """A new, empty database of `kind` (sqlite or postgres); returns its DATABASE_URL."""
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    if kind != "postgres":
        raise ValueError(f"The benchmark runs on sqlite or postgres, not {kind!r}.")
    name = f"{PREFIX}{secrets.token_hex(6)}"
    _on_server(server_url, f'CREATE DATABASE "{name}"')
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop(url):
    """Drop a database that `create` made, closing any connection still open to it."""
    settings = dj_database_url.parse(url)
    path = Path(settings["NAME"])
    sqlite = settings["ENGINE"].endswith("sqlite3")
    if not (path.parent if sqlite else path).name.startswith(PREFIX):
        raise ValueError(f"{url} is not a benchmark database; not dropping it.")
    if sqlite:
        for file in path.parent.glob(f"{path.name}*"):  # with its -wal, -shm or -journal
            file.unlink()
        path.parent.rmdir()
    else:
        _on_server(url, f'DROP DATABASE IF EXISTS "{path.name}" WITH (FORCE)')


def exists(url):
    settings = dj_database_url.parse(url)
    if settings["ENGINE"].endswith("sqlite3"):
        return Path(settings["NAME"]).parent.exists()
    query = "SELECT 1 FROM pg_database WHERE datname = %s"
    return bool(_on_server(url, query, [settings["NAME"]]))


@contextmanager
def temporary(kind, *, server_url=POSTGRES_SERVER):
    """A database of the run's own, dropped at the end whatever happens (an error, Ctrl-C)."""
    url = create(kind, server_url=server_url)
    try:
        yield url
    finally:
        drop(url)


def _on_server(url, statement, params=None):
    """Run `statement` in the `postgres` database of the server of `url`."""
    import psycopg

    server_url = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server_url, autocommit=True) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchall() if cursor.description else None
