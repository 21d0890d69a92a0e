"""Marking a case's translation reviewed: who checked it and when, one history entry each."""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.languages import Language, TranslationState, TranslationStatus

from ..models import Case, CaseTranslation
from .revisions import record_revision


@dataclass
class ReviewResult:
    marked: list = field(default_factory=list)
    # A missing translation has nothing to review, and the original is no translation.
    missing: list = field(default_factory=list)
    original: list = field(default_factory=list)


def translation_mark_reviewed(*, cases, language, user):
    """Record that `user` reviewed the `language` text of each of `cases` now.

    Cases whose translation is missing, or whose original is in `language`, are left alone and
    listed in the result, so the caller can say why.
    """
    if not user.has_perm("cases.change_case"):
        raise PermissionDenied(_("Only staff who may change cases can mark translations reviewed."))
    if language not in Language.values:
        raise ValueError(f"Unknown language {language!r}")
    result = ReviewResult()
    label = Language(language).label
    with transaction.atomic():
        for case in cases.select_for_update().prefetch_related("translations"):
            state = case.translation_state(language)
            if state == TranslationState.MISSING:
                result.missing.append(case)
                continue
            if state == TranslationState.ORIGINAL:
                result.original.append(case)
                continue
            with reversion.create_revision(atomic=False):
                CaseTranslation.objects.update_or_create(
                    case=case,
                    language=language,
                    defaults={
                        "status": TranslationStatus.REVIEWED,
                        "reviewed_by": user,
                        "reviewed_at": timezone.now(),
                    },
                )
                reversion.add_to_revision(Case.objects.get(pk=case.pk))
                record_revision(user, _("%(language)s translation reviewed.") % {"language": label})
            result.marked.append(case)
    return result
