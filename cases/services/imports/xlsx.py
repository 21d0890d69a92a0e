"""Reading an .xlsx upload within bounds: a small file must not unpack into gigabytes.

An .xlsx is a zip of XML files. Before openpyxl opens it, the zip's directory must declare at
most the unpacked limit in all, and no large member packed tighter than MAX_RATIO to one.
Python's zipfile never unpacks more of a member than the directory declares (a member that
holds more fails its checksum), so the declared sizes bound everything read afterwards. The
sheet is then streamed (openpyxl's read-only mode) and reading stops at the first row, column
or cell over its limit, or once the cells hold more text than the unpacked limit: a cell may
repeat a shared string, so a small sheet could otherwise name far more text than it packs.
"""

import io
import logging
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import MAX_RECORDS, ImportFileError

logger = logging.getLogger(__name__)

MAX_RATIO = 200  # an export's sheet packs about 10 to 1; a zip bomb about 1,000 to 1
RATIO_CHECKED_FROM = 1024 * 1024  # small members may pack tightly without harm
MAX_MEMBERS = 1000
MAX_COLUMNS = 100  # the CSV export has 18
MAX_ROWS = 2 * MAX_RECORDS + 1  # the header, the records and as many blank rows
MAX_CELL_CHARS = 32_767  # Excel's own limit
UNREADABLE = gettext_lazy(
    "The file is not a readable Excel workbook (.xlsx). Was another file renamed?"
)


def unpacked_limit():
    """The most an upload may unpack to, and the most text its cells may hold together."""
    return settings.CASE_IMPORT_MAX_UNPACKED_BYTES


def read_rows(data):
    """The cells of the workbook's "cases" sheet (or its first sheet) as rows of text."""
    _check_archive(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook["cases"] if "cases" in workbook.sheetnames else workbook.worksheets[0]
            return _rows(sheet)
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises all kinds of errors on a malformed file
        logger.info("Refused an unreadable .xlsx import: %r", error)
        raise ImportFileError(UNREADABLE) from error


def _check_archive(data):
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ImportFileError(UNREADABLE) from error
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(
            _(
                "The file packs %(count)s files; a workbook has a few dozen at most. "
                "It was not read."
            )
            % {"count": _number(len(members))}
        )
    limit = unpacked_limit()
    total = sum(member.file_size for member in members)
    if total > limit:
        raise ImportFileError(
            _(
                "The workbook unpacks to %(size)s, more than the %(limit)s an import reads. "
                "Split it into smaller files."
            )
            % {"size": filesizeformat(total), "limit": filesizeformat(limit)}
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * packed:
            raise ImportFileError(
                _(
                    "The workbook's %(member)s unpacks from %(packed)s to %(size)s, %(ratio)s "
                    "times its packed size, as only a 'zip bomb' does. It was not read."
                )
                % {
                    "member": member.filename,
                    "packed": filesizeformat(packed),
                    "size": filesizeformat(member.file_size),
                    "ratio": _number(member.file_size // packed),
                }
            )


def _rows(sheet):
    from openpyxl.utils import get_column_letter

    rows, records, text_size, limit = [], 0, 0, unpacked_limit()
    # One column more than the limit, to see whether a row reaches past it.
    values = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    for number, row in enumerate(values, start=1):
        if number > MAX_ROWS:
            raise ImportFileError(
                _(
                    "The sheet runs past row %(rows)s; import at most %(limit)s records, one "
                    "per row after the header."
                )
                % {"rows": _number(MAX_ROWS), "limit": MAX_RECORDS}
            )
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
            raise ImportFileError(
                _(
                    "Row %(row)s has a cell in column %(column)s; an import reads at most "
                    "%(limit)s columns (the CSV export has 18)."
                )
                % {
                    "row": number,
                    "column": get_column_letter(MAX_COLUMNS + 1),
                    "limit": MAX_COLUMNS,
                }
            )
        cells = [_cell_text(value) for value in row[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                raise ImportFileError(
                    _(
                        "Cell %(cell)s holds %(count)s characters, more than Excel's own limit "
                        "of %(limit)s."
                    )
                    % {
                        "cell": f"{get_column_letter(column)}{number}",
                        "count": _number(len(cell)),
                        "limit": _number(MAX_CELL_CHARS),
                    }
                )
        text_size += sum(len(cell) for cell in cells)
        if text_size > limit:
            raise ImportFileError(
                _(
                    "By row %(row)s, the sheet's cells hold more than %(limit)s of text, more "
                    "than an import reads. Split it into smaller files."
                )
                % {"row": number, "limit": filesizeformat(limit)}
            )
        records += any(cell.strip() for cell in cells)
        if records > MAX_RECORDS + 1:
            raise ImportFileError(
                _("The file has more than %(limit)s records; import at most %(limit)s.")
                % {"limit": MAX_RECORDS}
            )
        rows.append(cells)
    return rows


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _number(count):
    return number_format(count, force_grouping=True)
