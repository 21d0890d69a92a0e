"""Related cases: ranked by what they share with a case, each card saying why, in words.

A case's neighbours share its pillars, its levels of actors, its country or region, and its
wording. Scoring every case would read half the catalogue, so three bounded queries pick the
candidates (cases of the same countries sharing the most pillars; the newest of the same
region; the newest sharing a pillar) and the scores are counted in Python over those few
dozen. Wording therefore ranks the candidates rather than finding new ones. Curators' pins come
first whatever they share; hidden cases never show.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from core.countries import localized_country_name

from ..choices import Level, Region
from .links import CaseActor, RelatedCaseOverride

CANDIDATES_PER_QUERY = 12

# What one shared feature weighs: pillars are what the catalogue is about, so they count most;
# a shared country says more than a shared region.
WEIGHTS = {"pillar": 3, "country": 4, "region": 1, "level": 1, "word": 1}
# Enough shared words to be a likeness rather than chance, and how many count.
MIN_SHARED_WORDS, MAX_SHARED_WORDS = 2, 3

# "International" is left out: the Strong Cities Network takes part in most cases, so sharing
# it says little.
LEVEL_ADJECTIVES = {
    Level.NATIONAL: pgettext_lazy("plural adjective of actors", "national"),
    Level.REGIONAL: pgettext_lazy("plural adjective of actors", "regional"),
    Level.LOCAL: pgettext_lazy("plural adjective of actors", "local"),
    Level.COMMUNITY: pgettext_lazy("plural adjective of actors", "community"),
}

WORD = re.compile(r"[^\W\d_]{4,}")
# Words of four letters or more that every NLC case uses, or that say nothing on their own.
_COMMON = """
    about across actors after against also among been before being between both case cases
    cities city could each from further government governments have having held helps here
    into its level levels local more most national network officials other over part same
    since some strong such than that their them then there these they this those through
    under until very were what when where which while whole will with within work working
    would year years january february march april june july august september october
    november december cooperation prevention extremism polarisation hate violent violence
"""
COMMON_WORDS = frozenset(_COMMON.split())


def significant_words(*texts):
    """The words of `texts` that can show two cases are alike: lower-case, common ones out,
    a plural's final s dropped."""
    words = set()
    for text in texts:
        for word in WORD.findall(text.lower()):
            if word in COMMON_WORDS:
                continue
            words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


@dataclass(frozen=True)
class Profile:
    """What a case can share with another."""

    pillars: dict  # id: name
    countries: dict  # id: name
    regions: frozenset
    levels: frozenset
    words: frozenset

    @classmethod
    def of(cls, case, levels):
        countries = list(case.countries.all())
        return cls(
            pillars={pillar.pk: pillar.name for pillar in case.pillars.all()},
            countries={
                country.pk: localized_country_name(country.code, country.name)
                for country in countries
            },
            regions=frozenset(country.region for country in countries),
            levels=frozenset(levels) & set(LEVEL_ADJECTIVES),
            words=frozenset(significant_words(case.title, case.summary)),
        )


def listed(items):
    """“a, b and c” in the current language."""
    return get_text_list(items, pgettext("last item of a list", "and"))


def score_and_reasons(subject, other):
    """(score, [reason, ...]) for `other` beside `subject`, in the current language."""
    score, reasons = 0, []
    pillars = [name for pk, name in other.pillars.items() if pk in subject.pillars]
    if pillars:
        score += WEIGHTS["pillar"] * len(pillars)
        reasons.append(_("also %(pillars)s") % {"pillars": listed(pillars)})
    shared_levels = subject.levels & other.levels
    levels = [adjective for level, adjective in LEVEL_ADJECTIVES.items() if level in shared_levels]
    if levels:
        score += WEIGHTS["level"] * len(levels)
        reasons.append(_("also %(levels)s actors") % {"levels": listed(levels)})
    countries = [name for pk, name in other.countries.items() if pk in subject.countries]
    if countries:
        score += WEIGHTS["country"]
        reasons.append(_("also in %(countries)s") % {"countries": listed(countries)})
    else:
        regions = [Region(region).label for region in sorted(subject.regions & other.regions)]
        if regions:
            score += WEIGHTS["region"]
            reasons.append(_("same region: %(regions)s") % {"regions": listed(regions)})
    words = sorted(subject.words & other.words)
    if len(words) >= MIN_SHARED_WORDS:
        words = words[:MAX_SHARED_WORDS]
        score += WEIGHTS["word"] * len(words)
        reasons.append(_("similar words: %(words)s") % {"words": listed(words)})
    return score, reasons


