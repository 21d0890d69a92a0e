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
    language = _language(language)
    if language == DEFAULT_LANGUAGE or not code:
        return english_name
    return _translated(str(code).upper(), language) or english_name


def _language(language):
    return (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]


# Arabic letters that sort as another: taa marbuta with haa, alif maqsura with yaa.
ARABIC_SORTS_AS = str.maketrans({"\u0629": "\u0647", "\u0649": "\u064a", "\u0640": None})
ARABIC_ARTICLE = "\u0627\u0644"  # ال


def name_sort_key(name, language=None):
    """Alphabetical order in `language` (default: the active one), as a reader of it expects.

    Accents, case and punctuation count only to break ties ("Égypte" beside "Estonie",
    "États-Unis" after them). Arabic ignores short vowels, hamza seats and the article, as
    Arabic lists do (الأردن under ا, البحرين under ب), and the code points of its letters
    follow the alphabet's order.
    """
    text = unicodedata.normalize("NFC", str(name))
    if _language(language) == "ar":
        # Before the hamza goes: ألبانيا (Albania) starts with a letter, not the article.
        text = text.removeprefix(ARABIC_ARTICLE).translate(ARABIC_SORTS_AS)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    ).casefold()
    letters = " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())
    return letters, text, str(name)


@cache
def codes_in_name_order(language):
    """Every ISO 3166-1 code, in the order of its country's name in `language`, as one text
    (" AF AX AL …"): where a code stands in it is the country's rank, which the database can
    read with a plain string search (Case.objects.sorted_by("country"))."""
    codes = sorted(
        (country.alpha_2 for country in pycountry.countries),
        key=lambda code: name_sort_key(
            localized_country_name(code, pycountry.countries.get(alpha_2=code).name, language),
            language,
        ),
    )
    return " " + " ".join(codes)
