"""What every reader of import files shares: the limit on records and the error for a file
that cannot be read."""

MAX_RECORDS = 10_000


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was checked or written."""
