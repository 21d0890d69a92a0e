"""The catalogue's languages: which language a request is in, the same address in another
language, and the one rule for a translation's state.

Pages carry the language in the path (English unprefixed, /fr/…, /ar/…); see nlc_catalogue/urls.
Cases and pillars both keep their text in three languages (django-modeltranslation columns
`title_en`, `title_fr`, `title_ar`, …) and record, per language, whether a person reviewed the
translation. This module holds what both share; each app keeps its own review table.
"""

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_supported_language_variant,
)
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

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


def _strip_prefix(path):
    language = get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        return path[len(language) + 1 :] or "/"
    return path


def path_in_language(full_path, language):
    """`full_path` (with its query string) in `language`.

    translate_url() reverses the resolved view in that language; an address no view answers
    (a 404 page) gets its language prefix swapped instead.
    """
    translated = translate_url(full_path, language)
    if translated != full_path or get_language_from_path(full_path) == language:
        return translated
    bare = _strip_prefix(full_path)
    if language == settings.LANGUAGE_CODE:
        return bare
    return f"/{language}{bare}"


def browser_language(request):
    """The first of our languages the browser's Accept-Language prefers, or None."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class FirstVisitLanguageMiddleware:
    """A first visit to `/` goes to the browser's language if it is French or Arabic.

    Only `/` and only without a language cookie: any page's address stays what was asked
    for, and once a reader has chosen a language with the switcher (even English), that
    choice sticks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            language = browser_language(request)
            if language and language != settings.LANGUAGE_CODE:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(f"/{language}/" + (f"?{query}" if query else ""))
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def choose_language(request, language):
    """The switcher's link: remember the reader's choice in the language cookie, then go on.

    A plain link (no form, no script) so it works everywhere; `next` is the same page in the
    chosen language, already computed by the link.
    """
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = path_in_language("/", language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
