"""Downloads of a filtered list: every export format, through the one FilterSet."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.languages import UnknownLanguage, requested_language
from ops.clients import client_ip
from ops.limits import limit_reached, take_slot
from ops.views import too_many_requests

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
    refused = too_many_in_window(request)
    if refused is not None:
        return refused
    # Held while the file is written and sent: a whole-catalogue export keeps a worker busy
    # for seconds, and one client must not take them all.
    slot, refused = download_slot(request)
    if refused is not None:
        return refused
    try:
        response = export_response(request, case_filter, fmt, language=language)
    except BaseException:
        slot.free()
        raise
    free_on_close(response, slot)
    return response


def too_many_in_window(request):
    """A 429 once the client has started its window's worth of downloads (this one counted),
    else None. Every download counts: exports, frozen lists' files and briefing packs."""
    if not limit_reached(
        key=_client(request),
        limit=settings.EXPORTS_PER_CLIENT,
        window=settings.EXPORTS_WINDOW_SECONDS,
    ):
        return None
    rule = _("at most %(count)s downloads in %(minutes)s minutes") % {
        "count": settings.EXPORTS_PER_CLIENT,
        "minutes": settings.EXPORTS_WINDOW_SECONDS // 60,
    }
    return too_many_exports(request, rule, retry_after=settings.EXPORTS_WINDOW_SECONDS)


def download_slot(request):
    """(slot, None): one of the client's downloads at a time, to free when it ends; or
    (None, a 429) when the client already runs as many as it may."""
    slot = take_slot(
        key=_client(request),
        limit=settings.EXPORTS_AT_ONCE_PER_CLIENT,
        timeout=settings.EXPORT_SLOT_SECONDS,
    )
    if slot is not None:
        return slot, None
    rule = _("at most %(count)s downloads at a time") % {
        "count": settings.EXPORTS_AT_ONCE_PER_CLIENT
    }
    return None, too_many_exports(request, rule, retry_after=10)


def _client(request):
    return f"exports:{client_ip(request)}"


def too_many_exports(request, rule, *, retry_after):
    message = _(
        "Too many downloads from your address: %(rule)s. Please try again in %(seconds)s "
        "seconds, or narrow the filters to download fewer cases."
    ) % {"rule": rule, "seconds": retry_after}
    return too_many_requests(request, message, retry_after=retry_after)


def free_on_close(response, slot):
    """Give the slot back when the server closes the response: sent, or abandoned midway."""
    close = response.close

    def close_and_free():
        try:
            close()
        finally:
            slot.free()

    response.close = close_and_free
