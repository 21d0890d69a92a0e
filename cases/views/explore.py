"""Ways to explore the catalogue beyond the list: the overview, comparing cases, actor pages."""

import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagination import paginate

from ..choices import Level
from ..listing.filters import CaseFilter
from ..listing.pages import list_page_context
from ..listing.pictures import overview as overview_pictures
from ..models import Actor, Case

MAX_COMPARED = 3
# Past this many published cases the chooser's drop-downs would weigh more than the page;
# people then tick cases in the (searchable) list instead.
MAX_CHOOSER_OPTIONS = 300
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


@require_safe
def overview(request):
    case_filter = CaseFilter.published(request.GET)
    context = {
        **list_page_context(request, case_filter),
        "pictures_html": overview_pictures(case_filter),
    }
    return render(request, "cases/overview.html", context, status=400 if context["errors"] else 200)


def requested_slugs(request):
    """The slugs in ?cases=a,b,c (or repeated ?cases=a&cases=b), in order, without repeats."""
    slugs = []
    for value in request.GET.getlist("cases"):
        for slug in value.split(","):
            slug = slug.strip()[:200]
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


@require_safe
def compare(request):
    slugs = requested_slugs(request)
    errors = []
    if len(slugs) > MAX_COMPARED:
        errors.append(
            (
                _("Cases"),
                _("At most %(limit)s cases can be compared; showing the first three.")
                % {"limit": MAX_COMPARED},
            )
        )
        slugs = slugs[:MAX_COMPARED]
    valid = [slug for slug in slugs if SLUG.match(slug)]
    found = Case.objects.published().for_detail().filter(slug__in=valid).in_bulk(field_name="slug")
    for slug in slugs:
        if slug not in found:
            message = _("“%(slug)s” is not a published case in the catalogue.") % {
                "slug": slug[:60]
            }
            errors.append((_("Cases"), message))
    cases = [found[slug] for slug in slugs if slug in found]
    canonical = ",".join(case.slug for case in cases)
    if not errors and cases and request.GET.getlist("cases") != [canonical]:
        # One short, shareable form of the address, whatever form the chooser sent.
        return redirect(f"{reverse('cases:compare')}?cases={canonical}")
    context = {
        "cases": cases,
        "errors": errors,
        "choices": _chooser_options(),
        "slots": [cases[index].slug if index < len(cases) else "" for index in range(3)],
        "removals": [
            (case, ",".join(other.slug for other in cases if other != case)) for case in cases
        ],
        "levels": _levels(cases),
    }
    return render(request, "cases/compare.html", context, status=400 if errors else 200)


def _chooser_options():
    options = list(
        Case.objects.published()
        .order_by("title")
        .values_list("slug", "title")[: MAX_CHOOSER_OPTIONS + 1]
    )
    return options if len(options) <= MAX_CHOOSER_OPTIONS else None


def _levels(cases):
    """[(level label, [[CaseActor, ...] per case])]: one comparison row per actor level."""
    by_case = [dict(case.actors_by_level()) for case in cases]
    labels = []
    for groups in by_case:
        labels += [label for label in groups if label not in labels]
    order = [label for label in Level.labels if label in labels]
    return [(label, [groups.get(label, []) for groups in by_case]) for label in order]


@require_safe
def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.select_related("country"), slug=slug)
    links = actor.case_links.filter(Case.published_q("case__"))
    roles = dict(links.values_list("case_id", "role"))
    cases = Case.objects.published().filter(pk__in=links.values("case_id")).sorted_by("newest")
    page_size = settings.CATALOGUE_PAGE_SIZE
    result = paginate(cases.for_cards(), request.GET.get("page"), per_page=page_size)
    if not result.page.paginator.count:
        raise Http404(_("An actor whose cases are all drafts is not public yet."))
    for case in result.page.object_list:
        case.actor_role = roles.get(case.pk, "")
    context = {
        "actor": actor,
        "page": result.page,
        "errors": [(_("Page"), result.error)] if result.error else [],
    }
    return render(request, "cases/actor_detail.html", context, status=400 if result.error else 200)
