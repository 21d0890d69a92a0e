"""Deterministic benchmark data: realistic cases, actors and countries, bulk-inserted.

Case n of seed s is always the same case, so `--cases 30` followed by `--cases 270` gives
the same 300 cases as `--cases 300`. Generated rows are known by their slugs (`gen-<seed>-<n>`,
`gen-actor-<n>`); seed and curated rows are never touched. Nothing removes generated rows: the
benchmark runs in a database of its own and drops it (bench/database.py).
"""

import random
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from cases import cache, search
from cases.choices import ActorKind, Level
from cases.models import Actor, Case, CaseActor, Country, Source
from pillars.models import Pillar

from .countries import countries as real_countries
from .words import COMMON, DOMAIN, place_names, tail_words

BATCH = 2000
TAIL = tail_words(20000)
PLACES = place_names(3000)
KIND_LEVELS = [
    (ActorKind.NATIONAL_AGENCY, Level.NATIONAL, "Ministry of {Domain}"),
    (ActorKind.LOCAL_GOVERNMENT, Level.LOCAL, "{Place} City Council"),
    (ActorKind.REGIONAL_GOVERNMENT, Level.REGIONAL, "{Place} Provincial Government"),
    (ActorKind.CIVIL_SOCIETY, Level.LOCAL, "{Place} {Domain} Alliance"),
    (ActorKind.COMMUNITY_BODY, Level.COMMUNITY, "{Place} Neighbourhood Committee"),
    (ActorKind.INTERNATIONAL_ORG, Level.INTERNATIONAL, "International {Domain} Forum"),
    (ActorKind.POLICE_SECURITY, Level.LOCAL, "{Place} Community Police"),
    (ActorKind.RESEARCH_ACADEMIA, Level.NATIONAL, "University of {Place}"),
    (ActorKind.NETWORK, Level.INTERNATIONAL, "{Domain} Cities Network"),
]
ROLES = [
    "leads the work",
    "funds the pilot",
    "trains staff",
    "chairs the board",
    "runs outreach",
    "evaluates results",
    "hosts meetings",
    "advises on policy",
    "",
]
PUBLISHERS = ["Strong Cities Network", "GCTF", "UNDP", "OSCE", "Council of Europe", "ICLEI"]


def _zipf_cumulative(size, offset=1.5):
    total, cumulative = 0.0, []
    for rank in range(size):
        total += 1.0 / (rank + offset)
        cumulative.append(total)
    return cumulative


# One vocabulary: common words first (most frequent), then the domain, then the rare tail.
# Drawing each word is slow in Python, so one long Zipf-distributed stream is drawn once and
# each passage is a slice of it at a seeded offset: same distribution, a hundred times faster.
VOCABULARY = COMMON + DOMAIN + TAIL
STREAM = random.Random(3).choices(
    VOCABULARY, cum_weights=_zipf_cumulative(len(VOCABULARY)), k=1_000_000
)


@dataclass
class Report:
    countries: int = 0
    actors: int = 0
    cases: int = 0

    def __str__(self):
        return f"{self.cases} cases, {self.actors} actors and {self.countries} countries generated"


