"""Bringing back an older version of a case, an actor or a country (django-reversion)."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.errors import RevertError

from ..models import Actor, Case, CaseActor, Source
from .notes import REVERTED, note
from .revisions import record_revision

# What a revert leaves alone: the workflow decides these, not the text's history.
KEPT_ON_REVERT = ("status", "published_at", "reviewed_at", "deleted_at")


@transaction.atomic
def case_revert(*, case, version, user):
    """Bring back the case's text, countries, pillars, actors and sources of `version`.

    Only the case and its own actor links and sources are reverted, even if the revision holds
    other cases (a bulk import makes one revision for all its cases). The workflow state
    stays as it is, so reverting can never publish or unpublish, and the version number
    moves on, so a form opened before the revert is refused.
    """
    current = Case.objects.select_for_update().get(pk=case.pk)
    kept = {name: getattr(current, name) for name in KEPT_ON_REVERT}
    types = ContentType.objects.get_for_models(Case, CaseActor, Source)
    own = [
        *version.revision.version_set.filter(content_type=types[Case], object_id=str(case.pk)),
        *case_child_versions(version.revision, case.pk),
    ]
    if not any(v.content_type_id == types[Case].pk for v in own):
        raise RevertError(_("That version belongs to another record."))
    _check_slug_is_free(case, next(v for v in own if v.content_type_id == types[Case].pk))
    for v in own:
        actor_id = (
            v.field_dict.get("actor_id") if v.content_type_id == types[CaseActor].pk else None
        )
        if actor_id is not None and not Actor.objects.filter(pk=actor_id).exists():
            raise RevertError(
                _("That version names an actor that has since been deleted (%(actor)s).")
                % {"actor": v.object_repr}
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
        stamp = timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M")
        record_revision(user, note(REVERTED, date=stamp))


def _check_slug_is_free(case, version):
    """A version's address may since have gone to another case: say so rather than fail."""
    slug = version.field_dict.get("slug")
    holder = Case.objects.exclude(pk=case.pk).filter(slug=slug).first()
    if holder is not None:
        raise RevertError(
            _(
                "that version's address (%(slug)s) now belongs to “%(holder)s”. Give that case "
                "another address first, or revert and keep this case's current one by editing it."
            )
            % {"slug": slug, "holder": holder}
        )


def case_child_versions(revision, case_id):
    """The versions of case `case_id`'s actor links and sources in `revision`.

    A bulk import's revision holds thousands of cases and their links; rather than unpack
    every version, only those whose JSON names the case (`"case": <id>`, as Django's JSON
    serialiser writes a foreign key) are read, then checked exactly.
    """
    types = ContentType.objects.get_for_models(CaseActor, Source)
    mentions_case = Q(format="json", serialized_data__contains=f'"case": {case_id}')
    candidates = revision.version_set.filter(
        mentions_case | ~Q(format="json"), content_type__in=types.values()
    )
    return [child for child in candidates if child.field_dict.get("case_id") == case_id]


def object_revert(*, obj, version, user):
    """Revert an actor or a country (records without followed relations) to `version`."""
    with transaction.atomic(), reversion.create_revision(atomic=False):
        version.revert()
        reversion.add_to_revision(type(obj).objects.get(pk=obj.pk))
        stamp = timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M")
        record_revision(user, note(REVERTED, date=stamp))
