"""Reading an export's rows on several database connections at once.

One PostgreSQL process, or one SQLite connection, works on one core, and gathering each case's
relations is most of an export's cost. With EXPORT_PARALLEL_CONNECTIONS helpers (two by
default), the request's own connection reads the matching case ids in the list's order, and
the helpers run the record query (cases.exports.records, the same SQL) on consecutive chunks
of them, so both cores work. The chunks come back in order; at most as many wait to be sent as
are being read.
"""

import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def chunks_in_parallel(alias, id_chunks, read_chunk, *, helpers):
    """read_chunk(connection, ids) for each list of ids of `id_chunks`, in order."""
    pool_connections = _HelperConnections(alias)
    try:
        with ThreadPoolExecutor(helpers, thread_name_prefix="export") as pool:
            pending = deque()
            for ids in id_chunks:
                pending.append(pool.submit(pool_connections.run, read_chunk, ids))
                if len(pending) > helpers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        # Also when the download is abandoned: by now the pool has finished its chunks.
        pool_connections.close()


class _HelperConnections:
    """A connection for each helper thread, opened on first use and closed all together."""

    def __init__(self, alias):
        self.alias = alias
        self.local = threading.local()
        self.opened = []
        self.lock = threading.Lock()

    def run(self, read_chunk, ids):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = connections.create_connection(self.alias)
            # Opened in a helper thread, closed by the export's own one.
            connection.inc_thread_sharing()
            self.local.connection = connection
            with self.lock:
                self.opened.append(connection)
        return read_chunk(connection, ids)

    def close(self):
        with self.lock:
            for connection in self.opened:
                connection.close()
            self.opened.clear()
