"""A researcher downloads the filtered list as Excel or for a reference manager."""

import io
import json

import pytest
from openpyxl import load_workbook

from cases.exports.formats.csv import CSV_COLUMNS
from cases.models import Case, Source
from tests.cases.conftest import titles
from tests.factories import CaseFactory

from .test_exports import download

FORMATS = ["csv", "json", "xlsx", "ris", "bib", "csl.json"]


@pytest.fixture
def with_sources(catalogue):
    Source.objects.create(
        case=catalogue["uganda"],
        title="Practice update",
        publisher="Strong Cities Network",
        url="https://example.org/update",
        published="2024-11-27",
    )
    Source.objects.create(case=catalogue["uganda"], title="Field notes", order=1)
    Source.objects.create(case=catalogue["finland"], title="Action plan", publisher="Ministry")
    Source.objects.create(case=catalogue["draft"], title="Secret memo")
    return catalogue


def test_the_list_page_links_to_every_format_and_the_feed_with_its_filters(client, catalogue):
    page = client.get("/cases/?pillar=trust&sort=title").content.decode()

    for fmt in FORMATS:
        assert f'href="/cases/export.{fmt}?pillar=trust&amp;sort=title"' in page
    assert 'href="/cases/feed.atom?pillar=trust&amp;sort=title"' in page


@pytest.mark.parametrize("fmt", FORMATS)
def test_invalid_filters_give_a_400_in_every_format_not_a_full_dump(client, catalogue, fmt):
    response = client.get(f"/cases/export.{fmt}?pillar=nope&year_min=abc")

    assert response.status_code == 400
    text = response.content.decode()
    assert "“nope” is not a pillar." in text
    assert "Enter a whole number." in text


def test_an_unknown_format_is_a_404_naming_the_real_ones(client, catalogue):
    response = client.get("/cases/export.docx")

    assert response.status_code == 404


def test_the_workbook_holds_the_list_with_a_frozen_header_and_an_about_sheet(client, catalogue):
    on_screen = titles(client.get("/cases/?pillar=coordination&sort=title"))

    response, body = download(client, "/cases/export.xlsx?pillar=coordination&sort=title")
    workbook = load_workbook(io.BytesIO(body))
    cases, about = workbook["Cases"], workbook["About this export"]
    rows = list(cases.iter_rows(values_only=True))
    meta = dict(about.iter_rows(values_only=True))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "nlc-cases_pillar-coordination_" in response["Content-Disposition"]
    assert rows[0] == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == on_screen
    assert cases.freeze_panes == "C2"
    assert cases["A1"].font.bold
    assert cases.column_dimensions["A"].width == 50
    assert meta["count"] == 3
    assert meta["query"] == "pillar=coordination&sort=title"
    assert meta["licence"] == "CC BY 4.0"
    assert meta["site_url"] == "http://testserver/"
    assert meta["exported_at"].startswith("20")


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(client, pillars, countries):
    CaseFactory(title='=HYPERLINK("http://evil")', slug="formula", summary="Bell \x07 rings")

    _response, body = download(client, "/cases/export.xlsx")
    sheet = load_workbook(io.BytesIO(body))["Cases"]

    assert sheet["A2"].value == '=HYPERLINK("http://evil")'
    assert sheet["A2"].data_type == "s"
    assert "\x07" not in sheet["L2"].value


def test_the_json_export_carries_its_provenance_and_licence(client, catalogue, settings):
    settings.DATA_LICENCE = "CC0 1.0"

    response, body = download(client, "/cases/export.json?country=UG")
    meta = json.loads(body)["meta"]

    assert meta["licence"] == "CC0 1.0"
    assert meta["site_url"] == "http://testserver/"
    assert meta["count"] == 1
    assert meta["query"] == "country=UG"
    assert response["Link"].endswith('rel="license"')


def test_ris_has_one_record_per_source_with_the_case_permalink(client, with_sources):
    response, body = download(client, "/cases/export.ris?sort=title")
    records = body.decode().split("ER  - \r\n")[:-1]

    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert len(records) == 3
    first = records[0]
    assert "TY  - RPRT\r\n" in first
    assert "TI  - Action plan\r\n" in first
    assert "http://testserver/cases/finland-action-plan/" in first
    uganda = "".join(records[1:])
    assert "UR  - https://example.org/update\r\n" in uganda
    assert "DA  - 2024/11/27/\r\n" in uganda
    assert "Secret memo" not in body.decode()


def test_bibtex_entries_escape_special_characters(client, with_sources):
    Source.objects.create(
        case=with_sources["malawi"], title="Costs & {benefits} at 50% of 100$ #1_a"
    )

    response, body = download(client, "/cases/export.bib?country=MW")
    text = body.decode()

    assert response["Content-Type"].startswith("application/x-bibtex")
    assert text.startswith("@comment{")
    assert "licence: CC BY 4.0" in text
    assert r"title = {{Costs \& \{benefits\} at 50\% of 100\$ \#1\_a}}" in text
    assert "@misc{nlc-malawi-localises-its-strategy-source-1," in text
    assert "http://testserver/cases/malawi-localises-its-strategy/" in text


def test_csl_json_is_an_array_of_items_that_reference_managers_read(client, with_sources):
    _response, body = download(client, "/cases/export.csl.json?country=UG")
    items = json.loads(body)

    assert [item["title"] for item in items] == ["Practice update", "Field notes"]
    assert items[0]["issued"] == {"date-parts": [[2024, 11, 27]]}
    assert items[0]["URL"] == "https://example.org/update"
    assert "http://testserver/cases/uganda-taskforce-on-the-national-strategy/" in items[1]["note"]
    assert "CC BY 4.0" in items[1]["note"]


def test_an_empty_selection_is_a_valid_empty_file_in_every_format(client, catalogue):
    for fmt in ("csl.json", "ris", "bib"):
        response, _body = download(client, f"/cases/export.{fmt}?q=nothing-matches-this")
        assert response.status_code == 200
    assert json.loads(download(client, "/cases/export.csl.json?q=zzz")[1]) == []


@pytest.mark.parametrize("fmt", ["xlsx", "ris", "bib", "csl.json"])
def test_an_export_costs_the_same_queries_for_few_cases_or_many(
    client, with_sources, pillars, countries, fmt, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        download(client, f"/cases/export.{fmt}?pillar=trust")
    for number in range(30):
        CaseFactory(title=f"Trust {number}", pillars=[pillars["trust"]], sources=["Report"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        _response, body = download(client, f"/cases/export.{fmt}?pillar=trust")
    assert b"Trust 29" in body or fmt == "xlsx"


def test_drafts_never_reach_an_export(client, with_sources):
    for fmt in FORMATS:
        _response, body = download(client, f"/cases/export.{fmt}")
        assert b"Unpublished draft" not in body
        assert b"Secret memo" not in body
    assert Case.objects.filter(status=Case.Status.DRAFT).exists()
