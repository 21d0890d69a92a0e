"""Full-text search over cases, with one interface on every database.

PostgreSQL keeps a weighted tsvector per case in `case_search` (GIN index); SQLite keeps an
FTS5 table of the same name. Both are maintained by database triggers, so every write path
(save(), queryset.update(), bulk_create(), imports, raw SQL) keeps the index current.
The backend is chosen once per connection vendor; callers use `backend()` and never branch.

A backend module provides:
- search(queryset, text): the matching cases, annotated with `search_rank` (higher is better);
- match_ids(text, using): the ids of every matching case as comma-separated text (None when
  `text` has no terms), for the bitset index (cases/listing/bitsets.py);
- ranked_ids(text, *, within, limit, using): matching ids best first, ranked in the index
  alone (within a list of candidate ids if given), for the "relevance" sort;
- snippets(ids, text): {case id: summary excerpt with matches between MARK_START/MARK_END};
- install(connection, *, rebuild): create the index and triggers (idempotent); `rebuild`
  indexes every case again, after writes made without the triggers;
- uninstall_triggers(connection): drop the triggers, before a migration that would break them
  (SQLite) or a bulk load that would pay for them row by row (then install with rebuild).
"""

from django.db import connection

from .markers import MARK_END, MARK_START, clean_text, marked_to_html

__all__ = ["MARK_END", "MARK_START", "backend", "clean_text", "highlight", "marked_to_html"]


def backend(using=None):
    from django.db import connections

    vendor = (connections[using] if using else connection).vendor
    if vendor == "postgresql":
        from . import postgresql

        return postgresql
    from . import sqlite

    return sqlite


def highlight(cases, text):
    """Set `search_snippet` (safe HTML) on each case of `cases` for the search `text`."""
    cases = list(cases)
    text = clean_text(text)
    if not text or not cases:
        return cases
    found = backend().snippets([case.pk for case in cases], text)
    for case in cases:
        if found.get(case.pk):
            case.search_snippet = marked_to_html(found[case.pk])
    return cases
