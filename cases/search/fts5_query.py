"""Translate web-search syntax into an FTS5 query that can never be a syntax error.

The input is read the way PostgreSQL's websearch_to_tsquery reads it: words are ANDed,
"quoted phrases" match in order, `OR` between terms means either, and `-word` excludes.
Everything else (stray quotes, `*`, `^`, `:`, `NEAR(`, brackets) is punctuation and
ignored. Each term is emitted as an FTS5 string literal made of word characters only, so
no user input is ever read as FTS5 syntax.
"""

import re

TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")


def _literal(words):
    return '"' + " ".join(words) + '"'


def fts5_query(text):
    """The FTS5 MATCH expression for `text`, or "" when nothing searchable is left."""
    groups = [([], [])]  # OR-separated groups of (required terms, excluded terms)
    for match in TOKENS.finditer(text):
        negated, phrase, bare = match.groups()
        if bare == "OR":
            groups.append(([], []))
            continue
        if bare is not None:
            negated = "-" if bare.startswith("-") else ""
            phrase = bare
        words = WORD.findall(phrase)
        if not words:
            continue
        required, excluded = groups[-1]
        (excluded if negated else required).append(_literal(words))
    clauses = []
    for required, excluded in groups:
        if not required:
            continue
        clause = " AND ".join(required)
        if excluded:
            clause = f"({clause}) NOT ({' OR '.join(excluded)})"
        clauses.append(f"({clause})")
    return " OR ".join(clauses)
