"""What every history revision says about itself (who made it and why), and one revision for
many records at once."""

import functools
import json

import reversion
from django.core import serializers
from django.core.serializers.json import Serializer as JSONSerializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import router
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version

# django-reversion's registration options and content types: it has no public API for them,
# and a bulk revision must store each object exactly as add_to_revision() would.
from reversion.revisions import _follow_relations, _get_content_type, _get_options

from core.iteration import batched

BULK_CHUNK = 1000


def record_revision(user, comment):
    """Inside reversion.create_revision(): name the user (if any) and the reason."""
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment)


def bulk_revision(groups, *, user, comment):
    """One revision holding objects as reversion.add_to_revision() would store them: their
    registered fields (many-to-many fields as lists of ids) and the objects they follow.

    `groups` pairs a queryset with the primary keys of its objects to hold; prefetch, in the
    queryset, whatever the objects follow and their string forms read, or each is a query.
    add_to_revision() copies the revision's list of versions for every object it adds, which
    grows quadratically (minutes for 10,000 cases and their links), and queries each followed
    relation per object; this reads the objects in chunks and bulk-creates their versions.
    """
    revision = Revision.objects.using(router.db_for_write(Revision)).create(
        date_created=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment,
    )
    for queryset, pks in groups:
        for chunk in batched(sorted(pks), BULK_CHUNK):
            versions = {}
            for obj in queryset.filter(pk__in=chunk):
                _add(obj, versions, revision, explicit=True)
            Version.objects.using(revision._state.db).bulk_create(versions.values())
    return revision


def _add(obj, versions, revision, *, explicit):
    """What reversion's _add_to_revision() does for one object and those it follows."""
    model = type(obj)
    options = _get_options(model)
    content_type = _get_content_type(model, revision._state.db)
    object_id = force_str(getattr(obj, options.object_id_field))
    if (content_type, object_id) in versions and not explicit:
        return
    versions[content_type, object_id] = Version(
        revision=revision,
        content_type=content_type,
        object_id=object_id,
        db=router.db_for_write(model, instance=obj),
        format=options.format,
        serialized_data=_serializer(options.format)().serialize(
            (obj,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        ),
        object_repr=force_str(obj),
    )
    for related in _follow_relations(obj):
        _add(related, versions, revision, explicit=False)


@functools.cache
def _serializer(format):
    """The serialiser of `format`, quicker for many objects with the same output: prefetched
    many-to-many fields are read without first building the query Django would run if they
    were not (it builds it either way), and JSON is encoded by one call rather than by
    json.dump(), which encodes piece by piece in Python."""
    base = serializers.get_serializer(format)
    if not issubclass(base, PythonSerializer):
        return base

    class Serializer(base):
        def handle_m2m_field(self, obj, field):
            prefetched = getattr(obj, "_prefetched_objects_cache", {})
            if (
                field.name not in prefetched
                or self.use_natural_foreign_keys
                or not field.remote_field.through._meta.auto_created
            ):
                return super().handle_m2m_field(obj, field)
            self._current[field.name] = [
                self._value_from_field(related, related._meta.pk)
                for related in prefetched[field.name]
            ]

        if issubclass(base, JSONSerializer):

            def end_object(self, obj):
                if self.options.get("indent"):
                    return super().end_object(obj)
                if not self.first:
                    self.stream.write(", ")
                self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs))
                self._current = None

    return Serializer
