from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from .citations import citation_text
from .exports import export_response
from .exports_citations import citation_export_response
from .exports_xlsx import xlsx_response
from .facets import case_facets, rendered_facets
from .filters import CaseFilter
from .models import Case, Country
from .provenance import export_meta, licence, permalink_prefix
from .results import filtered_page, published_page
from .structured_data import case_jsonld

EXPORT_FORMATS = ("csv", "json", "xlsx", "ris", "bib", "csl.json")


def published_filter(data):
    return CaseFilter(data, queryset=Case.objects.published())


@require_safe
def home(request):
    case_filter = published_filter(QueryDict())
    facets = {facet.name: facet for facet in case_facets(case_filter)}
    context = {
        "pillar_facet": facets["pillar"],
        "country_facet": facets["country"],
        "case_count": case_filter.qs.count(),
        "recent_cases": Case.objects.published().for_cards().order_by("-created", "-id")[:6],
    }
    return render(request, "cases/home.html", context)


def filtered_list_context(request, case_filter):
    """What a page built around the filter form needs: one page of cases, facets, errors.

    Shared by the case list and the overview, so both read the filters the same way.
    """
    result = filtered_page(
        case_filter, request.GET.get("page"), per_page=settings.CATALOGUE_PAGE_SIZE
    )
    case_filter.highlight(result.page.object_list)
    errors = case_filter.error_messages()
    if result.error:
        errors.append(("Page", result.error))
    return {
        "filter": case_filter,
        "page": result.page,
        # Both come from the cache while the catalogue is unchanged; computed only on a miss.
        "facets": SimpleLazyObject(lambda: case_facets(case_filter)),
        "facets_html": SimpleLazyObject(lambda: rendered_facets(case_filter)),
        "active_filters": case_filter.active_filters(),
        "errors": errors,
        "query": case_filter.query_string(),
    }


@require_safe
def case_list(request):
    context = filtered_list_context(request, published_filter(request.GET))
    status = 400 if context["errors"] else 200
    return render(request, "cases/case_list.html", context, status=status)


def invalid_filters_response(case_filter, what):
    """A plain-text 400 naming every invalid filter, rather than a silent full download."""
    lines = [f"{label}: {message}" for label, message in case_filter.error_messages()]
    message = f"The {what} was not made because of invalid filters:\n" + "\n".join(lines)
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


@require_safe
def case_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    case_filter = published_filter(request.GET)
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


@require_safe
def case_detail(request, slug):
    case = Case.objects.published().detail(slug)
    if case is None:
        renamed = Case.objects.published().renamed_from(slug)
        if renamed is None:
            raise Http404("No published case has this address.")
        return redirect(renamed, permanent=True)
    permalink = request.build_absolute_uri(case.get_absolute_url())
    context = {
        "case": case,
        "related_cases": Case.objects.published().related_to(case),
        "citation": citation_text(
            title=case.title,
            permalink=permalink,
            updated=case.updated,
            accessed=timezone.localdate(),
        ),
        "jsonld": case_jsonld(case, permalink=permalink, site_url=request.build_absolute_uri("/")),
    }
    return render(request, "cases/case_detail.html", context)


@require_safe
def country_list(request):
    facets = {facet.name: facet for facet in case_facets(published_filter(QueryDict()))}
    return render(request, "cases/country_list.html", {"country_facet": facets["country"]})


@require_safe
def country_detail(request, code):
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404("A country is identified by its two-letter ISO code.")
    if code != code.upper():
        return redirect("cases:country", code=code.upper(), permanent=True)
    country = get_object_or_404(Country, code=code)
    result = published_page(request, countries=country)
    context = {
        "country": country,
        "page": result.page,
        "errors": [("Page", result.error)] if result.error else [],
    }
    return render(
        request, "cases/country_detail.html", context, status=400 if result.error else 200
    )
