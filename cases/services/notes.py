"""History notes: why a version was saved ("Moved to the trash.", "Status: Published.").

A note is stored in English, as a record that reads the same in the database, in old revisions
and for every reader; the history pages show it in the reader's language. Each kind of note is
written from one template here and read back by the same template, so a note with values
("Status: In review.") is translated with its values, vocabulary labels included.
"""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.languages import Language

from ..models import Case

TRASHED = gettext_noop("Moved to the trash.")
RESTORED = gettext_noop("Restored from the trash.")
MARKED_REVIEWED = gettext_noop("Marked as reviewed.")
SUGGESTED = gettext_noop("Suggested through the public form.")
STATEMENTS_LOADED = gettext_noop("Loaded from the statements file.")
STATUS = gettext_noop("Status: %(status)s.")
TRANSLATION_REVIEWED = gettext_noop("%(language)s translation reviewed.")
BULK_IMPORT = gettext_noop("Bulk import: %(created)s case(s) created, %(updated)s updated.")
REVERTED = gettext_noop("Reverted to the version of %(date)s.")

TEMPLATES = (
    TRASHED,
    RESTORED,
    MARKED_REVIEWED,
    SUGGESTED,
    STATEMENTS_LOADED,
    STATUS,
    TRANSLATION_REVIEWED,
    BULK_IMPORT,
    REVERTED,
)
# Values that are labels of a vocabulary, stored by their English label.
VOCABULARIES = {"status": Case.Status, "language": Language}


def note(template, **values):
    """The English note of `template` with `values` (vocabulary members by their label)."""
    with translation.override(settings.LANGUAGE_CODE):
        return template % {
            name: str(getattr(value, "label", value)) for name, value in values.items()
        }


def translated_note(text):
    """A stored note in the active language; a note of no known kind is shown as stored."""
    for template in TEMPLATES:
        match = _pattern(template).fullmatch(text or "")
        if match:
            values = {
                name: _translated_value(name, value) for name, value in match.groupdict().items()
            }
            return _(template) % values
    return text


def _pattern(template):
    parts = re.split(r"%\((\w+)\)s", template)
    pattern = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(pattern, re.S)


def _translated_value(name, value):
    vocabulary = VOCABULARIES.get(name)
    if vocabulary is None:
        return value
    with translation.override(settings.LANGUAGE_CODE):
        by_label = {str(member.label): member for member in vocabulary}
    member = by_label.get(value)
    return str(member.label) if member is not None else value
