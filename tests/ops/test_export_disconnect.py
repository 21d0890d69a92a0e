"""A client that leaves halfway through an export leaves nothing open behind it."""

import gc

import pytest
from django.db import connection

from cases.exports.formats import ROWS_PER_BLOCK
from cases.exports.records import CHUNK_SIZE
from cases.models import Case
from tests.database import other_sessions

# More chunks than an export reads ahead (one), and more than two output blocks.
ROWS = 4 * CHUNK_SIZE + 2 * ROWS_PER_BLOCK


def open_server_side_cursors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        return cursor.fetchone()[0]


def in_transaction():
    if connection.vendor == "postgresql":
        from psycopg.pq import TransactionStatus

        return connection.connection.info.transaction_status != TransactionStatus.IDLE
    return connection.connection.in_transaction


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_closing_an_export_halfway_leaves_no_cursor_or_transaction_open(client, fmt):
    Case.objects.bulk_create(
        Case(title=f"Case {n:05d}", slug=f"case-{n:05d}", summary="S.", status="published")
        for n in range(ROWS)
    )
    response = client.get(f"/cases/export.{fmt}")
    stream = iter(response.streaming_content)
    received = next(stream) + next(stream)
    assert received.count(b"testserver/cases/case-") == ROWS_PER_BLOCK
    if connection.vendor == "postgresql":
        assert open_server_side_cursors() == 1  # the export is mid-way through its query

    response.close()  # what a WSGI server does when the client goes away
    del stream
    gc.collect()  # the test client's own wrapper around the stream, left unfinished

    assert not in_transaction()
    if connection.vendor == "postgresql":
        assert open_server_side_cursors() == 0
        assert other_sessions() == 0  # the export opened no connection of its own
    assert Case.objects.count() == ROWS
    # The same process serves the next request normally.
    again = client.get(f"/cases/export.{fmt}")
    assert b"".join(again).count(b"testserver/cases/case-") == ROWS
