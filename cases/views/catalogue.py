"""Browsing the catalogue: the home page, the case list, a case, countries and pillars."""

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.languages import current_language
from pillars.models import Pillar

from ..exports.formats.csl import citation_text
from ..listing.facets import case_facets
from ..listing.filters import CaseFilter
from ..listing.pages import list_page_context, published_page
from ..models import Case, Country, NationalFramework, pillars_with_case_counts
from ..models.national import bodies_in_cases
from ..structured_data import case_jsonld


@require_safe
def home(request):
    case_filter = CaseFilter.published(QueryDict())
    facets = {facet.name: facet for facet in case_facets(case_filter)}
    context = {
        "pillar_facet": facets["pillar"],
        "country_facet": facets["country"],
        "case_count": case_filter.indexed.cases().bit_count(),
        "recent_cases": Case.objects.published().for_cards().order_by("-created", "-id")[:6],
    }
    return render(request, "cases/home.html", context)


@require_safe
def case_list(request):
    context = list_page_context(request, CaseFilter.published(request.GET))
    status = 400 if context["errors"] else 200
    return render(request, "cases/case_list.html", context, status=status)


@require_safe
def case_detail(request, slug):
    case = Case.objects.published().detail(slug)
    if case is None:
        renamed = Case.objects.published().renamed_from(slug)
        if renamed is None:
            raise Http404(_("No published case has this address."))
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
        "jsonld": case_jsonld(
            case,
            permalink=permalink,
            site_url=request.build_absolute_uri("/"),
            language=current_language(),
        ),
        "permalink": permalink,
        "catalogue_name": settings.CATALOGUE_NAME,
        "catalogue_publisher": settings.CATALOGUE_PUBLISHER,
    }
    return render(request, "cases/case_detail.html", context)


@require_safe
def country_list(request):
    facets = {facet.name: facet for facet in case_facets(CaseFilter.published(QueryDict()))}
    return render(request, "cases/country_list.html", {"country_facet": facets["country"]})


@require_safe
def country_detail(request, code):
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404(_("A country is identified by its two-letter ISO code."))
    if code != code.upper():
        return redirect("cases:country", code=code.upper(), permanent=True)
    countries = Country.objects.select_related(*NationalFramework.FROM_COUNTRY)
    country = get_object_or_404(countries, code=code)
    result = published_page(request, countries=country)
    bodies, more_bodies = bodies_in_cases(country)
    context = {
        "country": country,
        "framework": getattr(country, "national_framework", None),
        "bodies": bodies,
        "more_bodies": more_bodies,
        "page": result.page,
        "errors": [(_("Page"), result.error)] if result.error else [],
    }
    return render(
        request, "cases/country_detail.html", context, status=400 if result.error else 200
    )


@require_safe
def pillar_list(request):
    pillars = pillars_with_case_counts(Pillar.objects.all())
    return render(request, "pillars/pillar_list.html", {"pillars": pillars})


@require_safe
def pillar_detail(request, slug):
    pillar = get_object_or_404(Pillar, slug=slug)
    result = published_page(request, pillars=pillar)
    context = {
        "pillar": pillar,
        "page": result.page,
        "errors": [(_("Page"), result.error)] if result.error else [],
    }
    return render(
        request, "pillars/pillar_detail.html", context, status=400 if result.error else 200
    )
