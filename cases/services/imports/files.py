"""Reading import files: JSON exports, and CSV or XLSX in the CSV export's columns.

read_records() turns a file's bytes into (position, record) pairs in the JSON export's shape,
or raises ImportFileError when the file as a whole cannot be read. cases/imports.py checks the
records. A checked upload is staged on disk between the admin's preview and its confirmation.
"""

import csv
import io
import json
import re
import secrets
import time
import zipfile
from pathlib import Path, PurePath

from django.conf import settings

from ...choices import Level
from ...exports.formats.csv import LIST_SEPARATOR

FORMATS = ("csv", "xlsx", "json")
MAX_RECORDS = 10_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LEVEL_BY_LABEL = {label: value for value, label in Level.choices}
# The CSV export puts an apostrophe before cells Excel would run as formulas; take it off.
NEUTRALISED = re.compile(r"'(?=[=+\-@\t\r])")


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was checked or written."""


def read_records(*, name, data):
    """[(position, record)] from the bytes of a .json, .csv or .xlsx file."""
    fmt = PurePath(name).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ImportFileError(f"Choose a .csv, .xlsx or .json file; {name!r} is none of these.")
    if fmt == "xlsx":
        return _read_xlsx(data)
    if b"\x00" in data[:65536]:
        raise ImportFileError(
            f"The file holds binary data, so it is not a {fmt.upper()} file. "
            "Was a spreadsheet or another file renamed?"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (the byte at position {error.start} is not UTF-8). "
            "Save it as UTF-8 (in Excel: 'CSV UTF-8') and try again."
        ) from error
    return _read_json(text) if fmt == "json" else _read_csv(text)


def _read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    cases = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(cases, list):
        raise ImportFileError(
            'The JSON must be an export of the catalogue: {"meta": {...}, "cases": [...]}.'
        )
    _check_size(cases)
    return [(f"record {index}", record) for index, record in enumerate(cases, start=1)]


def _read_csv(text):
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFileError(f"The file is not valid CSV: {error}.") from error
    return _records_from_table(rows)


def _read_xlsx(data):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook["cases"] if "cases" in workbook.sheetnames else workbook.worksheets[0]
        rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            "The file is not a readable Excel workbook (.xlsx). Was another file renamed?"
        ) from error
    return _records_from_table(rows)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _check_size(rows):
    if len(rows) > MAX_RECORDS:
        raise ImportFileError(f"The file has {len(rows)} records; import at most {MAX_RECORDS}.")


def _records_from_table(rows):
    """Rows of the CSV export's columns (cases.exports.formats.csv) as export-shaped records."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError("The file is empty.")
    header = [cell.strip().lower() for cell in rows[0]]
    if "title" not in header:
        raise ImportFileError(
            "The first row must name the columns, as the CSV export does (title, slug, "
            "country_codes, pillars, ...); there is no 'title' column."
        )
    _check_size(rows[1:])
    records = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            name: NEUTRALISED.sub("", value.strip())
            for name, value in zip(header, row, strict=False)
        }
        records.append((f"row {number}", _record_from_cells(cells)))
    return records


def _split(text):
    return [item.strip() for item in text.split(LIST_SEPARATOR.strip()) if item.strip()]


def _record_from_cells(cells):
    record = {
        "title": cells.get("title", ""),
        "slug": cells.get("slug", ""),
        "countries": _split(cells.get("country_codes", "")),
        "period_start": cells.get("period_start", ""),
        "period_end": cells.get("period_end", ""),
        "summary": cells.get("summary", ""),
        "body": cells.get("body", ""),
        "takeaways": _split(cells.get("takeaways", "")),
        "takeaways_text": cells.get("takeaways", ""),
        "pillars": [{"name": name} for name in _split(cells.get("pillars", ""))],
        "actors": [_actor_from_text(text) for text in _split(cells.get("actors", ""))],
        "sources": [_source_from_text(text) for text in _split(cells.get("sources", ""))],
    }
    return record


def _actor_from_text(text):
    """'Name (Level label)' as the CSV export writes it."""
    name, _, level = text[:-1].rpartition(" (") if text.endswith(")") else (text, "", "")
    if name and level in LEVEL_BY_LABEL:
        return {"name": name}
    return {"name": text}


def _source_from_text(text):
    """'Title (Publisher, YYYY-MM-DD) URL' as the CSV export writes it."""
    url = ""
    head, _, last = text.rpartition(" ")
    if head and last.startswith(("http://", "https://")):
        text, url = head, last
    publisher, published = "", None
    if text.endswith(")") and " (" in text:
        title, _, details = text[:-1].rpartition(" (")
        parts = details.rsplit(", ", 1)
        if ISO_DATE.fullmatch(parts[-1]):
            published = parts.pop()
        publisher = parts[0] if parts else ""
        text = title
    return {"title": text, "publisher": publisher, "url": url, "published": published}


# Staging: a checked upload waits on disk between its preview and the confirmed import.

STAGED_NAME = re.compile(r"[A-Za-z0-9_-]{20,64}")
STAGED_MAX_AGE = 3600


def stage_upload(*, user_id, name, data):
    """Keep an upload for its confirmation; returns the token the confirm form sends back."""
    folder = Path(settings.CASE_IMPORT_STAGING_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.upload"):
        if time.time() - old.stat().st_mtime > STAGED_MAX_AGE:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    suffix = PurePath(name).suffix.lower()
    (folder / f"{user_id}-{token}{suffix}.upload").write_bytes(data)
    return token


def staged_upload(*, user_id, token, consume=False):
    """(name, bytes) of a staged upload of this user, or None if it is unknown or expired."""
    if not isinstance(token, str) or not STAGED_NAME.fullmatch(token):
        return None
    folder = Path(settings.CASE_IMPORT_STAGING_DIR)
    for suffix in FORMATS:
        path = folder / f"{user_id}-{token}.{suffix}.upload"
        if path.exists():
            data = path.read_bytes()
            if consume:
                path.unlink(missing_ok=True)
            return f"upload.{suffix}", data
    return None
