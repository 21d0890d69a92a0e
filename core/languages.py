"""The catalogue's languages and the one rule for a translation's state.

Cases and pillars both keep their text in three languages (django-modeltranslation columns
`title_en`, `title_fr`, `title_ar`, …) and record, per language, whether a person reviewed the
translation. This module holds what both share; each app keeps its own review table.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = tuple(settings.MODELTRANSLATION_LANGUAGES)
LANGUAGES_BIDI = frozenset(settings.LANGUAGES_BIDI)


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    AR = "ar", _("Arabic")


class TranslationStatus(models.TextChoices):
    """What is stored about a translation; MISSING is never stored, it is read from the text."""

    UNREVIEWED = "unreviewed", _("Not yet reviewed")
    REVIEWED = "reviewed", _("Reviewed")


class TranslationState(models.TextChoices):
    """What a reader gets in a language: the original, a (reviewed or not) translation, or
    nothing yet (the page then falls back to the original)."""

    ORIGINAL = "original", _("Original")
    MISSING = "missing", _("Missing")
    UNREVIEWED = "unreviewed", _("Not yet reviewed")
    REVIEWED = "reviewed", _("Reviewed")


def current_language():
    """The active language if the catalogue has text in it, else the default (en-us → en)."""
    language = (get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE


def localized(name, language):
    """The column holding field `name` in `language`: localized("title", "fr") == "title_fr"."""
    return f"{name}_{language}"


def filled(value):
    return value not in (None, "", [])


def translation_state(*, language, original_language, has_text, reviewed):
    """The one rule: the original language is ORIGINAL; another language without its text is
    MISSING; with text it is REVIEWED once a person checked it, else UNREVIEWED."""
    if language == original_language:
        return TranslationState.ORIGINAL
    if not has_text:
        return TranslationState.MISSING
    return TranslationState.REVIEWED if reviewed else TranslationState.UNREVIEWED


class TranslationReview(models.Model):
    """Who reviewed one language of an object's text, and when (abstract: one table per app)."""

    language = models.CharField(max_length=2, choices=Language.choices)
    status = models.CharField(
        max_length=12, choices=TranslationStatus.choices, default=TranslationStatus.UNREVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_reviewed(self):
        return self.status == TranslationStatus.REVIEWED


class UnknownLanguage(ValueError):
    pass


def requested_language(request, *, use_accept_language=False):
    """The language a download or API answer is in: `?lang=` when given (an unknown code
    raises UnknownLanguage, so the client hears of its mistake), else the page's language
    (its URL prefix), else, for the unprefixed API, the Accept-Language header."""
    code = request.GET.get("lang")
    if code is not None:
        code = code.strip().lower()
        if code not in LANGUAGE_CODES:
            raise UnknownLanguage(
                f"Unknown language {code[:20]!r}: use one of {', '.join(LANGUAGE_CODES)}."
            )
        return code
    if use_accept_language:
        # check_path=False: the API has no language prefix; a chosen language's cookie counts.
        return translation.get_language_from_request(request, check_path=False).split("-")[0]
    return current_language()
