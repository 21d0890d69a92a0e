"""A curator uploads a file that reads as JSON or CSV but holds what no case can: the preview
refuses it with a clear message per record, and nothing crashes or gets half-written."""

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case
from tests.cases.imports import (
    confirm,
    csv_file,
    csv_text,
    json_file,
    json_record,
    preview,
    row,
)


def problems(response):
    """The preview's error table, as (where, field, problem) text."""
    return [str(error) for error in response.context["plan"].errors]


def test_json_nested_100000_deep_is_refused_as_a_whole_file(client, curator, db):
    client.force_login(curator)
    nested = b'{"cases": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"

    response = preview(client, SimpleUploadedFile("cases.json", nested))

    assert response.status_code == 200
    page = response.content.decode()
    assert "The file was not imported: The JSON nests lists or objects too deeply" in page
    assert "token" not in response.context


def test_a_record_nested_deeper_than_any_export_is_refused(client, curator, setup):
    client.force_login(curator)
    deep = "x"
    for _ in range(50):
        deep = [deep]

    response = preview(client, json_file(json_record(takeaways=deep)))

    assert problems(response) == [
        "record 1, takeaways: nested too deeply: a field holds at most a list of objects, "
        "as sources do"
    ]
    assert "token" not in response.context


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"title": "Kenya\x00plans"},
            "record 1, title: contains a NUL character (at character 6), which cannot be "
            "stored; remove it",
        ),
        (
            {"summary": "Counties \ud800 wrote"},
            "record 1, summary: contains U+D800, half of a UTF-16 surrogate pair without its "
            "other half, which is not text; was the file converted from UTF-16 badly?",
        ),
        (
            {"sources": [{"title": "Report\x00", "publisher": "", "url": "", "published": None}]},
            "record 1, sources[1].title: contains a NUL character (at character 7), which "
            "cannot be stored; remove it",
        ),
        (
            {"takeaways": ["Fine", "Not \udfff fine"]},
            "record 1, takeaways[2]: contains U+DFFF, half of a UTF-16 surrogate pair without "
            "its other half, which is not text; was the file converted from UTF-16 badly?",
        ),
    ],
)
def test_text_no_database_can_store_is_refused_in_the_preview(
    client, curator, setup, fields, expected
):
    client.force_login(curator)

    response = preview(client, json_file(json_record(slug="fine"), json_record(**fields)))

    assert response.status_code == 200
    assert problems(response) == [expected.replace("record 1", "record 2")]
    assert "token" not in response.context
    assert not Case.objects.filter(slug__in=["fine", "kenya-county-action-plans"]).exists()


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (
            "2020",
            "record 1, period: must be an object with start_year, start_month, end_year and "
            "end_month, as the JSON export writes it, not '2020'",
        ),
        (
            {"start": 2020},
            "record 1, period: unknown key 'start': use start_year, start_month, end_year "
            "and end_month",
        ),
    ],
)
def test_a_period_the_import_cannot_read_is_refused_not_dropped(
    client, curator, setup, period, expected
):
    client.force_login(curator)

    response = preview(client, json_file(json_record(period=period)))

    assert problems(response) == [expected]
    assert "token" not in response.context


def test_a_clean_json_record_still_imports_whole(client, curator, setup):
    client.force_login(curator)

    confirm(client, preview(client, json_file(json_record())))

    case = Case.objects.get(slug="kenya-county-action-plans")
    assert (case.start_year, case.start_month, case.takeaways) == (2023, 5, ["Plans need budgets"])
    assert case.case_actors.get().role == "leads"


@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_csv_with_its_byte_order_mark_imports(client, curator, setup, encoding, delimiter):
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark, its columns separated by tabs.
    client.force_login(curator)
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text = csv_text(row(title="Kenya county plans, Nairobi"), delimiter=delimiter)
    upload = SimpleUploadedFile("cases.csv", bom + text.encode(encoding))

    done = confirm(client, preview(client, upload))

    assert "Import done: 1 case created, 0 updated." in done.content.decode()
    assert Case.objects.get(slug="kenya-county-action-plans").title == "Kenya county plans, Nairobi"


def test_utf16_without_a_byte_order_mark_is_named_as_such(client, curator, db):
    client.force_login(curator)
    upload = SimpleUploadedFile("cases.csv", csv_text(row()).encode("utf-16-le"))

    response = preview(client, upload)

    assert "The file is UTF-16 text without a byte-order mark" in response.context["file_error"]
    assert "save it as UTF-8" in response.context["file_error"]


def test_a_nul_deep_in_a_csv_is_refused_in_the_preview(client, curator, setup):
    # Past the first 64 KB, where the binary-file check looks, a NUL reaches the records.
    client.force_login(curator)
    rows = [row(slug=f"case-{n}", title=f"Case {n}", body="x" * 500) for n in range(150)]
    rows.append(row(slug="last", title="Last", summary="Has a \x00 in it"))

    response = preview(client, csv_file(*rows))

    assert problems(response) == [
        "row 152, summary: contains a NUL character (at character 7), which cannot be "
        "stored; remove it"
    ]
