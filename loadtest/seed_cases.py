"""Fill a database with N synthetic published cases, quickly (bulk_create).

    python loadtest/seed_cases.py --cases 10000 --seed 1

Runs on top of the real seed (pillars, countries) that `manage.py load_seed` loads. Synthetic
cases have slugs starting with "synthetic-"; a second run with the same N does nothing. A
fuller generator (`manage.py generate_cases`) may replace this script once it exists.
"""

import argparse
import os
import random
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nlc_catalogue.settings")
django.setup()

import pycountry  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from cases.choices import ActorKind, Level, Region  # noqa: E402
from cases.models import Actor, Case, CaseActor, Country, Source  # noqa: E402
from pillars.models import Pillar  # noqa: E402

WORDS = [
    "city",
    "council",
    "national",
    "strategy",
    "cohesion",
    "prevention",
    "youth",
    "network",
    "dialogue",
    "trust",
    "community",
    "safety",
    "resilience",
    "partnership",
    "ministry",
    "mayor",
    "forum",
    "plan",
    "training",
    "referral",
    "inclusion",
    "hate",
    "extremism",
    "polarisation",
    "coordination",
    "communication",
    "capacity",
    "funding",
]
PREFIX = "synthetic-"


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def ensure_countries(rng, count=60):
    existing = set(Country.objects.values_list("code", flat=True))
    fresh = [
        Country(code=c.alpha_2, name=c.name[:100], region=rng.choice(Region.values))
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2)
        if c.alpha_2 not in existing
    ][: max(0, count - len(existing))]
    Country.objects.bulk_create(fresh)
    return list(Country.objects.all())


def ensure_actors(rng, countries, count=400):
    missing = count - Actor.objects.filter(slug__startswith=PREFIX).count()
    Actor.objects.bulk_create(
        Actor(
            name=f"{sentence(rng, 3)[:-1]} {number}",
            slug=f"{PREFIX}actor-{number:05d}",
            kind=rng.choice(ActorKind.values),
            level=rng.choice(Level.values),
            country=rng.choice(countries),
        )
        for number in range(count - missing, count)
    )
    return list(Actor.objects.filter(slug__startswith=PREFIX))


@transaction.atomic
def seed(*, cases, seed_value):
    rng = random.Random(seed_value)
    pillars = list(Pillar.objects.all())
    if not pillars:
        raise SystemExit("No pillars: run `manage.py load_seed` first.")
    countries = ensure_countries(rng)
    actors = ensure_actors(rng, countries)
    start = Case.objects.filter(slug__startswith=PREFIX).count()
    if start >= cases:
        print(f"{start} synthetic cases already present.")
        return
    batch = 2000
    for first in range(start, cases, batch):
        numbers = range(first, min(first + batch, cases))
        created = Case.objects.bulk_create(
            Case(
                title=f"{sentence(rng, 5)[:-1]} {number}",
                slug=f"{PREFIX}{number:06d}",
                summary=sentence(rng, 40),
                body="\n\n".join(sentence(rng, 60) for _ in range(4)),
                takeaways=[sentence(rng, 10) for _ in range(3)],
                start_year=(year := rng.randint(1995, 2025)),
                start_month=rng.choice([None, *range(1, 13)]),
                end_year=rng.choice([None, year + rng.randint(1, 4)]),
                status=Case.Status.PUBLISHED,
            )
            for number in numbers
        )
        Case.pillars.through.objects.bulk_create(
            Case.pillars.through(case=case, pillar=pillar)
            for case in created
            for pillar in rng.sample(pillars, rng.randint(1, 3))
        )
        Case.countries.through.objects.bulk_create(
            Case.countries.through(case=case, country=country)
            for case in created
            for country in rng.sample(countries, rng.choice([1, 1, 1, 2]))
        )
        CaseActor.objects.bulk_create(
            CaseActor(case=case, actor=actor, role=sentence(rng, 4), order=order)
            for case in created
            for order, actor in enumerate(rng.sample(actors, rng.randint(1, 4)))
        )
        Source.objects.bulk_create(
            Source(case=case, title=sentence(rng, 6), url=f"https://example.org/{case.slug}")
            for case in created
        )
    print(f"Created {cases - start} synthetic cases.")


def analyze():
    """Fresh planner statistics: without them PostgreSQL plans the facet counts badly."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    seed(cases=arguments.cases, seed_value=arguments.seed)
    analyze()
