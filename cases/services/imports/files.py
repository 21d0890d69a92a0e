"""Reading import files: JSON exports, and CSV or XLSX in the CSV export's columns.

read_records() turns a file's bytes into (position, record) pairs in the JSON export's shape,
or raises ImportFileError when the file as a whole cannot be read. cases/imports.py checks the
records. A checked upload is staged on disk between the admin's preview and its confirmation.
"""

import codecs
import csv
import io
import json
import re
import secrets
import time
from pathlib import Path, PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from core.languages import LANGUAGE_CODES

from ...choices import Level
from ...exports.formats.csv import LIST_SEPARATOR, TRANSLATED
from .errors import MAX_RECORDS, ImportFileError, position
from .xlsx import read_rows

FORMATS = ("csv", "xlsx", "json")
# Longest first: UTF-32's little-endian mark begins with UTF-16's.
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LEVEL_BY_LABEL = {label: value for value, label in Level.choices}
# The CSV export puts an apostrophe before cells Excel would run as formulas; take it off.
NEUTRALISED = re.compile(r"'(?=[=+\-@\t\r])")


def read_records(*, name, data):
    """[(position, record)] from the bytes of a .json, .csv or .xlsx file."""
    fmt = PurePath(name).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ImportFileError(
            _("Choose a .csv, .xlsx or .json file; %(name)s is none of these.")
            % {"name": repr(name)}
        )
    if fmt == "xlsx":
        return _records_from_table(read_rows(data))
    text = _decode(data, fmt)
    return _read_json(text) if fmt == "json" else _read_csv(text)


def _decode(data, fmt):
    """The text of a CSV or JSON file: UTF-8, or UTF-16/32 that says so with a byte-order mark."""
    encoding, label = "utf-8-sig", "UTF-8"
    for bom, name in UNICODE_BOMS:
        if data.startswith(bom):
            encoding, label = name, name.upper()
            break
    else:
        if _looks_like_utf16(data[:4096]):
            raise ImportFileError(
                _(
                    "The file is UTF-16 text without a byte-order mark, which cannot be read "
                    "reliably; save it as UTF-8 (in Excel: 'CSV UTF-8') and try again."
                )
            )
        if b"\x00" in data[:65536]:
            raise ImportFileError(
                _(
                    "The file holds binary data, so it is not a %(format)s file. "
                    "Was a spreadsheet or another file renamed?"
                )
                % {"format": fmt.upper()}
            )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not %(encoding)s text (the byte at position %(position)s is not "
                "%(encoding)s). Save it as UTF-8 (in Excel: 'CSV UTF-8') and try again."
            )
            % {"encoding": label, "position": error.start}
        ) from error


def _looks_like_utf16(sample):
    """Mostly Latin text in UTF-16: nearly every other byte is zero, and the rest are not."""
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    share = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(share) >= 0.9 and min(share) <= 0.1


def _read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
            % {"error": error.msg, "line": error.lineno, "column": error.colno}
        ) from error
    except RecursionError as error:
        # The parser gives up near Python's recursion limit (about 1,000 levels).
        raise ImportFileError(
            _(
                "The JSON nests lists or objects too deeply (an export of the catalogue nests "
                "them at most 4 levels deep), so it is not an export."
            )
        ) from error
    cases = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(cases, list):
        raise ImportFileError(
            _('The JSON must be an export of the catalogue: {"meta": {...}, "cases": [...]}.')
        )
    _check_size(cases)
    return [(position("record", index), record) for index, record in enumerate(cases, start=1)]


def _read_csv(text):
    # Excel's "Unicode Text" separates columns by tabs rather than commas.
    first_line = text.partition("\n")[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not valid CSV: %(error)s.") % {"error": error}
        ) from error
    return _records_from_table(rows)


def _check_size(rows):
    if len(rows) > MAX_RECORDS:
        raise ImportFileError(
            _("The file has %(count)s records; import at most %(limit)s.")
            % {"count": len(rows), "limit": MAX_RECORDS}
        )


def _records_from_table(rows):
    """Rows of the CSV export's columns (cases.exports.formats.csv) as export-shaped records."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [cell.strip().lower() for cell in rows[0]]
    if "title" not in header:
        raise ImportFileError(
            _(
                "The first row must name the columns, as the CSV export does (title, slug, "
                "country_codes, pillars, ...); there is no 'title' column."
            )
        )
    _check_size(rows[1:])
    records = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            name: NEUTRALISED.sub("", value.strip())
            for name, value in zip(header, row, strict=False)
        }
        records.append((position("row", number), _record_from_cells(cells)))
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
    for key in ("original_language", "text_language"):
        if cells.get(key):
            record[key] = cells[key]
    statuses = {
        code: cells[f"translation_status_{code}"]
        for code in LANGUAGE_CODES
        if cells.get(f"translation_status_{code}")
    }
    if statuses:
        record["translation_status"] = statuses
    # A language's text is read only when the file has its columns, so a file without them
    # leaves the stored translations alone.
    translations = {
        code: {
            name: _split(cells.get(column, "")) if name == "takeaways" else cells.get(column, "")
            for name in TRANSLATED
            for column in [f"{name}_{code}"]
        }
        | {"takeaways_text": cells.get(f"takeaways_{code}", "")}
        for code in LANGUAGE_CODES
        if any(f"{name}_{code}" in cells for name in TRANSLATED)
    }
    if translations:
        record["translations"] = translations
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
