"""Marking matches in text the database returns, and making that text safe HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Private-use characters mark matches in the database's output. The text is HTML-escaped
# first and only then are these turned into <mark> tags, so no HTML from a case gets through.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = re.compile(f"({MARK_START}|{MARK_END})")


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
