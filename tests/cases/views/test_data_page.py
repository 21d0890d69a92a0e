"""A researcher learns what the data means, under what licence, and how to cite it."""

import io
import json
import re

from openpyxl import load_workbook

from cases.exports.codebook import META_FIELDS
from cases.exports.formats.csv import CSV_COLUMNS
from cases.models import Case, Source
from tests.cases.exports.test_exports import download
from tests.factories import CaseFactory


def flat_keys(record, prefix=""):
    """Dotted names of every leaf of a record; lists of objects are named like countries[].code."""
    keys = set()
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            keys |= flat_keys(value, f"{name}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            keys |= flat_keys(value[0], f"{name}[].")
        else:
            keys.add(name)
    return keys


def test_the_codebook_describes_every_field_of_the_exports_and_the_api(client, catalogue):
    Source.objects.create(case=catalogue["finland"], title="Plan", published="2024-07-01")
    page = client.get("/data/").content.decode()
    record = json.loads(download(client, "/cases/export.json?country=FI")[1])["cases"][0]
    meta = json.loads(download(client, "/cases/export.json")[1])["meta"]
    api_case = client.get("/api/v1/cases/finland-action-plan/").json()

    names = flat_keys(record) | flat_keys(api_case) | set(CSV_COLUMNS) | set(meta)
    assert "sources[].published" in names
    for name in names:
        assert f"<code>{name}</code>" in page, f"{name} is missing from the codebook"


def test_the_codebook_names_exactly_the_metadata_keys_of_every_export_that_carries_them(
    client, catalogue
):
    documented = [field.name for field in META_FIELDS]
    json_meta = json.loads(download(client, "/cases/export.json")[1])["meta"]
    workbook = load_workbook(io.BytesIO(download(client, "/cases/export.xlsx")[1]))
    sheet_meta = dict(workbook["About this export"].iter_rows(values_only=True))
    bibtex_comment = download(client, "/cases/export.bib")[1].decode().split("\n")[0]

    assert list(json_meta) == documented
    assert list(sheet_meta) == documented
    assert re.findall(r"(?:\{|; )(\w+): ", bibtex_comment) == documented


def test_the_data_page_shows_the_licence_from_settings(client, catalogue, settings):
    settings.DATA_LICENCE = "ODbL 1.0"
    settings.DATA_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"

    page = client.get("/data/").content.decode()

    assert (
        '<a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">ODbL 1.0</a>'
        in page
    )


def test_the_data_page_links_the_bulk_downloads_the_api_and_tells_how_to_cite(client, catalogue):
    page = client.get("/data/").content.decode()

    for fmt in ("csv", "json", "xlsx", "ris", "bib", "csl.json"):
        assert f'href="/cases/export.{fmt}"' in page
    assert 'href="/api/docs/"' in page
    assert 'href="/api/v1/cases/"' in page
    assert "How to cite" in page
    assert "NLC Case Catalogue (20" in page
    assert "All 5 published cases" in page


def test_every_page_links_to_the_data_page(client, catalogue):
    assert 'href="/data/"' in client.get("/").content.decode()


JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_dataset_search_engines_read_the_data_page_as_a_dataset(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get("/data/").content.decode()
    (dataset,) = [json.loads(block) for block in JSONLD.findall(page)]

    assert dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["version"] == "live"
    downloads = {item["contentUrl"]: item["encodingFormat"] for item in dataset["distribution"]}
    assert downloads["http://testserver/cases/export.csv"] == "text/csv"
    assert downloads["http://testserver/cases/export.ndjson"] == "application/x-ndjson"
    assert len(downloads) == 7
    published = Case.objects.published()
    countries = {
        country.code
        for case in published.prefetch_related("countries")
        for country in case.countries.all()
    }
    assert {place["identifier"] for place in dataset["spatialCoverage"]} == countries
    first = min(case.start_year for case in published if case.start_year)
    last = max(
        max(filter(None, (case.start_year, case.end_year))) for case in published if case.start_year
    )
    assert dataset["temporalCoverage"] == f"{first}/{last}"


def test_drafts_do_not_widen_the_datasets_coverage(client, catalogue, countries):
    def coverage():
        dataset = json.loads(JSONLD.findall(client.get("/data/").content.decode())[0])
        return dataset["temporalCoverage"], dataset["spatialCoverage"]

    before = coverage()
    CaseFactory(
        title="Draft far away",
        status=Case.Status.DRAFT,
        start_year=1901,
        countries=[countries["IN"], countries["FI"]],
    )

    assert coverage() == before
