"""Downloads of a filtered list: every export format, through the one FilterSet."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..exports.provenance import export_meta, licence, permalink_prefix
from ..exports.records import export_response
from ..exports.reference_managers import citation_export_response
from ..exports.xlsx import xlsx_response
from ..listing.filters import CaseFilter

EXPORT_FORMATS = ("csv", "json", "xlsx", "ris", "bib", "csl.json")


def invalid_filters_response(case_filter, what):
    """A plain-text 400 naming every invalid filter, rather than a silent full download."""
    lines = [f"{label}: {message}" for label, message in case_filter.error_messages()]
    message = f"The {what} was not made because of invalid filters:\n" + "\n".join(lines)
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


@require_safe
def case_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    case_filter = CaseFilter.published(request.GET)
    if not case_filter.is_valid():
        return invalid_filters_response(case_filter, "export")
    prefix = permalink_prefix(request)
    if fmt in ("csv", "json"):
        response = export_response(
            case_filter,
            fmt=fmt,
            permalink_prefix=prefix,
            request_url=request.build_absolute_uri(),
            extra_meta={"site_url": request.build_absolute_uri("/"), **licence()},
        )
    else:
        stamp = timezone.now()
        queryset = case_filter.qs
        meta = export_meta(request, case_filter, count=queryset.count(), exported_at=stamp)
        if fmt == "xlsx":
            response = xlsx_response(queryset, meta=meta, permalink_prefix=prefix)
        else:
            response = citation_export_response(
                queryset, fmt=fmt, meta=meta, permalink_prefix=prefix
            )
        filename = f"{case_filter.filename_stem()}_{stamp.date().isoformat()}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.DATA_LICENCE_URL}>; rel="license"'
    return response
