"""Writes that touch several models at once."""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from pillars.models import Pillar

from .models import Actor, Case, CaseActor, Country, Source


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
        for record in data["cases"]:
            if Case.objects.filter(slug=record["slug"]).exists():
                report.kept["cases"] += 1
            else:
                case_create(record=record)
                report.created["cases"] += 1
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


def case_create(*, record):
    """Create one case with its countries, pillars, actors and sources from a seed-style record."""
    label = f"case {record.get('slug')!r}"
    for relation in ("countries", "pillars", "actors", "sources"):
        if not record.get(relation):
            raise ValidationError(f"{label}: needs at least one item in {relation}.")
    case = Case(
        slug=record["slug"],
        title=record["title"],
        start_year=record.get("start_year"),
        start_month=record.get("start_month"),
        end_year=record.get("end_year"),
        end_month=record.get("end_month"),
        summary=record["summary"],
        body=record.get("body", ""),
        takeaways=record.get("takeaways", []),
        status=record.get("status", Case.Status.PUBLISHED),
    )
    _validate(case, label=label)
    case.save()
    case.countries.set(_all_by(Country, "code", record["countries"], label))
    case.pillars.set(_all_by(Pillar, "slug", record["pillars"], label))
    actors = {
        actor.slug: actor
        for actor in _all_by(Actor, "slug", [link["actor"] for link in record["actors"]], label)
    }
    for order, link in enumerate(record["actors"]):
        case_actor = CaseActor(
            case=case, actor=actors[link["actor"]], role=link.get("role", ""), order=order
        )
        _validate(case_actor, label=label)
        case_actor.save()
    for order, source_record in enumerate(record["sources"]):
        source = Source(case=case, order=order, **source_record)
        _validate(source, label=label)
        source.save()
    return case


def _all_by(model, key, values, label):
    found = list(model.objects.filter(**{f"{key}__in": values}))
    missing = set(values) - {getattr(obj, key) for obj in found}
    if missing:
        raise ValidationError(
            f"{label}: unknown {model._meta.verbose_name} {', '.join(sorted(missing))}."
        )
    return found
