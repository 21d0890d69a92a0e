"""Words as the search compares them: without marks, in lower case, and (on SQLite) stemmed.

Arabic is written with or without its short vowels and other marks (tashkeel, U+064B–U+065F
and U+0670), and lines are justified with tatweel (U+0640); neither changes the word. Latin
accents are dropped too, so `cooperation` finds *coopération*. Both databases fold queries
the same way (query.py); on PostgreSQL the documents are folded in SQL (`unaccent` and
`fold_sql`), on SQLite by `index_text`, which the database calls from its triggers.

SQLite's FTS5 stems English only (porter), so French and Arabic text is stemmed here with the
Snowball stemmers, the same algorithms as PostgreSQL's `french_stem` and `arabic_stem`.
"""

import re
import threading
import unicodedata

import snowballstemmer

TATWEEL = "\u0640"
ARABIC_MARKS = "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670"
_ARABIC_FOLD = str.maketrans("", "", ARABIC_MARKS + TATWEEL)

# A word, marks included: Python's \w leaves out combining marks, which would cut a vowelled
# Arabic word (or a decomposed accented letter) into pieces.
WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")

STEMMERS = {"en": "english", "fr": "french", "ar": "arabic"}


def fold_arabic(text):
    """`text` without Arabic marks and tatweel (everything else as it is)."""
    return (text or "").translate(_ARABIC_FOLD)


def fold_sql(expression):
    """SQL that folds `expression` as fold_arabic() does (translate() drops unmatched chars)."""
    return f"translate({expression}, '{ARABIC_MARKS}{TATWEEL}', '')"


def fold(text):
    """`text` in composed form without combining marks (accents, tashkeel) or tatweel."""
    decomposed = unicodedata.normalize("NFKD", fold_arabic(text))
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def prepare_query(text):
    """A visitor's text ready to parse: composed, and without Arabic marks or tatweel (which
    would otherwise cut words apart); Latin accents stay for the database to fold."""
    return fold_arabic(unicodedata.normalize("NFC", text or ""))


_local = threading.local()


def _stemmer(language):
    # A Snowball stemmer keeps its word in itself while it works: one per thread.
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS[language])
    return stemmers[language]


def _stem(language, word):
    folded = fold(word).lower()
    return _stemmer(language).stemWord(folded) if folded else ""


class _Stems(dict):
    """word -> its indexed form in one language, remembered: text repeats its words (Zipf),
    and looking them up in C is what makes indexing 100,000 cases affordable."""

    LIMIT = 200_000

    def __init__(self, language):
        super().__init__()
        self.language = language

    def __missing__(self, word):
        if len(self) >= self.LIMIT:
            self.clear()
        stem = self[word] = _stem(self.language, word)
        return stem


_STEMS = {language: _Stems(language) for language in STEMMERS}


def term(language, word):
    """The form `word` is indexed and searched under in `language`: folded, lower case, stemmed."""
    return _STEMS[language][word]


def terms(language, text):
    """The indexed forms of the words of `text`, in order."""
    return list(filter(None, map(_STEMS[language].__getitem__, WORD.findall(text or ""))))


def index_text(language, text):
    """`text` as SQLite's French and Arabic full-text tables hold it (see sqlite.py)."""
    return " ".join(terms(language, text))
