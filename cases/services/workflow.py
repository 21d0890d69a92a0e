"""The editorial workflow: who may move a case between states, trash, restore and review."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Case
from .notes import MARKED_REVIEWED, RESTORED, STATUS, TRASHED, note
from .revisions import record_revision


def case_trash(*, case, user):
    """Move a case to the trash: it leaves every public path but keeps all its relations."""
    with transaction.atomic(), reversion.create_revision(atomic=False):
        case.deleted_at = timezone.now()
        case.save(update_fields=["deleted_at", "updated"])
        record_revision(user, note(TRASHED))


def case_restore(*, case, user):
    with transaction.atomic(), reversion.create_revision(atomic=False):
        case.deleted_at = None
        case.save(update_fields=["deleted_at", "updated"])
        record_revision(user, note(RESTORED))


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
                raise PermissionDenied(_("Only editors can publish, archive or unpublish cases."))
            with reversion.create_revision(atomic=False):
                case.status = status
                case.save()
                record_revision(user, note(STATUS, status=Case.Status(status)))
            changed += 1
    return changed


def case_mark_reviewed(*, cases, user):
    if not user.has_perm("cases.publish_case"):
        raise PermissionDenied(_("Only editors can mark cases as reviewed."))
    with transaction.atomic():
        for case in cases.select_for_update():
            with reversion.create_revision(atomic=False):
                case.reviewed_at = timezone.now()
                case.save(update_fields=["reviewed_at", "updated"])
                record_revision(user, note(MARKED_REVIEWED))
    return len(cases)
