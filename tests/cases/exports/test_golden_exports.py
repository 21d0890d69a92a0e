"""Every format of every export, byte for byte, for cases with awkward text and shapes.

The expected files in golden/ were written by the exports as they stood before they were
rebuilt around one record builder; any change to them is a change to a documented format.
The cases carry quotes, commas, line breaks, formula prefixes, non-ASCII text, countries in
several regions, actors at several levels, sources with and without a URL, publisher or date,
an empty body and every shape of period. The same bytes are expected on SQLite and PostgreSQL.
"""

import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cases.choices import ActorKind, Level
from cases.models import Case, Source
from tests.factories import ActorFactory, CaseFactory, CountryFactory

from .test_exports import download

GOLDEN = Path(__file__).parent / "golden"
QUERY = "sort=title"


def golden(name):
    return (GOLDEN / name).read_bytes()


@pytest.fixture
def awkward(pillars, countries):
    """Three published cases and a draft, every one of them with fixed timestamps."""
    youth = ActorFactory(name="Youth club", level=Level.COMMUNITY, kind=ActorKind.COMMUNITY_BODY)
    ministry = ActorFactory(
        name="Ministry, “Interior”", slug="ministry-interior", level=Level.NATIONAL
    )
    town = ActorFactory(name="@Town hall", slug="town-hall", level=Level.LOCAL)
    un = ActorFactory(name="UN office", level=Level.INTERNATIONAL, kind=ActorKind.INTERNATIONAL_ORG)
    awkward = CaseFactory(
        title='=HYPERLINK("x"), a "quoted" title',
        slug="awkward-case",
        summary="+Line one\nline two, with a comma — ünïcödé ✓\r\nand a tab\there",
        body="",
        takeaways=["-starts with a minus", 'a "quoted" one', "Ünïcödé ✓", "two\nlines", ""],
        countries=[countries["US"], countries["FI"], countries["UG"], countries["CA"]],
        pillars=[pillars["sustainability"], pillars["trust"]],
        actors=[(youth, "ran it"), (ministry, ""), (town, "again\nand again"), (un, "@funds")],
        start_year=2019,
        start_month=None,
        end_year=2021,
        end_month=12,
    )
    sources = [
        ("Full, “report”", "Strong Cities Network", "https://example.org/a?b=1&c=2", "2024-02-29"),
        ("Bare source", "", "", None),
        ("Publisher only", "Ministry; of Things", "", None),
        ("Link and date", "", "https://example.org/{x}", "1999-12-31"),
    ]
    for order, (title, publisher, url, published) in enumerate(sources):
        Source.objects.create(
            case=awkward,
            title=title,
            publisher=publisher,
            url=url,
            published=published and date.fromisoformat(published),
            order=order,
        )
    bare = CaseFactory(
        title="Bare case", body="Body with\r\na CRLF", countries=[], pillars=[], takeaways=[]
    )
    Case.objects.filter(pk=bare.pk).update(start_year=None, start_month=None)
    ancient = CaseFactory(
        title="Ancient, year-month",
        slug="ancient-year-month",
        summary="@mention first",
        countries=[CountryFactory(code="ZA", name="South Africa", region="east-southern-africa")],
        pillars=[pillars["capacity"]],
        actors=[(town, "hosts")],
        start_year=950,
        start_month=None,
        end_year=990,
        end_month=3,
    )
    CaseFactory(title="Draft, never exported", status=Case.Status.DRAFT)
    Case.objects.filter(pk=awkward.pk).update(
        created=datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=UTC),
        updated=datetime(2025, 1, 1, tzinfo=UTC),
    )
    Case.objects.filter(pk__in=[bare.pk, ancient.pk]).update(
        created=datetime(1999, 12, 31, 0, 0, 0, 1, tzinfo=UTC),
        updated=datetime(2026, 6, 15, 12, 30, 45, tzinfo=UTC),
    )
    return Case.objects.published().order_by("title")


def meta_of_json(body):
    return json.loads(body)["meta"]


def expected_meta(name, fmt, exported_at):
    """The golden metadata's items, in order, for an export in `fmt` made at `exported_at`."""
    meta = json.loads(golden(name).replace(b"{FORMAT}", fmt.encode()))
    return list((meta | {"exported_at": exported_at}).items())


def test_the_csv_export_is_byte_for_byte_as_documented(client, awkward):
    response, body = download(client, f"/cases/export.csv?{QUERY}")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="nlc-cases_{timezone.now().date().isoformat()}.csv"'
    )
    assert body == golden("export.csv")


def test_the_json_export_is_byte_for_byte_as_documented(client, awkward):
    response, body = download(client, f"/cases/export.json?{QUERY}")
    meta = meta_of_json(body)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert datetime.fromisoformat(meta["exported_at"]).tzinfo is not None
    assert list(meta.items()) == expected_meta("export-meta.json", "json", meta["exported_at"])
    prefix = '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    assert body.decode().startswith(prefix)
    assert body == golden("export.json").replace(b"{META}", prefix.encode())


def test_the_workbook_holds_the_csv_cells_and_the_metadata(client, awkward):
    _response, body = download(client, f"/cases/export.xlsx?{QUERY}")
    workbook = load_workbook(io.BytesIO(body))
    rows = [list(row) for row in workbook["Cases"].iter_rows(values_only=True)]
    meta = dict(workbook["About this export"].iter_rows(values_only=True))

    assert rows == json.loads(golden("xlsx-cases.json"))
    assert list(meta.items()) == expected_meta("export-meta.json", "xlsx", meta["exported_at"])


@pytest.mark.parametrize("fmt", ["ris", "csl.json"])
def test_the_reference_manager_files_are_byte_for_byte_as_documented(client, awkward, fmt):
    _response, body = download(client, f"/cases/export.{fmt}?{QUERY}")

    assert body == golden(f"export.{fmt}")


def test_the_bibtex_file_opens_with_the_metadata_then_one_entry_per_source(client, awkward):
    _response, body = download(client, f"/cases/export.bib?{QUERY}")
    comment, entries = body.decode().split("\n\n", 1)
    exported_at = re.search(r"exported_at: ([^;]+);", comment).group(1)
    meta = expected_meta("export-meta.json", "bib", exported_at)

    assert comment == "@comment{" + "; ".join(f"{k}: {v}" for k, v in meta) + "}"
    assert entries.encode() == golden("export.bib")


def test_the_api_returns_the_records_of_the_json_export(client, awkward):
    exported = json.loads(golden("export.json").replace(b"{META}", b'{"meta": {}, "cases": ['))

    listed = client.get("/api/v1/cases/?sort=title").json()
    one = client.get("/api/v1/cases/awkward-case/").json()

    assert listed["results"] == exported["cases"]
    assert one == exported["cases"][0]


@pytest.mark.parametrize("fmt", ["ris", "bib"])
def test_a_case_citation_is_byte_for_byte_as_documented(client, awkward, fmt):
    response = client.get(f"/cases/awkward-case/cite.{fmt}")
    today = timezone.localdate()

    expected = golden(f"cite.{fmt}").decode()
    expected = expected.replace("{TODAY_RIS}", f"{today:%Y/%m/%d}/")
    expected = expected.replace("{TODAY}", today.isoformat())
    assert response.content.decode() == expected
