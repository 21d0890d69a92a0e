"""What the export writers share: the CSV's columns and text conventions, and reading a
filtered case list in chunks.

cases.exports writes the files in Python; cases.export_sql has PostgreSQL write the same text.
"""

from itertools import islice

from django.core.exceptions import EmptyResultSet
from django.db import connections

from ..choices import Level

CHUNK_SIZE = 1000
CSV_COLUMNS = (
    "title",
    "slug",
    "permalink",
    "countries",
    "country_codes",
    "regions",
    "period_start",
    "period_end",
    "pillars",
    "actors",
    "actor_levels",
    "summary",
    "body",
    "takeaways",
    "sources",
    "created",
    "updated",
    "licence",
)
LIST_SEPARATOR = "; "
LEVEL_LABELS = dict(Level.choices)
# Cells starting with these are formulas to Excel; a leading apostrophe keeps them text.
FORMULA_PREFIXES = frozenset(("=", "+", "-", "@", "\t", "\r"))


def batched(iterable, size):
    """Tuples of up to `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def row_chunks(queryset, columns, chunk_size):
    """Lists of up to `chunk_size` rows of `columns` (values_list names) of `queryset`, in order.

    Read through a raw chunked cursor, server-side on PostgreSQL: the ORM's per-row work cost
    more than the exports' own. Rows may carry extra columns after `columns` (Django selects
    the ordering of a distinct query too).
    """
    query = queryset.values_list(*columns).query
    connection = connections[queryset.db]
    try:
        sql, params = query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return
    # As QuerySet.iterator() does: a plain cursor where server-side ones are switched off.
    if connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        cursor = connection.cursor()
    else:
        cursor = connection.chunked_cursor()
    with cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield rows
