"""Readable differences between two stored versions (django-reversion) of a record.

A version is turned into labelled text, one entry per field a person cares about: related
rows by name rather than id, choices by label, and for a case its actor links and sources
(stored in the same revision) as one line each. Two such snapshots are compared word by word.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _

from ..models import CaseActor, Source
from ..services.history import case_child_versions

HIDDEN_FIELDS = {"id", "created", "updated", "version"}
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class FieldDiff:
    label: str
    changed: bool
    old: str
    new: str
    segments: list  # [(kind, text)] with kind "same", "removed" or "added"


def snapshot(version):
    """{label: text} for one version of a record."""
    model = version._model
    data = version.field_dict
    result = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name in HIDDEN_FIELDS or field.attname not in data:
            continue
        if (
            isinstance(field, models.ManyToManyField)
            and field.remote_field.through._meta.auto_created
        ):
            result[_label(field)] = _names(field.related_model, data[field.attname])
        elif not isinstance(field, models.ManyToManyField):
            result[_label(field)] = _text(field, data[field.attname])
    if model._meta.label == "cases.Case":
        result.update(_case_children(version))
    return result


def _label(field):
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def _names(model, pks):
    names = {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=pks)}
    return ", ".join(sorted(names.get(str(pk), _deleted(pk)) for pk in pks))


def _deleted(pk):
    return _("(deleted #%(id)s)") % {"id": pk}


def _text(field, value):
    if value is None or value == "":
        return ""
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else _deleted(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return (
            value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else str(value)
        )
    return str(value)


def _case_children(version):
    types = ContentType.objects.get_for_models(CaseActor, Source)
    actors, sources = [], []
    for child in case_child_versions(version.revision, int(version.object_id)):
        data = child.field_dict
        if child.content_type_id == types[CaseActor].pk:
            actor = _text(CaseActor._meta.get_field("actor"), data["actor_id"])
            line = f"{actor}: {data['role']}" if data["role"] else actor
            actors.append((data["order"], line))
        else:
            details = ", ".join(
                str(part) for part in (data["publisher"], data["published"]) if part
            )
            line = f"{data['title']} ({details})" if details else data["title"]
            sources.append((data["order"], f"{line} {data['url']}".strip()))
    return {
        _("Actors and roles"): "\n".join(line for _order, line in sorted(actors)),
        _("Sources"): "\n".join(line for _order, line in sorted(sources)),
    }


def compare(old_version, new_version):
    """[FieldDiff] for every field of the two versions, changed ones marked."""
    old, new = snapshot(old_version), snapshot(new_version)
    diffs = []
    for label in dict.fromkeys([*old, *new]):
        before, after = old.get(label, ""), new.get(label, "")
        diffs.append(FieldDiff(label, before != after, before, after, _segments(before, after)))
    return diffs


def _segments(before, after):
    if before == after:
        return [("same", after)]
    old_words, new_words = WORDS.findall(before), WORDS.findall(after)
    segments = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(old_words[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(new_words[j1:j2])))
    return segments
