"""Country names in the reader's language, from pycountry's ISO 3166-1 catalogues.

The database keeps each country's English name; the other languages come from the
translations pycountry ships (those of Debian's iso-codes), so no table is kept by hand.
"""

import gettext
import unicodedata
from functools import cache

import pycountry
from django.utils.translation import get_language

DEFAULT_LANGUAGE = "en"


@cache
def _catalogue(language):
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@cache
def _translated(code, language):
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    catalogue = _catalogue(language)
    # The common name ("Iran") reads better than the official one where it is translated.
    for english in (getattr(country, "common_name", None), country.name):
        if english and catalogue.gettext(english) != english:
            return catalogue.gettext(english)
    return None


def localized_country_name(code, english_name, language=None):
    """`english_name` (the catalogue's own) in English, else its ISO translation if any."""
    language = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
    if language == DEFAULT_LANGUAGE or not code:
        return english_name
    return _translated(str(code).upper(), language) or english_name


def name_sort_key(name):
    """Alphabetical order that ignores accents and case ("Égypte" beside "Estonie")."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
