"""The one FilterSet behind the case list, the exports and (later) the API.

A query parameter means the same thing everywhere because every reader goes through
CaseFilter. Filters on related rows use `pk IN (subquery)` or `EXISTS` rather than joins, so a
case matches once however many of its pillars, countries or actors qualify, and no DISTINCT is
needed.
"""

import re
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.countries import localized_country_name
from pillars.models import Pillar

from .. import search as full_text
from ..cache import catalogue_version, versioned_key
from ..choices import ActorKind, Level, Region
from ..models import Case, CaseActor, CaseCountry, CasePillar, Country
from ..models.completeness import score_choices
from . import vocabulary
from .bitsets import IndexedFilter

MAX_VALUES_PER_PARAMETER = 50
MAX_SEARCH_LENGTH = 200


def too_many_values():
    return ngettext(
        "Choose at most %(limit)s value.",
        "Choose at most %(limit)s values.",
        MAX_VALUES_PER_PARAMETER,
    ) % {"limit": MAX_VALUES_PER_PARAMETER}


class KeyedMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Choose objects by a short key (a slug or a code).

    Malformed keys (NUL bytes, punctuation, megabyte strings) are rejected before they reach
    the database, whose errors for such input would otherwise surface as a 500.
    """

    key_pattern = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

    def __init__(self, *args, uppercase=False, **kwargs):
        self.uppercase = uppercase
        super().__init__(*args, **kwargs)

    # A callable giving {key: object} for every choice, when the filter set knows the catalogue
    # version (vocabulary.py); the database is asked otherwise.
    known = None

    def _check_values(self, value):
        if self.known is None:
            return super()._check_values(value)
        known = self.known()
        for key in value:
            if key not in known:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": key},
                )
        chosen = set(value)
        # In the table's order, as the database would give them.
        return [item for key, item in known.items() if key in chosen]

    def clean(self, value):
        values = [str(item).strip() for item in (value or []) if str(item).strip()]
        if len(values) > MAX_VALUES_PER_PARAMETER:
            raise ValidationError(too_many_values())
        if self.uppercase:
            values = [item.upper() for item in values]
        for item in values:
            if not self.key_pattern.match(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item[:40]},
                )
        return super().clean(values)


class KeyedMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KeyedMultipleChoiceField


class BoundedMultipleChoiceField(django_filters.fields.MultipleChoiceField):
    def clean(self, value):
        if value and len(value) > MAX_VALUES_PER_PARAMETER:
            raise ValidationError(too_many_values())
        if value:
            value = [str(item)[:60] for item in value]
        return super().clean(value)


class VocabularyFilter(django_filters.MultipleChoiceFilter):
    field_class = BoundedMultipleChoiceField


class YearFilter(django_filters.NumberFilter):
    """A year in the range a case's period may have (the model's YEAR_VALIDATORS)."""

    field_class = forms.IntegerField
    MIN_YEAR, MAX_YEAR = 1900, 2100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=self.MIN_YEAR, max_value=self.MAX_YEAR, **kwargs)


class CaseFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("year_min"), cleaned.get("year_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "year_max",
                gettext("“To” year (%(high)s) is before “from” year (%(low)s).")
                % {"high": high, "low": low},
            )
        return cleaned


def chip_label(name, value):
    return gettext("%(filter)s: %(value)s") % {"filter": name, "value": value}


@dataclass(frozen=True)
class ActiveFilter:
    """One chosen filter value, with the query string that removes just it."""

    label: str
    remove_query: str


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_('Words in the title, summary, text or actor names; "a phrase", -excluded, OR.'),
    )
    pillar = KeyedMultipleChoiceFilter(
        label=_("Pillar"),
        queryset=Pillar.objects.all(),
        to_field_name="slug",
        method="filter_pillar",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a pillar.")},
    )
    pillar_match = django_filters.ChoiceFilter(
        label=_("Match pillars"),
        choices=[("any", _("Any selected pillar")), ("all", _("All selected pillars"))],
        method="filter_nothing",
        empty_label=None,
    )
    country = KeyedMultipleChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        uppercase=True,
        method="filter_country",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a country in the catalogue.")},
    )
    region = VocabularyFilter(
        label=_("Region"),
        choices=Region.choices,
        method="filter_region",
        widget=forms.CheckboxSelectMultiple,
    )
    level = VocabularyFilter(
        label=_("Actor level"),
        choices=Level.choices,
        method="filter_level",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = VocabularyFilter(
        label=_("Actor kind"),
        choices=ActorKind.choices,
        method="filter_kind",
        widget=forms.CheckboxSelectMultiple,
    )
    completeness = VocabularyFilter(
        label=_("Completeness"),
        choices=score_choices(),
        method="filter_completeness",
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "How many of five criteria a case meets: a period, actors, a source with a link, "
            "takeaways and reviewed translations."
        ),
    )
    year_min = YearFilter(label=_("From year"), method="filter_year_min")
    year_max = YearFilter(label=_("To year"), method="filter_year_max")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=Case.SORTS,
        method="filter_sort",
        empty_label=None,
    )

    MULTI_VALUED = ("pillar", "country", "region", "level", "kind", "completeness")
    # Parameters that only shape the result (not which cases match) and so never narrow a facet.
    ORDERING_PARAMETERS = ("sort",)
    # Filters that leave a small share of the catalogue (a country has about 1 case in 200; a
    # pillar, 1 in 3). See _linked().
    NARROW_PARAMETERS = ("q", "country", "region")

    class Meta:
        model = Case
        fields = []
        form = CaseFilterForm

    @classmethod
    def published(cls, data):
        """The filter every public page, export, feed and the API list through."""
        case_filter = cls(data, queryset=Case.objects.published())
        case_filter.public = True
        return case_filter

    # Whether the queryset is exactly the published cases (set by `published`).
    public = False

    # -- filtering -------------------------------------------------------------------------

    def filter_queryset(self, queryset, exclude=()):
        """Apply every valid filter except those named in `exclude` (used by the facets)."""
        applied = {name: value for name, value in self.cleaned.items() if name not in exclude}
        self._narrowed = any(applied.get(name) for name in self.NARROW_PARAMETERS)
        for name, value in applied.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _linked(self, queryset, links):
        """The cases of `queryset` with a row in `links` (a query on a link table).

        Beside a narrow filter, a broad one (a pillar, an actor level or kind) is an EXISTS
        probe on the few cases left. Otherwise it is `pk IN (...)`, which lets the database
        start from the link table. SQLite cannot reorder an IN of a third of the catalogue,
        and collecting it costs 60 ms at 100,000 cases, where the probes cost one.
        """
        if getattr(self, "_narrowed", False):
            return queryset.filter(Exists(links.filter(case_id=OuterRef("pk"))))
        return queryset.filter(pk__in=links.values("case_id"))

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_pillar(self, queryset, name, pillars):
        if not pillars:
            return queryset
        if self.match_mode == "all":
            for pillar in pillars:
                queryset = self._linked(queryset, CasePillar.objects.filter(pillar=pillar))
            return queryset
        return self._linked(queryset, CasePillar.objects.filter(pillar__in=pillars))

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        links = CaseCountry.objects.filter(country__in=countries)
        return queryset.filter(pk__in=links.values("case_id"))

    def filter_region(self, queryset, name, regions):
        if not regions:
            return queryset
        links = CaseCountry.objects.filter(country__region__in=regions)
        return queryset.filter(pk__in=links.values("case_id"))

    def filter_level(self, queryset, name, levels):
        if not levels:
            return queryset
        return self._linked(queryset, CaseActor.objects.filter(actor__level__in=levels))

    def filter_kind(self, queryset, name, kinds):
        if not kinds:
            return queryset
        return self._linked(queryset, CaseActor.objects.filter(actor__kind__in=kinds))

    def filter_completeness(self, queryset, name, scores):
        if not scores:
            return queryset
        return queryset.completeness_in(scores)

    def filter_year_min(self, queryset, name, year):
        # A period reaches `year` if it ends in or after it (or, lacking an end, starts so).
        reaches = Q(end_year__gte=year) | Q(end_year__isnull=True, start_year__gte=year)
        return queryset.filter(reaches)

    def filter_year_max(self, queryset, name, year):
        return queryset.filter(start_year__lte=year)

    def filter_sort(self, queryset, name, key):
        return queryset.sorted_by(key)

    @property
    def qs(self):
        # Validate first so that invalid parameters are dropped (and reported) rather than applied;
        # an absent or invalid sort still gets the default order.
        if not hasattr(self, "_qs"):
            queryset = self.filter_queryset(self.queryset.all())
            if not self.cleaned.get("sort"):
                queryset = queryset.sorted_by(self.default_sort)
            self._qs = queryset
        return self._qs

    @property
    def default_sort(self):
        """Best match first when searching, else the newest cases."""
        return "relevance" if self.cleaned.get("q") else Case.SORTS[0][0]

    @property
    def sort_key(self):
        return self.cleaned.get("sort") or self.default_sort

    def cache_key(self):
        """A key for this base queryset and filter state, valid until the catalogue changes.

        Parameters in another order or letter case share a key; the sort is left out (facets
        ignore it). Memoised, so one request looks the catalogue version up once.
        """
        if not hasattr(self, "_cache_key"):
            self._cache_key = versioned_key(
                ("case-filter", self._base_key(), self._state_key()),
                using=self.queryset.db,
                version=self.catalogue_version,
            )
        return self._cache_key

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_knows_vocabulary", False):
            for name in ("pillar", "country"):
                field = form.fields[name]
                field.known = partial(self._vocabulary, field.queryset, field.to_field_name)
            form._knows_vocabulary = True
        return form

    def _vocabulary(self, queryset, key):
        queryset = queryset.using(self.queryset.db)
        return vocabulary.known(queryset, key, version=self.catalogue_version)

    @property
    def catalogue_version(self):
        """The catalogue version, read once per filter (so once per request)."""
        if not hasattr(self, "_catalogue_version"):
            self._catalogue_version = catalogue_version(self.queryset.db)
        return self._catalogue_version

    @property
    def indexed(self):
        """This state answered from the bitset index (cases/listing/bitsets.py); only for
        CaseFilter.published, as the index holds the published cases only."""
        if not self.public:
            raise ValueError("The bitset index holds the published cases only.")
        if not hasattr(self, "_indexed"):
            self._indexed = IndexedFilter(self)
        return self._indexed

    def _base_key(self):
        if self.public:
            return "published"  # the same for every request: no SQL compiled to name it
        try:
            return self.queryset.query.sql_with_params()
        except EmptyResultSet:
            return "none"

    def _state_key(self):
        """The valid filter values in a canonical form: order and letter case do not matter."""
        state = []
        for name, value in sorted(self.cleaned.items()):
            if name in self.ORDERING_PARAMETERS or value in (None, "", []):
                continue
            if isinstance(value, list | tuple) or hasattr(value, "model"):
                value = sorted(str(getattr(item, "pk", item)) for item in value)
            state.append((name, value))
        return tuple(state)

    def highlight(self, cases):
        """Give each case of a page a `search_snippet` with the search's matches marked."""
        return full_text.highlight(cases, self.cleaned.get("q"))

    # -- describing the current state -------------------------------------------------------

    @property
    def cleaned(self):
        """The valid parameters; invalid ones are left out (and listed by error_messages)."""
        self.is_valid()
        return self.form.cleaned_data

    @property
    def match_mode(self):
        return self.cleaned.get("pillar_match") or "any"

    def value_labels(self, name):
        """[(raw value, label)] for the valid values of a multi-valued filter."""
        value = self.cleaned.get(name)
        if not value:
            return []
        if name == "pillar":
            return [(pillar.slug, pillar.name) for pillar in value]
        if name == "country":
            return [
                (country.code, localized_country_name(country.code, country.name))
                for country in value
            ]
        choices = dict(self.filters[name].extra["choices"])
        return [(item, choices[item]) for item in value]

    def active_filters(self):
        """Every chosen value as a chip that can be removed on its own."""
        chips = []
        for name in self.MULTI_VALUED:
            for raw, label in self.value_labels(name):
                chips.append(
                    ActiveFilter(
                        chip_label(self.filters[name].label, label), self._query_without(name, raw)
                    )
                )
        cleaned = self.cleaned
        if cleaned.get("q"):
            label = gettext("Search: “%(query)s”") % {"query": cleaned["q"]}
            chips.append(ActiveFilter(label, self._query_without("q")))
        for name in ("year_min", "year_max"):
            if cleaned.get(name) is not None:
                label = chip_label(self.filters[name].label, cleaned[name])
                chips.append(ActiveFilter(label, self._query_without(name)))
        return chips

    def query_string(self, **overrides):
        """The current parameters as a query string, without the page number."""
        data = self.data.copy()
        data.pop("page", None)
        for key, value in overrides.items():
            data.pop(key, None)
            if value is not None:
                data[key] = value
        return data.urlencode()

    def normalised_query(self):
        """The valid parameters in one canonical form: the filters in their declared order,
        several values sorted, defaults left out. Lists with the same filters get the same
        text, which a frozen list (releases.Snapshot) records."""
        cleaned, pairs = self.cleaned, []
        for name in self.filters:
            if name in self.MULTI_VALUED:
                pairs += [(name, raw) for raw in sorted(raw for raw, _ in self.value_labels(name))]
                continue
            value = cleaned.get(name)
            if value in (None, "") or (name == "pillar_match" and value == "any"):
                continue
            pairs.append((name, str(value)))
        return urlencode(pairs)

    def _query_without(self, name, raw=None):
        data = self.data.copy()
        data.pop("page", None)
        if raw is None:
            data.pop(name, None)
        else:
            kept = [item for item in data.getlist(name) if item.strip().upper() != raw.upper()]
            data.setlist(name, kept)
        return data.urlencode()

    def error_messages(self):
        """[(parameter label, message)] for every invalid parameter, in a stable order."""
        messages = []
        for name, errors in self.form.errors.items():
            label = self.filters[name].label if name in self.filters else gettext("Filters")
            messages.extend((label, str(error)) for error in errors)
        return messages

    def filename_stem(self):
        """A short description of the filters for export file names."""
        parts = []
        for name in self.MULTI_VALUED:
            values = [raw for raw, _label in self.value_labels(name)]
            if values:
                parts.append(slugify(f"{name} {' '.join(values)}"))
        cleaned = self.cleaned
        if cleaned.get("year_min") is not None or cleaned.get("year_max") is not None:
            parts.append(f"years-{cleaned.get('year_min') or ''}-{cleaned.get('year_max') or ''}")
        if cleaned.get("q"):
            parts.append("search-" + slugify(cleaned["q"])[:30])
        stem = "_".join(["nlc-cases", *parts])
        return stem[:150]
