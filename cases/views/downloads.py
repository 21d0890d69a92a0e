"""Downloads of a filtered list: every export format, through the one FilterSet."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.languages import UnknownLanguage, requested_language
from ops.clients import client_ip
from ops.limits import limit_reached, take_slot

from ..exports.dispatch import FORMATS, export_response
from ..listing.filters import CaseFilter

EXPORT_FORMATS = tuple(FORMATS)


def invalid_filters_response(case_filter, what):
    """A plain-text 400 naming every invalid filter, rather than a silent full download.

    `what` is the translated sentence that opens it.
    """
    lines = [f"{label}: {message}" for label, message in case_filter.error_messages()]
    message = what + "\n" + "\n".join(lines)
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


@require_safe
def case_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    case_filter = CaseFilter.published(request.GET)
    if not case_filter.is_valid():
        return invalid_filters_response(
            case_filter, _("The export was not made because of invalid filters:")
        )
    try:
        language = requested_language(request)
    except UnknownLanguage as error:
        return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
    client = f"exports:{client_ip(request)}"
    if limit_reached(
        key=client, limit=settings.EXPORTS_PER_CLIENT, window=settings.EXPORTS_WINDOW_SECONDS
    ):
        return too_many_exports(
            _("at most %(count)s downloads in %(minutes)s minutes")
            % {
                "count": settings.EXPORTS_PER_CLIENT,
                "minutes": settings.EXPORTS_WINDOW_SECONDS // 60,
            },
            retry_after=settings.EXPORTS_WINDOW_SECONDS,
        )
    # Held while the file is written and sent: a whole-catalogue export keeps a worker busy
    # for seconds, and one client must not take them all.
    slot = take_slot(
        key=client,
        limit=settings.EXPORTS_AT_ONCE_PER_CLIENT,
        timeout=settings.EXPORT_SLOT_SECONDS,
    )
    if slot is None:
        return too_many_exports(
            _("at most %(count)s downloads at a time")
            % {"count": settings.EXPORTS_AT_ONCE_PER_CLIENT},
            retry_after=10,
        )
    try:
        response = export_response(request, case_filter, fmt, language=language)
    except BaseException:
        slot.free()
        raise
    free_on_close(response, slot)
    return response


def too_many_exports(rule, *, retry_after):
    message = (
        _(
            "Too many downloads from your address: %(rule)s. Please try again in %(seconds)s "
            "seconds, or narrow the filters to download fewer cases."
        )
        % {"rule": rule, "seconds": retry_after}
        + "\n"
    )
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response


def free_on_close(response, slot):
    """Give the slot back when the server closes the response: sent, or abandoned midway."""
    close = response.close

    def close_and_free():
        try:
            close()
        finally:
            slot.free()

    response.close = close_and_free
