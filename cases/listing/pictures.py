"""The overview's pictures: coverage matrices, a world map and a timeline, from one CaseFilter.

Each picture counts the cases that match every *other* active filter, as the facets do, and
each of its elements links to the list with its own values set in place of the current ones:
a matrix cell replaces the pillar and the region (or level); a timeline bar sets the year range
to its year. So the number on an element is exactly the number of cases its link shows.

The counts are intersections of the bitset index (bitsets.py), like the facets', and the
pictures are cached per filter state and language until the catalogue changes.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, ngettext, pgettext
from django.utils.translation import gettext as _

from core.countries import localized_country_name, name_sort_key
from pillars.models import Pillar

from ..cache import cached
from ..choices import Level, Region
from ..models import Country

WORLD_MAP = Path(__file__).resolve().parent.parent / "data" / "world_110m.json"
BINS = 4  # shades (and patterns) beyond "no case"
MAX_TIMELINE_YEARS = 40
MIN_SLOTS = 10


def shade(count, largest):
    """0 for no case, else 1..BINS in proportion to the largest count in the picture."""
    if not count or not largest:
        return 0
    return max(1, math.ceil(BINS * count / largest))


def legend(largest):
    """[(bin, label)] describing what each shade stands for."""
    rows = [(0, pgettext("legend", "no case"))]
    for number in range(1, BINS + 1):
        low = math.floor(largest * (number - 1) / BINS) + 1
        high = math.floor(largest * number / BINS)
        if high >= low:
            if low == high:
                label = ngettext("%(count)s case", "%(count)s cases", low) % {"count": low}
            else:
                label = _("%(low)s–%(high)s cases") % {"low": low, "high": high}
            rows.append((number, label))
    return rows


@dataclass(frozen=True)
class Cell:
    count: int
    shade: int
    url: str
    label: str


@dataclass(frozen=True)
class Matrix:
    title: str
    caption: str
    columns: list  # [(value, label, url)]
    rows: list  # [(pillar name, url, [Cell, ...])]
    legend: list


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    d: str
    count: int
    shade: int
    selected: bool
    url: str

    @property
    def label(self):
        return count_label(self.name, self.count)


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    url: str
    x: float
    y: float
    height: float
    centre: float
    labelled: bool

    @property
    def label(self):
        return count_label(self.year, self.count)

    @property
    def count_y(self):
        return round(self.y - 4, 1)


def count_label(subject, count):
    """ "Uganda: 3 cases", for a picture's element and its tooltip."""
    return ngettext("%(subject)s: %(count)s case", "%(subject)s: %(count)s cases", count) % {
        "subject": subject,
        "count": count,
    }


def _cases_without(case_filter, *names):
    """The set of the cases matching every active filter but `names`."""
    return case_filter.indexed.cases(exclude=set(names))


def _list_url(case_filter, **overrides):
    query = case_filter.query_string(**overrides)
    return reverse("cases:list") + (f"?{query}" if query else "")


def coverage_matrix(case_filter, *, column, choices, title, caption):
    """Pillars × `column` (region or level): how many cases have each pair."""
    cases = _cases_without(case_filter, "pillar", column)
    by_pillar = case_filter.indexed.index.values["pillar"]
    by_column = case_filter.indexed.index.values[column]
    counts = {
        (pillar, value): (cases & with_pillar & with_value).bit_count()
        for pillar, with_pillar in by_pillar.items()
        for value, with_value in by_column.items()
    }
    largest = max(counts.values(), default=0)
    pillars = list(Pillar.objects.order_by("order", "name"))
    columns = [
        (value, label, _list_url(case_filter, **{column: value, "pillar": None}))
        for value, label in choices
    ]
    rows = []
    for pillar in pillars:
        cells = []
        for value, label in choices:
            count = counts.get((pillar.pk, value), 0)
            url = _list_url(case_filter, pillar=pillar.slug, pillar_match=None, **{column: value})
            text = count_label(f"{pillar.name}, {label}", count)
            cells.append(Cell(count, shade(count, largest), url, text))
        row_url = _list_url(case_filter, pillar=pillar.slug, pillar_match=None, **{column: None})
        rows.append((pillar.name, row_url, cells))
    return Matrix(title, caption, columns, rows, legend(largest))


def pillar_region_matrix(case_filter):
    return coverage_matrix(
        case_filter,
        column="region",
        choices=Region.choices,
        title=_("Pillars by region"),
        caption=_(
            "Pillars by region: the number of cases with each pillar and region. "
            "Each number links to those cases."
        ),
    )


def pillar_level_matrix(case_filter):
    return coverage_matrix(
        case_filter,
        column="level",
        choices=Level.choices,
        title=_("Pillars by level of the actors"),
        caption=_(
            "Pillars by level of the actors: the number of cases with each pillar and actor "
            "level. Each number links to those cases."
        ),
    )


@cache
def world_shapes():
    return json.loads(WORLD_MAP.read_text())


