"""Loading the statements (fixtures/assessment.json): idempotent, all or nothing."""

import json

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction

from cases.services.notes import STATEMENTS_LOADED, note
from pillars.models import Pillar

from .models import Statement

FIELDS = ("key", "pillar", "order", "text_en", "text_fr", "text_ar")


class StatementsError(Exception):
    """The statements file is malformed or names a missing pillar; nothing was written."""


def statements_read(*, path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StatementsError(f"Cannot read {path}: {error}") from error


@transaction.atomic
def statements_load(*, data):
    """Create each statement of `data` whose key is not in the database yet; return how many.

    An existing statement is left exactly as it is, so curators' edits (and translations)
    survive a second run. Any bad record aborts the whole load.
    """
    try:
        records = data["statements"]
        pillars = Pillar.objects.in_bulk(field_name="slug")
        existing = set(Statement.objects.values_list("key", flat=True))
        created = 0
        with reversion.create_revision(atomic=False):
            reversion.set_comment(note(STATEMENTS_LOADED))
            for number, record in enumerate(records, start=1):
                if set(record) - set(FIELDS):
                    unknown = ", ".join(sorted(set(record) - set(FIELDS)))
                    raise StatementsError(f"statement {number}: unknown fields {unknown}")
                if record["key"] in existing:
                    continue
                pillar = pillars.get(record["pillar"])
                if pillar is None:
                    raise StatementsError(
                        f"statement {number}: no pillar {record['pillar']!r} "
                        "(load the seed data first: manage.py load_seed)"
                    )
                statement = Statement(**{**record, "pillar": pillar})
                statement.full_clean()
                statement.save()
                existing.add(statement.key)
                created += 1
    except (KeyError, TypeError, AttributeError) as error:
        raise StatementsError(f"The file is not a statements file: {error!r}") from error
    except ValidationError as error:
        raise StatementsError(f"A statement is invalid: {error}") from error
    return created
