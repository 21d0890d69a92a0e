"""Pages and files for researchers: the /data/ page, the Atom feed, per-case citations."""

from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.languages import current_language

from ..exports.codebook import COUNTRY_FIELDS, CSV_FIELDS, META_FIELDS, record_fields
from ..exports.formats import bibtex, ris
from ..exports.formats.csl import case_item
from ..exports.provenance import permalink_prefix
from ..exports.records import case_record
from ..feeds import CaseFeed
from ..listing.filters import CaseFilter
from ..models import Case
from ..structured_data import dataset_jsonld
from .downloads import EXPORT_FORMATS, invalid_filters_response

# A case's citation is its CSL-JSON item, rendered by the list exports' own renderers.
CITE_FORMATS = {
    "ris": (ris.ris, ris.CONTENT_TYPE),
    "bib": (bibtex.bibtex, bibtex.CONTENT_TYPE),
}


@require_safe
def case_feed(request):
    case_filter = CaseFilter.published(request.GET)
    if not case_filter.is_valid():
        return invalid_filters_response(
            case_filter, _("The feed was not made because of invalid filters:")
        )
    return CaseFeed(case_filter)(request)


@require_safe
def case_cite(request, slug, fmt):
    if fmt not in CITE_FORMATS:
        raise Http404(f"Citations come as {', '.join(CITE_FORMATS)}.")
    cases = Case.objects.published().filter(slug=slug)
    record = case_record(
        cases, permalink_prefix=permalink_prefix(request), language=current_language()
    )
    if record is None:
        renamed = Case.objects.published().renamed_from(slug)
        if renamed is None:
            raise Http404("No published case has this address.")
        return redirect("cases:cite", slug=renamed.slug, fmt=fmt, permanent=True)
    item = case_item(record, accessed=timezone.localdate())
    render, content_type = CITE_FORMATS[fmt]
    response = HttpResponse(render(item), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


@require_safe
def data_page(request):
    context = {
        "record_fields": record_fields(),
        "csv_fields": CSV_FIELDS,
        "meta_fields": META_FIELDS,
        "country_fields": COUNTRY_FIELDS,
        "formats": EXPORT_FORMATS,
        "case_count": CaseFilter.published(QueryDict()).qs.count(),
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
        "catalogue_name": settings.CATALOGUE_NAME,
        "publisher": settings.CATALOGUE_PUBLISHER,
        "site_url": request.build_absolute_uri("/"),
        "today": timezone.localdate(),
        "jsonld": dataset_jsonld(
            formats=EXPORT_FORMATS,
            export_url=lambda fmt: request.build_absolute_uri(reverse("cases:export", args=[fmt])),
            data_url=request.build_absolute_uri(),
            site_url=request.build_absolute_uri("/"),
            coverage=Case.objects.published().coverage(),
        ),
    }
    return render(request, "cases/data.html", context)
