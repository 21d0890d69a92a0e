"""Marking a translation reviewed (a case's or a pillar's): who checked it and when, with a
history entry for each object whose history is kept."""

from contextlib import nullcontext
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.languages import Language, TranslationState, TranslationStatus

from .notes import TRANSLATION_REVIEWED, note
from .revisions import record_revision


@dataclass
class ReviewResult:
    marked: list = field(default_factory=list)
    # A missing translation has nothing to review, and the original is no translation.
    missing: list = field(default_factory=list)
    original: list = field(default_factory=list)


def review_note(language):
    """The history's note of a review: "French translation reviewed." (stored in English)."""
    return note(TRANSLATION_REVIEWED, language=Language(language))


def may_review_translations(user, model):
    """Staff who may change a model's objects may vouch for their translations."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def translation_mark_reviewed(*, objects, language, user):
    """Record that `user` reviewed the `language` text of each of `objects` (a queryset of a
    model with a `translations` review table: cases, pillars) now.

    Objects whose translation is missing, or whose original is in `language`, are left alone
    and listed in the result, so the caller can say why.
    """
    model = objects.model
    if not may_review_translations(user, model):
        raise PermissionDenied(
            _("You may not change these records, so you cannot mark their translations reviewed.")
        )
    if language not in Language.values:
        raise ValueError(f"Unknown language {language!r}")
    relation = model.translations
    reviews, owner = relation.rel.related_model, relation.field.name
    kept = reversion.is_registered(model)
    result = ReviewResult()
    comment = review_note(language)
    with transaction.atomic():
        # Locked afresh: an admin's queryset may carry counts (GROUP BY), which cannot be locked.
        locked = model._default_manager.filter(pk__in=objects.values("pk")).select_for_update()
        for obj in locked.prefetch_related("translations"):
            state = obj.translation_state(language)
            if state == TranslationState.MISSING:
                result.missing.append(obj)
                continue
            if state == TranslationState.ORIGINAL:
                result.original.append(obj)
                continue
            # Cases keep a history (the review table is followed by the case's versions);
            # pillars have none, and their admin logs the change instead.
            with reversion.create_revision(atomic=False) if kept else nullcontext():
                reviews.objects.update_or_create(
                    **{owner: obj},
                    language=language,
                    defaults={
                        "status": TranslationStatus.REVIEWED,
                        "reviewed_by": user,
                        "reviewed_at": timezone.now(),
                    },
                )
                if kept:
                    reversion.add_to_revision(model.objects.get(pk=obj.pk))
                    record_revision(user, comment)
            result.marked.append(obj)
    return result
