"""Formatting an export's chunks on connections of its own, several at once, yielded in order.

Where the database writes the export's lines (cases.export_sql), the export runs as fast as
the server writes them, and one server process uses one core. Helper connections working on
consecutive chunks (settings.EXPORT_HELPER_CONNECTIONS, two by default) keep more cores busy,
while the request's own connection reads the ids.
"""

import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, islice

from django.conf import settings
from django.db import connections


def formatted_chunks(alias, id_chunks, format_chunk):
    """format_chunk(connection, ids) for each list of ids in `id_chunks`, in order.

    With n helper connections, at most n chunks are being formatted, and as many are waiting
    to be sent, at a time.
    """
    connection = connections[alias]
    count = settings.EXPORT_HELPER_CONNECTIONS
    id_chunks = iter(id_chunks)
    # Read ahead one chunk: an export of a single chunk is not worth opening connections for.
    first_chunks = list(islice(id_chunks, 2))
    id_chunks = chain(first_chunks, id_chunks)
    # Another connection would not see this transaction's own writes (a test's, say).
    if connection.in_atomic_block or not count or len(first_chunks) < 2:
        for ids in id_chunks:
            yield format_chunk(connection, ids)
        return
    helpers = _HelperConnections(alias)
    try:
        with ThreadPoolExecutor(count, thread_name_prefix="export") as pool:
            pending = deque()
            for ids in id_chunks:
                pending.append(pool.submit(helpers.run, format_chunk, ids))
                if len(pending) > count:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        # Also when the download is abandoned: the pool has finished its chunks by now.
        helpers.close()


class _HelperConnections:
    """A connection for each helper thread, opened on first use and closed all together."""

    def __init__(self, alias):
        self.alias = alias
        self.local = threading.local()
        self.opened = []
        self.lock = threading.Lock()

    def run(self, format_chunk, ids):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = connections.create_connection(self.alias)
            # Opened in a helper thread, closed by the export's own one.
            connection.inc_thread_sharing()
            self.local.connection = connection
            with self.lock:
                self.opened.append(connection)
        return format_chunk(connection, ids)

    def close(self):
        with self.lock:
            for connection in self.opened:
                connection.close()
            self.opened.clear()
