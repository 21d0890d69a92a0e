"""What the index holds for each language, as SQL: the text a page in that language shows.

The rule is the catalogue's own (Case.text_in, Pillar.text_in): a language with its own title
and summary shows its own text, else the page shows the original (the case's original
language; English for pillars). Actor names are not translated. Both backends build their
documents and triggers from these expressions, with `c` a cases_case row and `p` a
pillars_pillar row.
"""

from django.utils.translation import get_language

from core.languages import LANGUAGE_CODES, current_language, localized
from pillars.models import REQUIRED_TEXT as PILLAR_REQUIRED_TEXT
from pillars.models import Pillar

from ..models.translations import REQUIRED_TEXT, TEXT_FIELDS

# The columns whose change changes some language's document.
CASE_COLUMNS = (
    *(localized(name, language) for name in TEXT_FIELDS for language in LANGUAGE_CODES),
    "original_language",
)
PILLAR_COLUMNS = tuple(
    localized(name, language) for name in PILLAR_REQUIRED_TEXT for language in LANGUAGE_CODES
)


def search_language(language=None):
    """The catalogue language a search runs in: `language` ("fr", "fr-ca") when the catalogue
    has it, else the active language's (else the default)."""
    code = (language or get_language() or "").split("-")[0].lower()
    return code if code in LANGUAGE_CODES else current_language()


def _has_own_text(row, required, language):
    return " AND ".join(
        f"coalesce({row}.{localized(name, language)}, '') <> ''" for name in required
    )


def case_text(name, language):
    """SQL for field `name` of case `c` as a page in `language` shows it (NULL when empty)."""
    original = " ".join(
        f"WHEN '{other}' THEN c.{localized(name, other)}" for other in LANGUAGE_CODES
    )
    has_own = _has_own_text("c", REQUIRED_TEXT, language)
    own = f"c.original_language = '{language}' OR ({has_own})"
    return (
        f"CASE WHEN {own} THEN c.{localized(name, language)} "
        f"ELSE CASE c.original_language {original} END END"
    )


def pillar_name(language):
    """SQL for the name of pillar `p` as a page in `language` shows it."""
    original = f"p.{localized('name', Pillar.original_language)}"
    if language == Pillar.original_language:
        return original
    own = _has_own_text("p", PILLAR_REQUIRED_TEXT, language)
    return f"CASE WHEN {own} THEN p.{localized('name', language)} ELSE {original} END"
