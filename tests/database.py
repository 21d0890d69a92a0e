"""What the test database can tell about itself, for tests that open or close connections."""

import time

from django.db import connection


def other_sessions():
    """Other sessions on the test database (PostgreSQL), once closed ones' server processes
    have gone: a backend leaves pg_stat_activity a moment after its connection closes."""
    for _attempt in range(250):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            count = cursor.fetchone()[0]
        if not count:
            break
        time.sleep(0.02)
    return count
