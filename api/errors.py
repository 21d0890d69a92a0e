"""One shape for every API error: a sentence a person can read, plus the details by parameter."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from core.languages import UnknownLanguage, requested_language


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        with translation.override(_language(context)):
            response.data = {"detail": _throttled(exc.wait)}
        return response
    if response is None or not isinstance(exc, exceptions.ValidationError):
        return response
    errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    errors = {name: [str(message) for message in messages] for name, messages in errors.items()}
    problems = "; ".join(
        f"{name}: {' '.join(messages)}" for name, messages in sorted(errors.items())
    )
    response.data = {"detail": f"Invalid parameters. {problems}", "errors": errors}
    return response


def _language(context):
    """The answer's language: the view's (?lang= or Accept-Language), as its other answers."""
    view, request = context.get("view"), context.get("request")
    language = getattr(view, "language", None)
    if language is None and request is not None:
        try:
            language = requested_language(request, use_accept_language=True)
        except UnknownLanguage:
            language = None
    return language or settings.LANGUAGE_CODE


def _throttled(wait):
    limit = _("Too many requests: the API allows %(rate)s per client.") % {
        "rate": settings.API_ANON_RATE
    }
    if wait is None:
        return limit
    seconds = max(1, round(wait))
    retry = ngettext(
        "Try again in %(seconds)s second.", "Try again in %(seconds)s seconds.", seconds
    ) % {"seconds": seconds}
    return f"{limit} {retry}"
