"""How complete a case's record is: the one rule, for the case page, the list and the exports.

A case meets five criteria when it has
- a period: a start year (an open end counts, as many cases are still running);
- actors: at least one (each actor has a level: a check constraint on Actor insists);
- a source with a link: at least one source with a URL a reader can follow;
- takeaways: at least one, in the case's original language;
- reviewed translations: every language besides the original has a translation a person
  reviewed (the state rule of core.languages; the original language needs none).

Its score is how many it meets, 0 to 5, and what it misses says why. The rule has three forms,
all here, which tests hold to the same answer for every case: `criteria_q()` in SQL, for the
list's filter; `score_sets()` over sets of cases, for the list's counts and facet (the bitset
index builds the sets from the link tables it reads anyway and the pieces below, so it reads
each case's row once and probes no other table per case); and `assess()` in Python, from what a
case page or an export record already holds, so neither costs a query.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db import models
from django.db.models import Exists, OuterRef, Q, Value, When
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.languages import (
    LANGUAGE_CODES,
    Language,
    TranslationState,
    TranslationStatus,
    has_text_q,
    localized,
)

from .links import CaseActor, Source
from .translations import REQUIRED_TEXT, CaseTranslation


class Criterion(models.TextChoices):
    """What a complete case has; the label names it as a missing thing ("Missing: …")."""

    PERIOD = "period", _("a period")
    ACTORS = "actors", _("actors")
    SOURCE_LINK = "source_link", _("a source with a link")
    TAKEAWAYS = "takeaways", _("takeaways")
    TRANSLATIONS = "translations", _("reviewed translations")


TOTAL = len(Criterion)
SCORES = range(TOTAL, -1, -1)  # the most complete first, as the filter lists them
# A translation that is there and checked, or the original itself.
DONE = frozenset({TranslationState.ORIGINAL, TranslationState.REVIEWED})


def score_label(score):
    if score == TOTAL:
        return format_lazy(_("{score} of {total} (complete)"), score=score, total=TOTAL)
    return format_lazy(_("{score} of {total}"), score=score, total=TOTAL)


def score_choices():
    """The filter's values, "5" to "0", with their labels."""
    return [(str(score), score_label(score)) for score in SCORES]


@dataclass(frozen=True)
class Completeness:
    """What a case meets: `missing` holds the criteria it does not meet, in Criterion order,
    and `unreviewed` the languages whose translation is missing or not yet reviewed."""

    missing: tuple
    unreviewed: tuple = ()

    total = TOTAL

    @property
    def score(self):
        return TOTAL - len(self.missing)

    @property
    def is_complete(self):
        return not self.missing

    @property
    def label(self):
        return score_label(self.score)

    def missing_labels(self):
        """What the case lacks, in words of the active language; the translations name their
        languages ("a reviewed translation into Arabic")."""
        labels = []
        for criterion in self.missing:
            if criterion == Criterion.TRANSLATIONS:
                labels += [
                    gettext("a reviewed translation into %(language)s")
                    % {"language": Language(code).label}
                    for code in self.unreviewed
                ]
            else:
                labels.append(Criterion(criterion).label)
        return labels


def assess(*, start_year, has_actors, source_urls, takeaways, translation_states):
    """The rule in Python. `takeaways` are the original language's; `translation_states` is
    {language: TranslationState (or its value)} for every catalogue language."""
    met = {
        Criterion.PERIOD: start_year is not None,
        Criterion.ACTORS: bool(has_actors),
        Criterion.SOURCE_LINK: any(source_urls),
        Criterion.TAKEAWAYS: bool(takeaways),
    }
    unreviewed = tuple(code for code in LANGUAGE_CODES if translation_states[code] not in DONE)
    met[Criterion.TRANSLATIONS] = not unreviewed
    missing = tuple(criterion.value for criterion in Criterion if not met[criterion])
    return Completeness(missing=missing, unreviewed=unreviewed)


def takeaways_q():
    """Cases with at least one takeaway in their original language."""
    conditions = []
    for code in LANGUAGE_CODES:
        column = localized("takeaways", code)
        conditions.append(
            Q(original_language=code) & Q(**{f"{column}__isnull": False}) & ~Q(**{column: []})
        )
    return reduce(operator.or_, conditions)


def linked_sources():
    """The sources a reader can follow: those with a URL."""
    return Source.objects.exclude(url="")


def reviewed_translations(language):
    """The reviews of `language` that hold: reviewed, with the title and summary still there
    (as core.languages.translation_state has it)."""
    reviewed = CaseTranslation.objects.filter(language=language, status=TranslationStatus.REVIEWED)
    return reviewed.filter(has_text_q(REQUIRED_TEXT, language, prefix="case__"))


def _of_case(queryset):
    return Q(Exists(queryset.filter(case_id=OuterRef("pk"))))


def criteria_q():
    """The rule in SQL: {criterion: a condition on cases}."""
    return {
        Criterion.PERIOD: Q(start_year__isnull=False),
        Criterion.ACTORS: _of_case(CaseActor.objects.all()),
        Criterion.SOURCE_LINK: _of_case(linked_sources()),
        Criterion.TAKEAWAYS: takeaways_q(),
        Criterion.TRANSLATIONS: reduce(
            operator.and_,
            (
                Q(original_language=code) | _of_case(reviewed_translations(code))
                for code in LANGUAGE_CODES
            ),
        ),
    }


def flag(condition):
    """SQL of 1 where `condition` holds, else 0."""
    return models.Case(When(condition, then=Value(1)), default=Value(0))


def score_expression():
    """SQL of the score: one for each criterion met."""
    return reduce(operator.add, [flag(condition) for condition in criteria_q().values()])


# The rule as sets of cases (integers used as bitsets: cases/listing/bitsets.py), which the
# list's index builds from the queries above and the link tables it reads anyway.


def translated_set(everyone, *, original, reviewed):
    """The cases of `everyone` whose every language is their original ({language: cases written
    in it}) or has a translation whose review holds ({language: cases}, from
    reviewed_translations)."""
    found = everyone
    for code in LANGUAGE_CODES:
        found &= original.get(code, 0) | reviewed.get(code, 0)
    return found


def score_sets(everyone, met):
    """{"5": the cases of `everyone` meeting all five criteria, …, "0": …} from `met`, the set
    of cases meeting each criterion, counted bit by bit. A score no case has is left out."""
    exactly = [everyone]  # exactly[k]: the cases meeting k of the criteria counted so far
    for criterion in Criterion:
        cases = met[criterion] & everyone
        exactly = [
            (exactly[k] & ~cases if k < len(exactly) else 0) | (exactly[k - 1] & cases if k else 0)
            for k in range(len(exactly) + 1)
        ]
    return {str(score): cases for score, cases in enumerate(exactly) if cases}
