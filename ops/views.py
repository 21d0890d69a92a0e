import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .routers import PRIMARY

logger = logging.getLogger("ops.health")

# Errors that mean "the database cannot be reached", not "this query is wrong".
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@never_cache
@require_safe
def healthz(request):
    """200 when the primary database answers a query, 503 when it does not."""
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check failed", extra={"error": str(error)})
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
