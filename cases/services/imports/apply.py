"""Writing a checked import plan: every case whole, each with its own history revision."""

from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...models import Case, CaseActor
from ..revisions import record_revision
from ..workflow import can_set_status


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
                record_revision(user, f"Bulk import ({item.action}).")
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
