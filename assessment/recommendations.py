"""The published cases that best show each of the weakest pillars, for one asker.

Every candidate comes through the catalogue's one FilterSet (CaseFilter.published), so
"tagged with the pillar", "in the region" and "has an actor at the level" mean exactly what
they mean on /cases/.
"""

from dataclasses import dataclass

from django.db.models import Case as Switch
from django.db.models import Count, F, IntegerField, Value, When
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.listing.filters import CaseFilter
from cases.models import Case

PER_PILLAR = 3

RANKING_RULE = gettext_lazy(
    "For each weakest pillar, up to three published cases tagged with it are shown. "
    "Cases tagged with the pillar come first when they match both your region and your "
    "level, then either, then the rest; among equals, the most focused case (fewest "
    "pillars) first, then the most recent."
)


@dataclass(frozen=True)
class Recommendation:
    case: Case
    pillar: object
    same_region: bool
    at_level: bool
    level: object

    def reasons(self):
        """Why the case was chosen, one short phrase each."""
        reasons = [_("shows %(pillar)s") % {"pillar": self.pillar.name}]
        if self.at_level:
            reasons.append(
                _("has an actor at your level (%(level)s)") % {"level": self.level.label}
            )
        if self.same_region:
            reasons.append(_("in your region"))
        return reasons


def recommend(profile):
    """[(pillar score, [Recommendation, ...])] for each weakest pillar, best first.

    A fixed number of queries: two per weakest pillar (the FilterSet checks the pillar, then
    the ranked ids) and three for the cases' cards, whatever the size of the catalogue.
    """
    ranked = [(score, _ranked(score.pillar, profile)[:PER_PILLAR]) for score in profile.weakest]
    ranked = [(score, list(rows)) for score, rows in ranked]
    ids = {row["pk"] for _score, rows in ranked for row in rows}
    cases = Case.objects.published().filter(pk__in=ids).for_cards().in_bulk() if ids else {}
    return [
        (
            score,
            [
                Recommendation(
                    case=cases[row["pk"]],
                    pillar=score.pillar,
                    same_region=bool(row["same_region"]),
                    at_level=bool(row["at_level"]),
                    level=profile.level,
                )
                for row in rows
                if row["pk"] in cases
            ],
        )
        for score, rows in ranked
    ]


def recommended_ids(recommendations):
    """The recommended cases' ids in the order shown, each once."""
    ids = []
    for _score, picks in recommendations:
        ids += [pick.case.pk for pick in picks if pick.case.pk not in ids]
    return ids


def _published(**parameters):
    data = QueryDict(mutable=True)
    for name, values in parameters.items():
        data.setlist(name, list(values))
    return CaseFilter.published(data).qs


def _matches(condition_cases):
    return Switch(
        When(pk__in=condition_cases.values("pk"), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _ranked(pillar, profile):
    """Ids of the published cases tagged with `pillar`, best for this asker first."""
    same_region = _matches(_published(region=[profile.region])) if profile.region else Value(0)
    at_level = _matches(_published(level=profile.level.actor_levels)) if profile.level else Value(0)
    return (
        _published(pillar=[pillar.slug])
        .annotate(
            same_region=same_region,
            at_level=at_level,
            pillar_count=Count("pillars", distinct=True),
        )
        .order_by(
            (F("same_region") + F("at_level")).desc(),
            "pillar_count",
            F("start_year").desc(nulls_last=True),
            F("start_month").desc(nulls_last=True),
            "-id",
        )
        .values("pk", "same_region", "at_level")
    )
