import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_vary_headers
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .limits import CACHE_ERRORS
from .routers import PRIMARY

logger = logging.getLogger("ops.health")

# Errors that mean "the database cannot be reached", not "this query is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@never_cache
@require_safe
def healthz(request):
    """200 when the primary database answers, 503 when it does not; the cache is reported too.

    A cache that is down leaves the site working, uncached ("degraded", still 200), so a load
    balancer does not take every app process out because Redis is.
    """
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check failed", extra={"error": str(error)})
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    cache_state = _cache_state()
    status = "ok" if cache_state == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache_state})


def _cache_state():
    try:
        cache.set("healthz", "ok", timeout=10)
        return "ok" if cache.get("healthz") == "ok" else "unreachable"
    except CACHE_ERRORS as error:
        logger.warning("health check: cache unreachable", extra={"error": str(error)})
        return "unreachable"


def server_error(request):
    """The 500 handler. A lost database is a 503 (try again soon) in the site's design.

    Django calls this while handling the exception, so sys.exc_info() still holds it. The
    template is rendered without the request's context processors, which could need the very
    database that is gone.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        body = loader.render_to_string("503.html")
        response = HttpResponseServerError(body, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def too_many_requests(request, message, *, retry_after):
    """A 429 with Retry-After that says `message` (already translated): the site's page for a
    browser, which asks for HTML, and the sentence alone as plain text for a script (curl, a
    download manager) that does not."""
    if request.get_preferred_type(["text/plain", "text/html"]) == "text/html":
        context = {"message": message, "retry_after": retry_after}
        response = render(request, "429.html", context, status=429)
    else:
        response = HttpResponse(
            f"{message}\n", status=429, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(retry_after)
    patch_vary_headers(response, ("Accept",))
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the 429 page, saying how long."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    message = ngettext(
        "This account is locked for %(minutes)s minute after too many failed logins from "
        "your address. Please wait, then try again.",
        "This account is locked for %(minutes)s minutes after too many failed logins from "
        "your address. Please wait, then try again.",
        minutes,
    ) % {"minutes": minutes}
    return too_many_requests(
        request, message, retry_after=int(settings.AXES_COOLOFF_TIME.total_seconds())
    )
