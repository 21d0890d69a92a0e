"""Writing a checked import plan in bulk: every case whole, under one history revision.

The documented maximum (10,000 records) must be written within a request, so nothing here is
done per case: cases, their links and sources are written by a few set-based statements each
(the full-text index and catalogue version triggers, statement-level on PostgreSQL, fire once
per statement), and one history revision holds every case as django-reversion follows it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone, translation

from core.iteration import batched
from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, TranslationStatus, localized
from pillars.models import Pillar

from ...models import (
    Actor,
    Case,
    CaseActor,
    CaseCountry,
    CasePillar,
    CaseSlugHistory,
    CaseTranslation,
    Country,
    RelatedCaseOverride,
    Source,
)
from ...models.translations import TEXT_FIELDS
from ..notes import BULK_IMPORT, note
from ..revisions import bulk_revision
from ..workflow import can_set_status

# What an import sets on a case it updates; its status and workflow dates stay as they are.
UPDATED_FIELDS = [
    # The plain text columns hold the English text, as Case.save() keeps them (see
    # import_apply), and every language has its own.
    *("title", "slug", "summary", "body", "takeaways", "original_language"),
    *(localized(name, code) for name in TEXT_FIELDS for code in LANGUAGE_CODES),
    *("start_year", "start_month", "end_year", "end_month", "updated", "version"),
]
IN_LIST = 900  # ids per IN (...): within SQLite's limit on a statement's parameters
UPDATE_BATCH = 100  # cases per UPDATE ... CASE WHEN: each row runs through the batch's WHENs


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self):
        return f"{self.created} case(s) created, {self.updated} updated"


def import_apply(*, plan, user=None, status=Case.Status.DRAFT):
    """Write a clean ImportPlan (see plan.py) in one transaction.

    New cases get `status`; updated cases keep theirs. A case's countries, pillars, actors and
    sources become exactly those of its record. One history revision holds every case with
    its actor links and sources, so each can be restored from the history on its own.
    """
    if not plan.is_clean:
        raise ValueError("Refusing to import a plan with errors.")
    if user is not None and not can_set_status(user, old=None, new=status):
        raise PermissionDenied("Only editors can import cases as published.")
    # Exports list the newest case first, breaking ties by the highest id; creating the
    # file's cases last to first gives them ids in the same relative order, so exporting
    # again lists them in the same order.
    created = [item for item in reversed(plan.cases) if item.action == "create"]
    updated = [item for item in plan.cases if item.action == "update"]
    result = ImportResult(created=len(created), updated=len(updated))
    # English active: the plain columns (title, …) get the English text, as Case.save() does.
    with transaction.atomic(), translation.override(DEFAULT_LANGUAGE):
        countries, actors = _create_references(plan.cases)
        _create_cases(created, status)
        _update_cases(updated)
        updated_ids = [item.case.pk for item in updated]
        _link_m2m(CaseCountry, "country_id", plan.cases, "countries", updated_ids)
        _link_m2m(CasePillar, "pillar_id", plan.cases, "pillars", updated_ids)
        _link_actors(plan.cases, updated_ids)
        _replace_sources(plan.cases, updated_ids)
        _record_reviews(plan.cases, updated_ids, user)
        followed = Case.objects.prefetch_related(
            Prefetch("countries", queryset=Country.objects.only("pk")),
            Prefetch("pillars", queryset=Pillar.objects.only("pk")),
            Prefetch("case_actors", queryset=CaseActor.objects.select_related("actor")),
            "sources",
            "translations",
            Prefetch(
                "related_overrides",
                queryset=RelatedCaseOverride.objects.select_related("case", "other"),
            ),
        )
        bulk_revision(
            [
                (followed, [item.case.pk for item in plan.cases]),
                (Country.objects.all(), [country.pk for country in countries]),
                (Actor.objects.all(), [actor.pk for actor in actors]),
            ],
            user=user,
            comment=note(BULK_IMPORT, created=result.created, updated=result.updated),
        )
    return result


def _create_references(items):
    """Create the countries and actors the plan describes but the database lacks."""
    countries = {id(c): c for item in items for c in item.countries if c.pk is None}
    actors = {id(a): a for item in items for a, _role in item.actors if a.pk is None}
    return Country.objects.bulk_create(countries.values()), Actor.objects.bulk_create(
        actors.values()
    )


def _create_cases(items, status):
    cases = [item.case for item in items]
    for case in cases:
        case.status = status
        # bulk_create does not call save(), so the rule save() applies is applied here.
        case.count_publishing_as_review()
    Case.objects.bulk_create(cases)
    # As Case.save() records for every new slug: it is live again, so an old link that
    # once pointed to another case by it now leads here.
    _delete(CaseSlugHistory, [case.slug for case in cases], field="slug")


def _update_cases(items):
    now = timezone.now()
    cases = [item.case for item in items]
    for case in cases:
        case.updated = now
        case.version = F("version") + 1  # from the stored number, as Case.save() counts
    Case.objects.bulk_update(cases, UPDATED_FIELDS, batch_size=UPDATE_BATCH)


def _link_m2m(through, column, items, name, updated_ids):
    """Make each case's rows in `through` exactly its item's `name`; unchanged rows stay."""
    wanted = {item.case.pk: {obj.pk for obj in getattr(item, name)} for item in items}
    kept, stale = set(), []
    for chunk in batched(updated_ids, IN_LIST):
        rows = through.objects.filter(case_id__in=chunk).values_list("id", "case_id", column)
        for row_id, case_id, target in rows:
            if target in wanted[case_id] and (case_id, target) not in kept:
                kept.add((case_id, target))
            else:
                stale.append(row_id)
    _delete(through, stale)
    through.objects.bulk_create(
        through(case_id=case_id, **{column: target})
        for case_id, targets in wanted.items()
        for target in targets
        if (case_id, target) not in kept
    )


def _link_actors(items, updated_ids):
    known = {}
    for chunk in batched(updated_ids, IN_LIST):
        for link in CaseActor.objects.filter(case_id__in=chunk):
            known[link.case_id, link.actor_id] = link
    new, changed = [], []
    for item in items:
        for order, (actor, role) in enumerate(item.actors):
            link = known.pop((item.case.pk, actor.pk), None)
            if role is None:  # the CSV names no roles: a known role stays
                role = link.role if link else ""
            if link is None:
                new.append(CaseActor(case=item.case, actor=actor, role=role, order=order))
            elif (link.role, link.order) != (role, order):
                link.role, link.order = role, order
                changed.append(link)
    _delete(CaseActor, [link.pk for link in known.values()])  # links the file no longer has
    CaseActor.objects.bulk_update(changed, ["role", "order"], batch_size=UPDATE_BATCH)
    CaseActor.objects.bulk_create(new)


def _replace_sources(items, updated_ids):
    _delete(Source, updated_ids, field="case_id")
    sources = []
    for item in items:
        for order, source in enumerate(item.sources):
            source.case, source.order = item.case, order
            sources.append(source)
    Source.objects.bulk_create(sources)


def _record_reviews(items, updated_ids, user):
    """Each case's translation reviews as the file states them: "reviewed" is recorded with
    the importing user (none for the command) and the time, unless that review already holds;
    "unreviewed" clears a review. A language the file says nothing of follows Case.save()'s
    rule: a changed text (or original) makes its review unreviewed."""
    stored = {}
    for chunk in batched(updated_ids, IN_LIST):
        for review in CaseTranslation.objects.filter(case_id__in=chunk):
            stored[review.case_id, review.language] = review
    now = timezone.now()
    reviewer = user if user is not None and user.is_authenticated else None
    new, changed = [], []
    for item in items:
        case = item.case
        stale = (
            Case.stale_languages(item.saved_texts, case._texts(), case.original_language)
            if item.saved_texts
            else []
        )
        for language in LANGUAGE_CODES:
            review = stored.get((case.pk, language))
            status = item.statuses.get(language)
            reviewed = review is not None and review.is_reviewed
            held = reviewed and language not in stale
            if status == TranslationStatus.REVIEWED and not held:
                values = (TranslationStatus.REVIEWED, reviewer, now)
            elif (status == TranslationStatus.UNREVIEWED and (review is None or reviewed)) or (
                status is None and reviewed and not held
            ):
                values = (TranslationStatus.UNREVIEWED, None, None)
            else:
                continue
            if review is None:
                review = CaseTranslation(case=case, language=language)
                new.append(review)
            else:
                changed.append(review)
            review.status, review.reviewed_by, review.reviewed_at = values
    CaseTranslation.objects.bulk_create(new)
    CaseTranslation.objects.bulk_update(
        changed, ["status", "reviewed_by", "reviewed_at"], batch_size=UPDATE_BATCH
    )


def _delete(model, values, field="pk"):
    for chunk in batched(values, IN_LIST):
        model.objects.filter(**{f"{field}__in": chunk}).delete()
