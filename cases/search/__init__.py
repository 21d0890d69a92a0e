"""Full-text search over cases in each catalogue language, with one interface on every database.

Each language has its own document per case: the text a page in that language shows (the
translation, else the original; texts.py), stemmed for that language, accents and Arabic
marks folded (words.py). PostgreSQL keeps a weighted tsvector per case and language in
`case_search` (GIN indexes); SQLite keeps an FTS5 table per language (`case_search`,
`case_search_fr`, `case_search_ar`). Both are maintained by database triggers, so every write path
(save(), queryset.update(), bulk_create(), imports, raw SQL) keeps the index current.
The backend is chosen once per connection vendor; callers use `backend()` and never branch.

A backend module provides:
- search(queryset, text, language=None): the matching cases, annotated with `search_rank`
  (higher is better);
- match_ids(text, using, language=None): the ids of every matching case as comma-separated
  text (None when `text` has no terms), for the bitset index (cases/listing/bitsets.py);
- ranked_ids(text, *, within, limit, using, language=None): matching ids best first, ranked in
  the index alone (within a list of candidate ids if given), for the "relevance" sort;
- snippets(ids, text, language=None): {case id: excerpt of the summary the page shows, with
  matches between MARK_START/MARK_END};
`language` defaults to the active language (django.utils.translation.get_language()).
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


def highlight(cases, text, language=None):
    """Set `search_snippet` (safe HTML) on each case of `cases` for the search `text`, in the
    page's `language` (default: the active one)."""
    cases = list(cases)
    text = clean_text(text)
    if not text or not cases:
        return cases
    found = backend().snippets([case.pk for case in cases], text, language)
    for case in cases:
        if found.get(case.pk):
            case.search_snippet = marked_to_html(found[case.pk])
    return cases