def world_map(case_filter):
    """Every country shape with its number of cases; the countries with cases, for the table."""
    cases = _cases_without(case_filter, "country")
    by_country = case_filter.indexed.index.values["country"]
    matching = {pk: kept for pk, found in by_country.items() if (kept := cases & found)}
    rows = [
        {"code": code, "name": name, "region": region, "matching": matching[pk].bit_count()}
        for pk, code, name, region in Country.objects.filter(pk__in=matching)
        .order_by("name")
        .values_list("pk", "code", "name", "region")
    ]
    counted = {row["code"]: row for row in rows}
    selected = {code for code, _label in case_filter.value_labels("country")}
    largest = max((row["matching"] for row in counted.values()), default=0)
    shapes = world_shapes()
    countries = []
    for shape in shapes["countries"]:
        row = counted.get(shape["code"])
        count = row["matching"] if row else 0
        url = reverse("cases:country", args=[shape["code"]]) if count else ""
        countries.append(
            MapCountry(
                shape["code"],
                localized_country_name(shape["code"], row["name"] if row else shape["name"]),
                shape["d"],
                count,
                shade(count, largest),
                shape["code"] in selected,
                url,
            )
        )
    drawn = {shape["code"] for shape in shapes["countries"]}
    table = [
        {
            "code": row["code"],
            "name": localized_country_name(row["code"], row["name"]),
            "region": Region(row["region"]).label,
            "count": row["matching"],
            "url": reverse("cases:country", args=[row["code"]]),
            "drawn": row["code"] in drawn,
        }
        for row in counted.values()
    ]
    table.sort(key=lambda row: name_sort_key(row["name"]))
    return {
        "width": shapes["width"],
        "height": shapes["height"],
        "countries": countries,
        "table": table,
        "legend": legend(largest),
        "undrawn": [row for row in table if not row["drawn"]],
    }


def _cases_per_year(index, cases):
    """({year: how many of `cases` their period reaches}, how many have no period), as the
    year filters read a period: from its start to its end, or its start alone without one."""
    starts = {year: kept for year, found in index.starts.items() if (kept := found & cases)}
    ends = {year: kept for year, found in index.ends.items() if (kept := found & cases)}
    undated = starts.pop(None, 0).bit_count()
    open_ended = ends.pop(None, 0)
    if not starts:
        return {}, undated
    years = range(min(starts), max([*starts, *ends]) + 1)
    # Cases whose (closed) period ends in or after each year, gathered from the last year back.
    ending_from, running = {}, 0
    for year in reversed(years):
        running |= ends.get(year, 0)
        ending_from[year] = running
    counts, started = {}, 0
    for year in years:
        started |= starts.get(year, 0)
        reached = started & ending_from[year] | open_ended & starts.get(year, 0)
        if reached:
            counts[year] = reached.bit_count()
    return counts, undated


def timeline(case_filter, *, width=480, height=180):
    """Cases per year: a case counts in every year its period reaches."""
    cases = _cases_without(case_filter, "year_min", "year_max")
    counts, undated = _cases_per_year(case_filter.indexed.index, cases)
    result = {"bars": [], "undated": undated, "width": width, "height": height}
    if not counts:
        return result
    last = max(counts)
    first = max(min(counts), last - MAX_TIMELINE_YEARS + 1)
    largest = max(counts.values())
    years = list(range(first, last + 1))
    # At least MIN_SLOTS slots wide, so one year is a bar and not a wall; centred.
    slot = width / max(len(years), MIN_SLOTS)
    offset = (width - slot * len(years)) / 2
    chart = height - 40  # room for the count above and the year below each bar
    label_every = 1 if len(years) <= 12 else 2 if len(years) <= 25 else 5
    # Time runs the way the page reads: right to left in Arabic.
    if get_language_bidi():
        years.reverse()
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        bar_height = round(chart * count / largest, 1)
        bars.append(
            Bar(
                year=year,
                count=count,
                url=_list_url(case_filter, year_min=str(year), year_max=str(year)),
                x=round(offset + index * slot + 2, 1),
                y=round(20 + chart - bar_height, 1),
                height=bar_height,
                centre=round(offset + index * slot + slot / 2, 1),
                labelled=year % label_every == 0 or len(years) == 1,
            )
        )
    result.update(
        bars=bars,
        bar_width=round(max(slot - 4, 1), 1),
        baseline=height - 20,
        label_y=height - 4,
        truncated=min(counts) < first,
        first=first,
        last=last,
    )
    return result


def overview(case_filter):
    """The four pictures as HTML, cached per filter state and language: drawing the map's
    two hundred shapes costs more than counting them."""

    def draw():
        pictures = {
            "region_matrix": pillar_region_matrix(case_filter),
            "level_matrix": pillar_level_matrix(case_filter),
            "map": world_map(case_filter),
            "timeline": timeline(case_filter),
        }
        return mark_safe(render_to_string("includes/pictures/all.html", pictures))

    return cached(f"{case_filter.cache_key()}:pictures:{get_language()}", draw)
