"""What the import tests share: rows in the CSV export's columns, files made from them, and a
curator's two steps in the admin (the dry-run preview, then the confirmation)."""

import csv
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cases.exports.formats.csv import CSV_COLUMNS

IMPORT = reverse("admin:cases_case_import")
HEADER = list(CSV_COLUMNS)


def row(**cells):
    values = {
        "title": "Kenya county action plans",
        "slug": "kenya-county-action-plans",
        "country_codes": "UG",
        "period_start": "2023-05",
        "pillars": "Trust; Coordination",
        "actors": "Nansana Municipality (Local)",
        "summary": "Counties wrote their own plans.",
        "takeaways": "Plans need budgets; Review yearly",
        "sources": "Practice update (Strong Cities Network, 2024-11-27) https://example.org/nlc",
        **cells,
    }
    return [values.get(column, "") for column in HEADER]


def csv_text(*rows, header=HEADER, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_file(*rows, name="cases.csv", header=HEADER):
    return SimpleUploadedFile(name, ("\ufeff" + csv_text(*rows, header=header)).encode("utf-8"))


def xlsx_bytes(*rows, cells=()):
    """An .xlsx in the export's columns with `rows`, and single `cells` as (row, column, value)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "cases"
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    for number, column, value in cells:
        sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(*rows):
    return SimpleUploadedFile("cases.xlsx", xlsx_bytes(*rows))


def json_record(**fields):
    """One case as the JSON export writes it (the names the `setup` fixture provides)."""
    return {
        "title": "Kenya county action plans",
        "slug": "kenya-county-action-plans",
        "countries": [{"code": "UG"}],
        "period": {"start_year": 2023, "start_month": 5, "end_year": None, "end_month": None},
        "summary": "Counties wrote their own plans.",
        "body": "",
        "takeaways": ["Plans need budgets"],
        "pillars": [{"slug": "trust"}],
        "actors": [{"name": "Nansana Municipality", "role": "leads"}],
        "sources": [{"title": "Practice update", "publisher": "SCN", "url": "", "published": None}],
        **fields,
    }


def json_file(*records, name="cases.json"):
    return SimpleUploadedFile(name, json.dumps({"meta": {}, "cases": list(records)}).encode())


def preview(client, upload, status="draft"):
    return client.post(IMPORT, {"file": upload, "status": status})


def confirm(client, response):
    return client.post(
        IMPORT,
        {"token": response.context["token"], "status": response.context["status"]},
        follow=True,
    )
