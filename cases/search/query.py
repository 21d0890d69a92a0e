"""Reading what a visitor types into the search box, the same way on every database.

Web-search syntax, as PostgreSQL's websearch_to_tsquery reads it: words are ANDed, "quoted
phrases" match in order, `OR` between terms means either, and `-word` excludes. Everything
else (stray quotes, brackets, `*`, `^`, `:`, runs of `-`) is punctuation and ignored, so each
term is made of words (word characters, joined by - . @ or ') and no input can be read as a
backend's own syntax.

The parse is bounded: at most MAX_TERMS terms count (websearch_to_tsquery nests one NOT per
`-`, and 33 of them overflowed PostgreSQL's tsquery stack). Each backend renders the parse in
its own dialect: fts5_query() for SQLite, websearch_text() for PostgreSQL.
"""

import re
from dataclasses import dataclass

from .words import prepare_query

TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# A word may join parts with - . @ or ' ("multi-agency", "strongcities.org", "don't"), as
# PostgreSQL's parser keeps such compounds whole: split, a phrase would miss them.
WORD = re.compile(r"\w+(?:[-.@']\w+)*")
MAX_TERMS = 16


@dataclass(frozen=True)
class Term:
    words: tuple
    excluded: bool


def parse(text):
    """[[Term, ...], ...]: OR-separated groups of terms; empty when nothing is searchable."""
    groups, count = [[]], 0
    for match in TOKENS.finditer(prepare_query(text)):
        negated, phrase, bare = match.groups()
        if bare == "OR":
            groups.append([])
            continue
        if bare is not None:
            negated, phrase = bare.startswith("-"), bare
        words = tuple(WORD.findall(phrase))
        if not words:
            continue
        groups[-1].append(Term(words, bool(negated)))
        count += 1
        if count == MAX_TERMS:
            break
    # A group of exclusions alone would match nearly everything: it is dropped.
    return [group for group in groups if any(not term.excluded for term in group)]


def websearch_text(text):
    """`text` rewritten as websearch_to_tsquery input that means the same, and is bounded."""
    return " OR ".join(
        " ".join(("-" if term.excluded else "") + _quoted(term.words) for term in group)
        for group in parse(text)
    )


def fts5_query(text, words=None):
    """The FTS5 MATCH expression for `text`, or "" when nothing searchable is left.

    `words`, if given, turns a term's words into the forms the table holds (stemmed French or
    Arabic, see sqlite.py); a term left without words is dropped.
    """
    clauses = []
    for group in parse(text):
        terms = [(term, words(term.words) if words else term.words) for term in group]
        required = " AND ".join(_fts5_literal(w) for t, w in terms if w and not t.excluded)
        if not required:
            continue
        excluded = " OR ".join(_fts5_literal(w) for t, w in terms if w and t.excluded)
        clauses.append(f"(({required}) NOT ({excluded}))" if excluded else f"({required})")
    return " OR ".join(clauses)


def _quoted(words):
    return words[0] if len(words) == 1 else '"' + " ".join(words) + '"'


def _fts5_literal(words):
    return '"' + " ".join(words) + '"'