def related_cases(queryset, case, limit):
    """Up to `limit` cases of `queryset` related to `case`, as cards with `related_reasons`.

    Pinned cases come first in the curators' order; the rest by score, then newest. Eight
    queries whatever the catalogue's size.
    """
    overrides = list(
        RelatedCaseOverride.objects.filter(case=case).values_list("other_id", "kind", "order")
    )
    hidden = {other for other, kind, _order in overrides if kind == RelatedCaseOverride.Kind.HIDE}
    pinned = [
        other
        for other, kind, _order in sorted(overrides, key=lambda row: row[2])
        if kind == RelatedCaseOverride.Kind.PIN
    ][:limit]
    subject = Profile.of(case, levels=(link.actor.level for link in case.case_actors.all()))
    others = queryset.exclude(pk=case.pk).exclude(pk__in=hidden)
    candidate_ids = [*pinned, *_candidate_ids(others, subject)]
    # The same queryset filters pinned cases: a draft or trashed pin never shows.
    cards = {card.pk: card for card in others.filter(pk__in=candidate_ids).for_cards()}
    levels = {}
    for case_id, level in (
        CaseActor.objects.filter(case__in=list(cards)).values_list("case_id", "actor__level")
    ).distinct():
        levels.setdefault(case_id, set()).add(level)
    ranked = []
    for pk, card in cards.items():
        if pk in pinned:
            card.related_reasons = [_("chosen by the editors")]
            ranked.append(((0, pinned.index(pk)), card))
            continue
        score, reasons = score_and_reasons(subject, Profile.of(card, levels.get(pk, ())))
        card.related_reasons = reasons
        newest = (card.start_year or 0, card.start_month or 0, card.pk)
        ranked.append(((1, -score, tuple(-part for part in newest)), card))
    ranked.sort(key=lambda item: item[0])
    return [card for _key, card in ranked[:limit]]


def _candidate_ids(others, subject):
    """Ids of cases likely to share most with `subject`: three bounded queries."""
    through = others.model
    case_country = through.countries.through
    case_pillar = through.pillars.through
    same_country = case_country.objects.filter(country__in=list(subject.countries))
    by_pillars = (
        others.filter(pk__in=same_country.values("case_id"))
        .annotate(shared=models.Count("pillars", filter=Q(pillars__in=list(subject.pillars))))
        .order_by("-shared", "title")
        .values_list("pk", flat=True)[:CANDIDATES_PER_QUERY]
    )
    same_region = case_country.objects.filter(country__region__in=list(subject.regions))
    in_region = (
        others.filter(pk__in=same_region.values("case_id"))
        .sorted_by("newest")
        .values_list("pk", flat=True)[:CANDIDATES_PER_QUERY]
    )
    # EXISTS, not IN: walking the newest-first index and probing each case's pillars stops
    # after a few rows, where IN would first collect a third of the catalogue (SQLite).
    shares_a_pillar = Exists(
        case_pillar.objects.filter(case_id=OuterRef("pk"), pillar__in=list(subject.pillars))
    )
    with_pillar = (
        others.filter(shares_a_pillar)
        .sorted_by("newest")
        .values_list("pk", flat=True)[:CANDIDATES_PER_QUERY]
    )
    # Each asked every time, even when empty, so a page's query count is fixed.
    return [*by_pillars, *in_region, *with_pillar]
