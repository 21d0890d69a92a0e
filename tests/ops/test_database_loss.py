"""The database goes away under traffic: visitors get the 503 page, and the app recovers alone.

A real gunicorn serves the test database. Mid-traffic the database stops accepting connections
and every connection the app holds is terminated (pg_terminate_backend); later it comes back.
"""

import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.factories import CaseFactory

from .processes import child_database_url, child_env, free_port, gunicorn

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: it cuts a live server's connections; SQLite has no server",
    ),
    pytest.mark.django_db(transaction=True),
]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def set_database_available(available):
    """Stop (or resume) the test database accepting connections, and cut the app's ones.

    Done from the cluster's maintenance database, as PostgreSQL refuses this from a
    connection to the database itself. The test's own connection survives the outage.
    """
    import psycopg

    db = connection.settings_dict
    connection.ensure_connection()
    own_pid = connection.connection.info.backend_pid
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'ALTER DATABASE "{db["NAME"]}" ALLOW_CONNECTIONS {str(available).lower()}')
        if not available:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> %s",
                [db["NAME"], own_pid],
            )


def test_losing_the_database_gives_503_pages_and_the_app_recovers(pillars, countries):
    CaseFactory(title="Still here after the outage", pillars=[pillars["trust"]])
    url = child_database_url()
    base = f"http://127.0.0.1:{free_port()}"
    statuses, stop = [], threading.Event()

    def traffic():
        while not stop.is_set():
            statuses.append(fetch(f"{base}/cases/")[0])
            time.sleep(0.02)

    # The test settings: the real ones, with static files served without a collectstatic run.
    env = child_env(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="tests.settings")
    with gunicorn(base, env=env):
        assert fetch(f"{base}/cases/")[0] == 200
        background = threading.Thread(target=traffic)
        background.start()
        try:
            time.sleep(0.5)
            set_database_available(False)
            try:
                time.sleep(0.5)  # the background visitors meet the outage too
                for _request in range(6):
                    status, page = fetch(f"{base}/cases/")
                    assert status == 503
                    assert "The catalogue is briefly unavailable" in page
                    assert 'class="site-header"' in page  # the site's own design
                    assert "Traceback" not in page and "OperationalError" not in page
                assert fetch(f"{base}/healthz")[0] == 503
            finally:
                set_database_available(True)
            time.sleep(0.5)
            for _request in range(6):
                status, page = fetch(f"{base}/cases/")
                assert status == 200
                assert "Still here after the outage" in page
            assert fetch(f"{base}/healthz")[0] == 200
        finally:
            stop.set()
            background.join()
    assert set(statuses) <= {200, 503}, statuses
    assert 200 in statuses and 503 in statuses
