"""Loading the seed data (fixtures/seed.json): idempotent, all or nothing."""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from pillars.models import Pillar

from ..models import Actor, Case, Country
from .imports.apply import import_apply
from .imports.plan import import_plan


class SeedError(Exception):
    """The seed file is malformed; nothing was written."""


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)

    def __str__(self):
        kinds = ("pillars", "countries", "actors", "cases")
        return "; ".join(
            f"{kind}: {self.created[kind]} created, {self.kept[kind]} already present"
            for kind in kinds
        )


def seed_read(*, path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeedError(f"Cannot read the seed file {path}: {error}") from error


@transaction.atomic
def seed_load(*, data):
    """Create every pillar, country, actor and case of `data` that does not exist yet.

    Rows are matched by slug (or ISO code). An existing row is left exactly as it is, so loading
    twice creates no duplicates and never overwrites a curator's later edits. Any invalid record
    aborts the whole load, leaving the database unchanged.
    """
    report = SeedReport()
    try:
        for record in data["pillars"]:
            _create_missing(Pillar, report, "pillars", slug=record["slug"], defaults=record)
        for record in data["countries"]:
            _create_missing(Country, report, "countries", code=record["code"], defaults=record)
        for record in data["actors"]:
            country = record.get("country")
            defaults = {**record, "country": Country.objects.get(code=country) if country else None}
            _create_missing(Actor, report, "actors", slug=record["slug"], defaults=defaults)
        existing = set(Case.objects.values_list("slug", flat=True))
        new = [record for record in data["cases"] if record["slug"] not in existing]
        report.kept["cases"] = len(data["cases"]) - len(new)
        # Beyond what any import needs, every seed case shows who took part and where from.
        thin = [
            f"case {record['slug']!r}: needs at least one item in {relation}"
            for record in new
            for relation in ("actors", "sources")
            if not record.get(relation)
        ]
        if thin:
            raise SeedError("; ".join(thin))
        # Seed cases go through the same checks and writes as any other import.
        plan = import_plan(
            records=[(f"case {record['slug']!r}", _as_import(record)) for record in new]
        )
        if not plan.is_clean:
            raise SeedError("Invalid seed cases: " + "; ".join(map(str, plan.errors)))
        report.created["cases"] = import_apply(plan=plan, status=Case.Status.PUBLISHED).created
    except (KeyError, TypeError) as error:
        raise SeedError(f"The seed data is missing or misshapes a field: {error!r}") from error
    except (
        ValidationError,
        Country.DoesNotExist,
        Actor.DoesNotExist,
        Pillar.DoesNotExist,
    ) as error:
        raise SeedError(str(error)) from error
    return report


def _create_missing(model, report, kind, defaults, **lookup):
    if model.objects.filter(**lookup).exists():
        report.kept[kind] += 1
        return
    instance = model(**defaults)
    _validate(instance, label=f"{model._meta.verbose_name} {next(iter(lookup.values()))}")
    instance.save()
    report.created[kind] += 1


def _validate(instance, *, label, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
        )
        raise ValidationError(f"{label}: {details}") from error


def _as_import(record):
    """A seed case in the shape of a JSON export record (see cases/exports/records.py)."""
    period_keys = ("start_year", "start_month", "end_year", "end_month")
    return {
        **record,
        "period": {key: record.get(key) for key in period_keys},
        "actors": [
            {"slug": link["actor"], "role": link.get("role", "")} for link in record["actors"]
        ],
    }
