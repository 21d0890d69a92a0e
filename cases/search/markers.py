"""Marking matches in text the database returns, and making that text safe HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .words import WORD

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


def excerpt(text, is_match, *, size=40, ellipsis=" … "):
    """About `size` words of `text` around its densest run of matches (words for which
    `is_match(word)` holds), each match between MARK_START and MARK_END; "" without a match.

    For the tables whose stored text is stemmed (SQLite's French and Arabic): the excerpt is
    cut from the text itself, so the reader sees the words as written.
    """
    words = list(WORD.finditer(text))
    hits = [index for index, word in enumerate(words) if is_match(word.group())]
    if not hits:
        return ""
    # The window of `size` words holding the most matches, starting a little before its first.
    best = max(hits, key=lambda first: sum(first <= hit < first + size for hit in hits))
    start = max(0, min(best - 3, len(words) - size))
    end = min(len(words), start + size)
    marked, hits = [], set(hits)
    position = words[start].start() if start else 0
    for index in range(start, end):
        word = words[index]
        marked.append(text[position : word.start()])
        found = index in hits
        marked.append(f"{MARK_START}{word.group()}{MARK_END}" if found else word.group())
        position = word.end()
    marked.append(text[position:] if end == len(words) else ellipsis.rstrip())
    return (ellipsis.lstrip() if start else "") + "".join(marked)