class Writer:
    """Text in the shape of real case studies."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, count):
        start = self.rng.randrange(len(STREAM) - count)
        return STREAM[start : start + count]

    def sentences(self, word_count):
        out, left = [], word_count
        while left > 0:
            length = min(left, self.rng.randint(8, 22))
            words = self.words(length)
            out.append(" ".join(words).capitalize() + ".")
            left -= length
        return " ".join(out)

    def summary(self):
        text = self.sentences(self.rng.randint(150, 400))
        # The model allows 2,000 characters; cut at a sentence end to stay valid in the admin.
        if len(text) > 2000:
            text = text[:2000].rsplit(". ", 1)[0] + "."
        return text

    def body(self):
        rng = self.rng
        parts = [f"## Background\n\n{self.sentences(rng.randint(40, 90))}"]
        items = "\n".join(f"- {self.sentences(rng.randint(6, 12))}" for _ in range(3))
        parts.append(f"## What was done\n\n{items}")
        parts.append(f"## Results\n\n**{self.sentences(8)}** {self.sentences(rng.randint(30, 70))}")
        return "\n\n".join(parts)

    def title(self, place):
        rng = self.rng
        a, b = rng.sample(DOMAIN[:150], 2)
        pattern = rng.choice(
            [
                "{place} {a} {b} programme",
                "{A} and {b} in {place}",
                "{place}: a {a} {b} taskforce",
                "How {place} built {a} {b}",
                "{place} {a} network for {b}",
            ]
        )
        return pattern.format(place=place, a=a, b=b, A=a.capitalize())


def generated_cases(seed=None):
    return Case.objects.filter(slug__startswith="gen-" if seed is None else f"gen-{seed}-")


def generated_actors():
    return Actor.objects.filter(slug__startswith="gen-actor-")


def generate(*, cases, seed=1, actors=20000, stdout=None):
    pillars = list(Pillar.objects.order_by("order", "id"))
    if not pillars:
        raise ValueError("There are no pillars; run `manage.py load_seed` first.")
    report = Report()
    with transaction.atomic(), _without_triggers():
        report.countries = _ensure_countries()
        report.actors = _ensure_actors(actors, seed)
        country_ids = list(Country.objects.order_by("code").values_list("id", flat=True))
        actor_ids = list(generated_actors().order_by("id").values_list("id", flat=True))
        start = generated_cases(seed).count()
        for first in range(start, start + cases, BATCH):
            last = min(first + BATCH, start + cases)
            _insert_cases(range(first, last), seed, pillars, country_ids, actor_ids)
            report.cases += last - first
            if stdout:
                stdout.write(f"  {report.cases} cases")
    _analyze()
    return report


@contextmanager
def _without_triggers():
    """Inside the load's transaction: no triggers while loading, then one pass over it all.

    With the triggers on, every link row would index its case's text again and every statement
    would bump the catalogue version. A rebuild indexes every case at once (on PostgreSQL after
    an ANALYZE); installing the version triggers bumps the version. Should the load fail, the
    rollback brings the triggers back.
    """
    full_text = search.backend()
    full_text.uninstall_triggers(connection)
    cache.uninstall_triggers(connection)
    yield
    full_text.install(connection, rebuild=True)
    cache.install(connection)


def _analyze():
    """Fresh planner statistics for every table: after a bulk load, old ones mislead the pages'
    query plans. VACUUM also sets PostgreSQL's visibility map, which index-only scans (counts)
    need; it cannot run inside a transaction (a test's, say)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def _ensure_countries():
    existing = set(Country.objects.values_list("code", flat=True))
    new = [
        Country(code=code, name=name, region=region)
        for code, name, region in real_countries()
        if code not in existing
    ]
    Country.objects.bulk_create(new, batch_size=500)
    return len(new)


def _ensure_actors(count, seed):
    have = generated_actors().count()
    if have >= count:
        return 0
    rng = random.Random(seed)
    country_ids = list(Country.objects.order_by("code").values_list("id", flat=True))
    new = []
    for number in range(have, count):
        kind, level, pattern = KIND_LEVELS[number % len(KIND_LEVELS)]
        name = pattern.format(Place=rng.choice(PLACES), Domain=rng.choice(DOMAIN).capitalize())
        new.append(
            Actor(
                name=f"{name} {number}" if "{Place}" not in pattern else name,
                slug=f"gen-actor-{number:05d}",
                kind=kind,
                level=level,
                country_id=None if level == Level.INTERNATIONAL else rng.choice(country_ids),
            )
        )
    Actor.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _insert_cases(numbers, seed, pillars, country_ids, actor_ids):
    drafts = []
    for number in numbers:
        rng = random.Random(seed * 1_000_003 + number)
        writer = Writer(rng)
        start_year = rng.randint(1995, 2025) if rng.random() > 0.1 else None
        start_month = rng.randint(1, 12) if start_year and rng.random() > 0.3 else None
        end_year = None
        if start_year and rng.random() > 0.5:
            end_year = start_year + rng.randint(1, 6)
        end_month = rng.randint(1, 12) if end_year and start_month else None
        case = Case(
            title=writer.title(rng.choice(PLACES)),
            slug=f"gen-{seed}-{number:06d}",
            start_year=start_year,
            start_month=start_month,
            end_year=end_year,
            end_month=end_month,
            summary=writer.summary(),
            body=writer.body(),
            takeaways=[writer.sentences(rng.randint(8, 14)) for _ in range(rng.randint(2, 4))],
            status=Case.Status.PUBLISHED if rng.random() > 0.05 else Case.Status.DRAFT,
        )
        links = {
            "pillars": rng.sample(pillars, rng.randint(1, min(3, len(pillars)))),
            "countries": rng.sample(country_ids, 1 if rng.random() > 0.1 else 2),
            "actors": rng.sample(actor_ids, min(len(actor_ids), rng.randint(1, 5))),
            "roles": [rng.choice(ROLES) for _ in range(5)],
            "source": (rng.choice(PUBLISHERS), rng.randint(2000, 2025)),
        }
        drafts.append((case, links))
    Case.objects.bulk_create([case for case, _links in drafts], batch_size=500)
    # Link rows are many and simple: plain multi-row INSERTs skip the ORM's per-object work.
    _insert_rows(
        Case.pillars.through,
        ["case_id", "pillar_id"],
        ((case.pk, pillar.pk) for case, links in drafts for pillar in links["pillars"]),
    )
    _insert_rows(
        Case.countries.through,
        ["case_id", "country_id"],
        ((case.pk, country_id) for case, links in drafts for country_id in links["countries"]),
    )
    _insert_rows(
        CaseActor,
        ["case_id", "actor_id", "role", "order"],
        (
            (case.pk, actor_id, links["roles"][order], order)
            for case, links in drafts
            for order, actor_id in enumerate(links["actors"])
        ),
    )
    _insert_rows(
        Source,
        ["case_id", "title", "publisher", "url", "published", "order"],
        (
            (
                case.pk,
                f"{case.title}: case study",
                links["source"][0],
                f"https://example.org/cases/{case.slug}",
                f"{links['source'][1]}-06-01",
                0,
            )
            for case, links in drafts
        ),
    )


def _insert_rows(model, columns, rows):
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    rows = list(rows)
    # Multi-row statements: one statement (and one statement trigger) per 100 rows.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 100):
            chunk = rows[start : start + 100]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(chunk))}",
                [value for row in chunk for value in row],
            )
