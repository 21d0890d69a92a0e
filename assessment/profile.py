"""A self-assessment's answers as a profile per pillar, and which pillars are the weakest."""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from cases.choices import Region

from .models import Score

# The weakest pillars: the two lowest, and a third when it scores the same as the second.
WEAKEST = 2
WEAKEST_AT_MOST = 3

WEAKEST_RULE = _(
    "The weakest pillars are the two with the lowest average score, and a third when it "
    "scores the same as the second. A pillar rated “established” throughout is never among "
    "them. Where pillars score the same, the one that comes first in the catalogue's order "
    "of pillars (trust, inclusivity, coordination, communication, capacity, sustainability) "
    "is taken first."
)


@dataclass(frozen=True)
class PillarScore:
    pillar: object
    total: int
    statements: int

    @property
    def share(self):
        """The score as a share of the most it could be (every statement "established")."""
        return Fraction(self.total, self.statements * Score.ESTABLISHED)

    @property
    def percent(self):
        return round(self.share * 100)

    @property
    def average(self):
        """The mean answer on the 0-3 scale, to one decimal place."""
        return round(self.total / self.statements, 1)


@dataclass(frozen=True)
class Profile:
    scores: tuple
    weakest: tuple
    answers: tuple
    region: str | None
    level: object | None

    @classmethod
    def from_answers(cls, answers, *, region=None, level=None):
        """`answers` maps each statement to its Score value, in the statements' order."""
        totals = {}
        for statement, value in answers.items():
            total, count = totals.get(statement.pillar, (0, 0))
            totals[statement.pillar] = (total + value, count + 1)
        scores = tuple(
            PillarScore(pillar, total, count) for pillar, (total, count) in totals.items()
        )
        return cls(
            scores=scores,
            weakest=weakest_of(scores),
            answers=tuple((statement, Score(value)) for statement, value in answers.items()),
            region=region,
            level=level,
        )

    @property
    def region_label(self):
        return Region(self.region).label if self.region else ""

    def is_weak(self, score):
        return score in self.weakest


def weakest_of(scores):
    """The weakest pillars (see WEAKEST_RULE), lowest first."""
    candidates = sorted(
        (score for score in scores if score.share < 1),
        key=lambda score: (score.share, score.pillar.order, score.pillar.name),
    )
    chosen = candidates[:WEAKEST]
    for score in candidates[WEAKEST:WEAKEST_AT_MOST]:
        if score.share == chosen[-1].share:
            chosen.append(score)
    return tuple(chosen)
