"""A catalogue of random cases for the tests that hold every way of counting to the same answer.

Drafts and trashed cases among them, several pillars, countries and actors each, open and
closed periods, and every shape completeness can take: sources with and without a link,
takeaways or none (in the original language or only another), cases written in French, and
translations missing, unreviewed, reviewed, or marked reviewed after their text was removed.
"""

import random

from django.utils import timezone

from cases.choices import ActorKind, Level, Region
from cases.models import Case, CaseTranslation, Source
from core.languages import LANGUAGE_CODES, TranslationStatus
from tests.factories import ActorFactory, CaseFactory, CountryFactory, PillarFactory

PILLARS = ["trust", "inclusivity", "coordination", "communication", "capacity"]
COUNTRIES = {
    "UG": Region.EAST_SOUTHERN_AFRICA,
    "KE": Region.EAST_SOUTHERN_AFRICA,
    "FI": Region.EUROPE,
    "FR": Region.EUROPE,
    "IN": Region.SOUTH_ASIA,
    "CA": Region.NORTH_AMERICA,
}
WORDS = ["harbour", "youth", "market", "river"]


def build_random_catalogue(seed=17, size=60):
    rng = random.Random(seed)
    pillars = [PillarFactory(slug=slug) for slug in PILLARS]
    PillarFactory(slug="sustainability")  # a pillar without a case
    countries = [CountryFactory(code=code, region=region) for code, region in COUNTRIES.items()]
    actors = [
        ActorFactory(name=f"Actor {number}", level=rng.choice(Level.values), kind=kind)
        for number, kind in enumerate(ActorKind.values)
    ]
    for number in range(size):
        start = rng.choice([None, 1998, 2005, 2012, 2018, 2023])
        original = rng.choice(["en"] * 4 + ["fr"])
        takeaways = rng.choice([[], ["Agree roles early."]])
        case = CaseFactory(
            title=f"Case {number} {rng.choice(WORDS)}",
            summary=f"About the {rng.choice(WORDS)} and the {rng.choice(WORDS)}.",
            pillars=rng.sample(pillars, rng.randint(0, 3)),
            countries=rng.sample(countries, rng.randint(0, 3)),
            actors=rng.sample(actors, rng.randint(0, 3)),
            start_year=start,
            start_month=None,
            end_year=rng.choice([None, start + rng.randint(0, 8)]) if start else None,
            status=rng.choice([Case.Status.PUBLISHED] * 4 + [Case.Status.DRAFT]),
            original_language=original,
            takeaways=takeaways if original == "en" else rng.choice([[], ["In English only."]]),
            **_other_texts(rng, original, takeaways),
        )
        for order in range(rng.randint(0, 2)):
            url = rng.choice(["", "https://example.org/report"])
            Source.objects.create(case=case, title=f"Source {order}", url=url, order=order)
        for language in LANGUAGE_CODES:
            if language != original and rng.random() < 0.5:
                status = rng.choice(TranslationStatus.values)
                CaseTranslation.objects.create(
                    case=case, language=language, status=status, reviewed_at=timezone.now()
                )
        if rng.random() < 0.1:
            Case.objects.filter(pk=case.pk).update(deleted_at=timezone.now())


def _other_texts(rng, original, takeaways):
    """The French original's text, and each other language's translation or none."""
    texts = {}
    for language in ("fr", "ar"):
        if language == original or rng.random() < 0.6:
            texts[f"title_{language}"] = f"Titre {language}"
            texts[f"summary_{language}"] = f"Résumé {language}."
            if language == original:
                texts[f"takeaways_{language}"] = takeaways
    return texts
