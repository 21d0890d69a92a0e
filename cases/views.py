from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from core.pagination import paginate

from .exports import export_response
from .facets import case_facets, facets_cache_key, rendered_facets
from .filters import CaseFilter
from .models import Case, Country

EXPORT_FORMATS = ("csv", "json")


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


@require_safe
def case_list(request):
    case_filter = published_filter(request.GET)
    result = paginate(
        case_filter.qs.for_cards(), request.GET.get("page"), per_page=settings.CATALOGUE_PAGE_SIZE
    )
    case_filter.highlight(result.page.object_list)
    facets_key = facets_cache_key(case_filter)
    errors = case_filter.error_messages()
    if result.error:
        errors.append(("Page", result.error))
    context = {
        "filter": case_filter,
        "page": result.page,
        # Both come from the cache while the catalogue is unchanged; computed only on a miss.
        "facets": SimpleLazyObject(lambda: case_facets(case_filter, key=facets_key)),
        "facets_html": SimpleLazyObject(lambda: rendered_facets(case_filter, key=facets_key)),
        "active_filters": case_filter.active_filters(),
        "errors": errors,
        "query": case_filter.query_string(),
    }
    return render(request, "cases/case_list.html", context, status=400 if errors else 200)


@require_safe
def case_export(request, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    case_filter = published_filter(request.GET)
    if not case_filter.is_valid():
        lines = [f"{label}: {message}" for label, message in case_filter.error_messages()]
        message = "The export was not made because of invalid filters:\n" + "\n".join(lines)
        return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")
    prefix = request.build_absolute_uri(reverse("cases:detail", args=["-"]))[:-2]
    return export_response(
        case_filter, fmt=fmt, permalink_prefix=prefix, request_url=request.build_absolute_uri()
    )


@require_safe
def case_detail(request, slug):
    case = get_object_or_404(Case.objects.published().for_detail(), slug=slug)
    context = {
        "case": case,
        "related_cases": Case.objects.published().related_to(case),
    }
    return render(request, "cases/case_detail.html", context)


@require_safe
def country_list(request):
    facets = {facet.name: facet for facet in case_facets(published_filter(QueryDict()))}
    return render(request, "cases/country_list.html", {"country_facet": facets["country"]})


@require_safe
def country_detail(request, code):
    if code != code.upper():
        return redirect("cases:country", code=code.upper(), permanent=True)
    country = get_object_or_404(Country, code=code)
    cases = Case.objects.published().filter(countries=country).sorted_by("newest").for_cards()
    result = paginate(cases, request.GET.get("page"), per_page=settings.CATALOGUE_PAGE_SIZE)
    context = {
        "country": country,
        "page": result.page,
        "errors": [("Page", result.error)] if result.error else [],
    }
    return render(
        request, "cases/country_detail.html", context, status=400 if result.error else 200
    )
