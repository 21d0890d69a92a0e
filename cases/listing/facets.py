"""Facet counts for the case list, computed the way library catalogues do.

Each facet counts the cases that match every *other* active filter, so an option's number is
what the list would show if that option were added (or, if chosen, how many results carry it).
Pillars matched with pillar_match=all are the exception: adding a pillar narrows, so the pillar
facet counts within the current result set. Every count is one GROUP BY query on a link table,
so a case with two pillars counts once under each, and once per option however many links it has.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.countries import localized_country_name, name_sort_key
from pillars.models import Pillar

from ..cache import cached
from ..choices import ActorKind, Level, Region
from ..models import CaseActor, CasePillar, Country


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


def case_facets(case_filter):
    """The pillar, region, country, actor level and actor kind facets for a CaseFilter.

    Cached per filter state, base queryset and language (the labels are in it) until the
    catalogue next changes.
    """
    return cached(
        f"{case_filter.cache_key()}:facets:{get_language()}", lambda: _facets(case_filter)
    )


def rendered_facets(case_filter):
    """The facet list's HTML, cached like the counts: rendering 200 countries takes time too."""

    def render():
        context = {"facets": case_facets(case_filter), "filter": case_filter}
        return mark_safe(render_to_string("includes/facet_list.html", context))

    return cached(f"{case_filter.cache_key()}:facets-html:{get_language()}", render)


def _facets(case_filter):
    return [
        _pillar_facet(case_filter),
        _vocabulary_facet(case_filter, "region", Region, _region_counts, show_empty=False),
        _country_facet(case_filter),
        _vocabulary_facet(case_filter, "level", Level, _actor_counts("actor__level")),
        _vocabulary_facet(case_filter, "kind", ActorKind, _actor_counts("actor__kind")),
    ]


def _base(case_filter, name):
    """Case ids matching every active filter except `name`'s own (and the sort order)."""
    exclude = {name, *case_filter.ORDERING_PARAMETERS}
    if name == "pillar" and case_filter.match_mode == "all":
        exclude.discard("pillar")
    return case_filter.filter_queryset(case_filter.queryset.all(), exclude=exclude).values("pk")


def _selected(case_filter, name):
    return {raw for raw, _label in case_filter.value_labels(name)}


def _pillar_facet(case_filter):
    cases = _base(case_filter, "pillar")
    selected = _selected(case_filter, "pillar")
    # Counted from the matching cases' links: a narrow filter reads a few hundred link rows
    # where counting per pillar would read every one of them.
    counts = dict(
        CasePillar.objects.filter(case_id__in=cases)
        .values_list("pillar_id")
        .annotate(matching=Count("*"))
        .order_by()
    )
    options = [
        FacetOption(pillar.slug, pillar.name, counts.get(pillar.pk, 0), pillar.slug in selected)
        for pillar in Pillar.objects.order_by("order", "name")
    ]
    return Facet("pillar", _("Pillar"), options)


def _country_facet(case_filter):
    cases = _base(case_filter, "country")
    selected = _selected(case_filter, "country")
    rows = (
        Country.objects.filter(cases__in=cases)
        .values("code", "name")
        .annotate(matching=Count("cases"))
        .order_by("name")
    )
    options = [
        FacetOption(
            row["code"],
            localized_country_name(row["code"], row["name"]),
            row["matching"],
            row["code"] in selected,
        )
        for row in rows
    ]
    # A chosen country with no match in the other filters still shows, so it can be unticked.
    listed = {option.value for option in options}
    options += [
        FacetOption(code, label, 0, True)
        for code, label in case_filter.value_labels("country")
        if code not in listed
    ]
    options.sort(key=lambda option: name_sort_key(option.label))
    return Facet("country", _("Country"), options)


def _region_counts(cases):
    return (
        Country.objects.filter(cases__in=cases)
        .values_list("region")
        .annotate(matching=Count("cases", distinct=True))
        .order_by()
    )


def _actor_counts(column):
    def counts(cases):
        return (
            CaseActor.objects.filter(case__in=cases)
            .values_list(column)
            .annotate(matching=Count("case", distinct=True))
            .order_by()
        )

    return counts


def _vocabulary_facet(case_filter, name, choices, count_rows, show_empty=True):
    counts = dict(count_rows(_base(case_filter, name)))
    selected = _selected(case_filter, name)
    options = [
        FacetOption(value, label, counts.get(value, 0), value in selected)
        for value, label in choices.choices
        if show_empty or counts.get(value) or value in selected
    ]
    return Facet(name, case_filter.filters[name].label, options)
