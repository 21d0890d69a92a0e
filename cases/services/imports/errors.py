"""What every reader of import files shares: the limit on records and the error for a file
that cannot be read."""

from django.utils.translation import gettext as _

MAX_RECORDS = 10_000


def position(kind, number):
    """Where a record is in its file, for the messages: "row 3" (CSV, XLSX), "record 3" (JSON)."""
    if kind == "row":
        return _("row %(number)s") % {"number": number}
    return _("record %(number)s") % {"number": number}


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was checked or written."""
