"""The catalogue's languages: which language a request is in, the same address in another
language, and the one rule for a translation's state.

Pages carry the language in the path (English unprefixed, /fr/…, /ar/…); see nlc_catalogue/urls.
Cases and pillars both keep their text in three languages (django-modeltranslation columns
`title_en`, `title_fr`, `title_ar`, …) and record, per language, whether a person reviewed the
translation. This module holds what both share; each app keeps its own review table.
"""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
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


class TranslatedQuerySet(models.QuerySet):
    """The one rule as SQL, for a model whose text is kept in every language and whose reviews
    are a TranslationReview table related to it as `translations` (cases, pillars).

    The model says which rows are written in a language (`original_language_q(language)`) and
    which have the text a translation needs (`has_text_q(language)`).
    """

    def _reviewed(self, language):
        relation = self.model.translations
        reviews = relation.rel.related_model.objects.filter(
            **{relation.field.name: OuterRef("pk")},
            language=language,
            status=TranslationStatus.REVIEWED,
        )
        return Exists(reviews)

    def translation_state_q(self, language, state):
        """A Q for the rows whose `language` text is in `state` (a TranslationState)."""
        original = self.model.original_language_q(language)
        has_text = self.model.has_text_q(language)
        if state == TranslationState.ORIGINAL:
            return original
        if state == TranslationState.MISSING:
            return ~original & ~has_text
        if state == TranslationState.REVIEWED:
            return ~original & has_text & self._reviewed(language)
        return ~original & has_text & ~self._reviewed(language)

    def in_translation_state(self, language, state):
        """The queryset form of translation_state(), for the admin's filters and the exports."""
        return self.filter(self.translation_state_q(language, state))

    def needing_review(self, language):
        """Rows with a translation into `language` that no person has checked yet."""
        return self.in_translation_state(language, TranslationState.UNREVIEWED)

    def with_vouched_languages(self):
        """Annotate `vouched_<lang>` for every language: True where a person wrote or checked
        the text a page in that language shows (its original, or a reviewed translation), the
        pages search engines may index."""
        return self.annotate(
            **{
                f"vouched_{language}": ExpressionWrapper(
                    self.translation_state_q(language, TranslationState.ORIGINAL)
                    | self.translation_state_q(language, TranslationState.REVIEWED),
                    output_field=BooleanField(),
                )
                for language in LANGUAGE_CODES
            }
        )


def vouched_languages(obj):
    """The languages of `obj` (from with_vouched_languages()) a person wrote or checked."""
    return [language for language in LANGUAGE_CODES if getattr(obj, f"vouched_{language}")]


def has_text_q(required, language, prefix=""):
    """Rows with every field of `required` filled in `language`."""
    q = Q()
    for name in required:
        column = f"{prefix}{localized(name, language)}"
        q &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})
    return q


class TranslationReview(models.Model):
    """Who reviewed one language of an object's text, and when (abstract: one table per app)."""

    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TranslationStatus.choices,
        default=TranslationStatus.UNREVIEWED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

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


class AdminLanguageMiddleware:
    """The admin speaks each editor's language.

    It has one unprefixed address for every language, where LocaleMiddleware (for
    i18n_patterns without an English prefix) always answers in English. Here the language comes
    from the language cookie (the site's switcher, or the admin's own links) and else from the
    browser's Accept-Language. Saves still write English into the untranslated columns
    (Case.save, Pillar.save).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


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
