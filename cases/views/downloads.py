"""Downloads of a filtered list: every export format, through the one FilterSet."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from ..exports.dispatch import FORMATS, export_response
from ..listing.filters import CaseFilter

EXPORT_FORMATS = tuple(FORMATS)


def invalid_filters_response(case_filter, what):
    """A plain-text 400 naming every invalid filter, rather than a silent full download."""
    lines = [f"{label}: {message}" for label, message in case_filter.error_messages()]
    message = f"The {what} was not made because of invalid filters:\n" + "\n".join(lines)
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


@require_safe
def case_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    case_filter = CaseFilter.published(request.GET)
    if not case_filter.is_valid():
        return invalid_filters_response(case_filter, "export")
    return export_response(request, case_filter, fmt)
