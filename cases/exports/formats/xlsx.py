"""The Excel export: a workbook written by openpyxl in write-only mode.

Write-only mode streams rows to a temporary file rather than building the sheet in memory,
so memory stays flat however many cases there are. The first sheet holds the cases (the CSV's
columns and cells), the second the export's metadata.
"""

import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .csv import CSV_COLUMNS, csv_cells

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDE_COLUMNS = {"title": 50, "summary": 80, "body": 80, "takeaways": 60, "sources": 60}
MEDIUM_COLUMNS = {"slug": 30, "permalink": 45, "countries": 25, "pillars": 30, "actors": 50}
# Excel's own limit for one cell.
MAX_CELL_LENGTH = 32767


def workbook_file(records, *, meta):
    """A temporary file holding the workbook, at its start; closing it deletes it."""
    file = tempfile.TemporaryFile()  # noqa: SIM115  (the response closes it once sent)
    write_workbook(file, records, meta=meta)
    file.seek(0)
    return file


def write_workbook(file, records, *, meta):
    workbook = Workbook(write_only=True)
    cases = workbook.create_sheet("Cases")
    cases.freeze_panes = "C2"
    for index, column in enumerate(CSV_COLUMNS, start=1):
        width = WIDE_COLUMNS.get(column) or MEDIUM_COLUMNS.get(column) or 16
        cases.column_dimensions[get_column_letter(index)].width = width
    cases.append([_cell(cases, column, bold=True) for column in CSV_COLUMNS])
    for record in records:
        cases.append([_cell(cases, value) for value in csv_cells(record)])

    about = workbook.create_sheet("About this export")
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    for key, value in meta.items():
        about.append([_cell(about, key, bold=True), _cell(about, value)])
    workbook.save(file)


def _cell(sheet, value, *, bold=False):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_LENGTH]
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text stays text: a title starting with "=" must not become a formula.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell
