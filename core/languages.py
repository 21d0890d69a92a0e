"""Which language a request is in, and the same address in another language.

Pages carry the language in the path (English unprefixed, /fr/…, /ar/…); see nlc_catalogue/urls.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


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
