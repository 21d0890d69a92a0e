"""Full-text search over cases, with one interface on every database.

PostgreSQL keeps a weighted tsvector per case in `case_search` (GIN index); SQLite keeps an
FTS5 table of the same name. Both are maintained by database triggers, so every write path
(save(), queryset.update(), bulk_create(), imports, raw SQL) keeps the index current.
The backend is chosen once per connection vendor; callers use `backend()` and never branch.

A backend module provides:
- search(queryset, text): the matching cases, annotated with `search_rank` (higher is better);
- snippets(ids, text): {case id: summary excerpt with matches between MARK_START/MARK_END};
- install(connection, *, rebuild): create the index and triggers (idempotent);
- uninstall_triggers(connection): drop triggers that a table rebuild would break;
- deferred(connection): a context manager for bulk loads that refreshes the index once.
"""

import re

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Private-use characters mark matches in the database's output. The text is HTML-escaped
# first and only then are these turned into <mark> tags, so no HTML from a case gets through.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = re.compile(f"({MARK_START}|{MARK_END})")


def backend(using=None):
    from django.db import connections

    vendor = (connections[using] if using else connection).vendor
    if vendor == "postgresql":
        from . import postgresql

        return postgresql
    from . import sqlite

    return sqlite


def clean_text(text):
    # Marker characters in a query would only confuse the highlighter.
    return (text or "").replace(MARK_START, " ").replace(MARK_END, " ").strip()


def marked_to_html(text):
    """Escape `text` and turn its match markers into balanced <mark> elements."""
    parts, inside = [], False
    for piece in _MARKS.split(text):
        if piece == MARK_START:
            if not inside:
                parts.append("<mark>")
                inside = True
        elif piece == MARK_END:
            if inside:
                parts.append("</mark>")
                inside = False
        else:
            parts.append(escape(piece))
    if inside:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # every piece of text was escaped above


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
