"""Writes that touch several models at once."""

import json
from collections import Counter
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from reversion.errors import RevertError

from pillars.models import Pillar

from .imports import import_plan
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
    """A seed case in the shape of a JSON export record (see cases/exports.py)."""
    period_keys = ("start_year", "start_month", "end_year", "end_month")
    return {
        **record,
        "period": {key: record.get(key) for key in period_keys},
        "actors": [
            {"slug": link["actor"], "role": link.get("role", "")} for link in record["actors"]
        ],
    }


# Trash


def case_trash(*, case, user):
    """Move a case to the trash: it leaves every public path but keeps all its relations."""
    with transaction.atomic(), reversion.create_revision(atomic=False):
        case.deleted_at = timezone.now()
        case.save(update_fields=["deleted_at", "updated"])
        _record(user, "Moved to the trash.")


def case_restore(*, case, user):
    with transaction.atomic(), reversion.create_revision(atomic=False):
        case.deleted_at = None
        case.save(update_fields=["deleted_at", "updated"])
        _record(user, "Restored from the trash.")


def _record(user, comment):
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment)


# Editorial workflow


def can_set_status(user, *, old, new):
    """Curators move cases between draft and review; only editors publish, archive, unpublish."""
    if old == new or user.has_perm("cases.publish_case"):
        return True
    return old not in Case.EDITOR_STATES and new not in Case.EDITOR_STATES


def case_set_status(*, cases, status, user):
    """Move every case of `cases` to `status`; returns how many changed."""
    changed = 0
    with transaction.atomic():
        for case in cases.select_for_update():
            if case.status == status:
                continue
            if not can_set_status(user, old=case.status, new=status):
                raise PermissionDenied("Only editors can publish, archive or unpublish cases.")
            with reversion.create_revision(atomic=False):
                case.set_status(status)
                case.save()
                _record(user, f"Status: {Case.Status(status).label}.")
            changed += 1
    return changed


def case_mark_reviewed(*, cases, user):
    if not user.has_perm("cases.publish_case"):
        raise PermissionDenied("Only editors can mark cases as reviewed.")
    with transaction.atomic():
        for case in cases.select_for_update():
            with reversion.create_revision(atomic=False):
                case.reviewed_at = timezone.now()
                case.save(update_fields=["reviewed_at", "updated"])
                _record(user, "Marked as reviewed.")
    return len(cases)


# History

# What a revert leaves alone: the workflow decides these, not the text's history.
KEPT_ON_REVERT = ("status", "published_at", "reviewed_at", "deleted_at")


@transaction.atomic
def case_revert(*, case, version, user):
    """Bring back the case's text, countries, pillars, actors and sources of `version`.

    Only the case and its own actor links and sources are reverted, even if the revision holds
    other cases (a bulk import makes one revision per case, but older data may not). The
    workflow state stays as it is, so reverting can never publish or unpublish, and the
    version number moves on, so a form opened before the revert is refused.
    """
    current = Case.objects.select_for_update().get(pk=case.pk)
    kept = {name: getattr(current, name) for name in KEPT_ON_REVERT}
    types = ContentType.objects.get_for_models(Case, CaseActor, Source)
    versions = list(version.revision.version_set.all())
    own = [
        v
        for v in versions
        if (v.content_type_id == types[Case].pk and v.object_id == str(case.pk))
        or (
            v.content_type_id in (types[CaseActor].pk, types[Source].pk)
            and v.field_dict["case_id"] == case.pk
        )
    ]
    if not any(v.content_type_id == types[Case].pk for v in own):
        raise RevertError("That version belongs to another record.")
    for v in own:
        actor_id = (
            v.field_dict.get("actor_id") if v.content_type_id == types[CaseActor].pk else None
        )
        if actor_id is not None and not Actor.objects.filter(pk=actor_id).exists():
            raise RevertError(
                f"That version names an actor that has since been deleted ({v.object_repr})."
            )
    keep = {(v.content_type_id, v.object_id) for v in own}
    for model, children in (
        (CaseActor, current.case_actors.all()),
        (Source, current.sources.all()),
    ):
        for child in children:
            if (types[model].pk, str(child.pk)) not in keep:
                child.delete()
    for v in sorted(own, key=lambda v: v.content_type_id != types[Case].pk):
        v.revert()
    Case.objects.filter(pk=case.pk).update(**kept, version=current.version + 1)
    with reversion.create_revision(atomic=False):
        reversion.add_to_revision(Case.objects.get(pk=case.pk))
        stamp = timezone.localtime(version.revision.date_created).strftime("%-d %b %Y %H:%M")
        _record(user, f"Reverted to the version of {stamp}.")


def object_revert(*, obj, version, user):
    """Revert an actor or a country (records without followed relations) to `version`."""
    with transaction.atomic(), reversion.create_revision(atomic=False):
        version.revert()
        reversion.add_to_revision(type(obj).objects.get(pk=obj.pk))
        stamp = timezone.localtime(version.revision.date_created).strftime("%-d %b %Y %H:%M")
        _record(user, f"Reverted to the version of {stamp}.")


# Bulk import


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self):
        return f"{self.created} case(s) created, {self.updated} updated"


def import_apply(*, plan, user=None, status=Case.Status.DRAFT):
    """Write a clean ImportPlan (see cases/imports.py) in one transaction.

    New cases get `status`; updated cases keep theirs. A case's countries, pillars, actors and
    sources become exactly those of its record. Each case gets its own history revision.
    """
    if not plan.is_clean:
        raise ValueError("Refusing to import a plan with errors.")
    if user is not None and not can_set_status(user, old=None, new=status):
        raise PermissionDenied("Only editors can import cases as published.")
    result = ImportResult()
    with transaction.atomic():
        # Exports list the newest case first, breaking ties by the highest id; creating the
        # file's cases last to first gives them ids in the same relative order, so exporting
        # again lists them in the same order.
        for item in reversed(plan.cases):
            with reversion.create_revision(atomic=False):
                _import_one(item, status)
                _record(user, f"Bulk import ({item.action}).")
            result.created += item.action == "create"
            result.updated += item.action == "update"
    return result


def _import_one(item, status):
    case = item.case
    if item.action == "create":
        case.status = status
    case.save()
    for country in item.countries:
        if country.pk is None:
            country.save()
    case.countries.set(item.countries)
    case.pillars.set(item.pillars)
    known_roles = dict(case.case_actors.values_list("actor_id", "role"))
    case.case_actors.all().delete()
    case.sources.all().delete()
    for order, (actor, role) in enumerate(item.actors):
        if actor.pk is None:
            actor.save()
        role = known_roles.get(actor.pk, "") if role is None else role
        CaseActor.objects.create(case=case, actor=actor, role=role, order=order)
    for order, source in enumerate(item.sources):
        source.case, source.order = case, order
        source.save()
