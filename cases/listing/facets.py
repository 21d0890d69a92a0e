"""Facet counts for the case list, computed the way library catalogues do.

Each facet counts the cases that match every *other* active filter, so an option's number is
what the list would show if that option were added (or, if chosen, how many results carry it).
Pillars matched with pillar_match=all are the exception: adding a pillar narrows, so the pillar
facet counts within the current result set. A case with two pillars counts once under each, and
once per option however many links it has.

The counts are sizes of intersections of the bitset index (cases/listing/bitsets.py): the cases
of the other filters, and those of each option. Only labels are read from the database.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.countries import localized_country_name, name_sort_key
from pillars.models import Pillar

from ..cache import cached
from ..choices import ActorKind, Level, Region
from ..models import Country
from ..models.completeness import score_choices


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
    """The pillar, region, country, actor level, actor kind and completeness facets for a
    CaseFilter over the published cases (CaseFilter.published).

    Cached per filter state and language (the labels are in it) until the catalogue next
    changes.
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
        _vocabulary_facet(case_filter, "region", Region.choices, show_empty=False),
        _country_facet(case_filter),
        _vocabulary_facet(case_filter, "level", Level.choices),
        _vocabulary_facet(case_filter, "kind", ActorKind.choices),
        _vocabulary_facet(case_filter, "completeness", score_choices()),
    ]


def _counts(case_filter, name):
    """{option key: how many cases of every active filter except `name`'s own carry it}."""
    indexed = case_filter.indexed
    own = name if not (name == "pillar" and case_filter.match_mode == "all") else None
    others = indexed.cases(exclude={own})
    return {key: (others & cases).bit_count() for key, cases in indexed.index.values[name].items()}


def _selected(case_filter, name):
    return {raw for raw, _label in case_filter.value_labels(name)}


def _pillar_facet(case_filter):
    counts = _counts(case_filter, "pillar")
    selected = _selected(case_filter, "pillar")
    options = [
        FacetOption(pillar.slug, pillar.name, counts.get(pillar.pk, 0), pillar.slug in selected)
        for pillar in Pillar.objects.order_by("order", "name")
    ]
    return Facet("pillar", _("Pillar"), options)


def _country_facet(case_filter):
    counts = {pk: count for pk, count in _counts(case_filter, "country").items() if count}
    selected = _selected(case_filter, "country")
    # Countries without a match are left out, except a chosen one, so it can be unticked.
    listed = Country.objects.order_by().values_list("pk", "code", "name")
    options = [
        FacetOption(code, localized_country_name(code, name), counts[pk], code in selected)
        for pk, code, name in listed
        if pk in counts
    ]
    shown = {option.value for option in options}
    options += [
        FacetOption(code, label, 0, True)
        for code, label in case_filter.value_labels("country")
        if code not in shown
    ]
    options.sort(key=lambda option: name_sort_key(option.label))
    return Facet("country", _("Country"), options)


def _vocabulary_facet(case_filter, name, choices, show_empty=True):
    counts = _counts(case_filter, name)
    selected = _selected(case_filter, name)
    options = [
        FacetOption(value, label, counts.get(value, 0), value in selected)
        for value, label in choices
        if show_empty or counts.get(value) or value in selected
    ]
    return Facet(name, case_filter.filters[name].label, options)
