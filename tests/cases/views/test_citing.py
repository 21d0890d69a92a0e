"""A researcher cites a case, and machines read the case page as data."""

import json
import re

from django.utils import timezone

from cases.models import Source
from tests.factories import CaseFactory

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_every_case_page_offers_a_citation_to_copy_and_download(client, catalogue, settings):
    settings.CATALOGUE_PUBLISHER = "Strong Cities Network"
    case = catalogue["finland"]
    page = client.get("/cases/finland-action-plan/").content.decode()
    today = timezone.localdate()

    citation = (
        f"Strong Cities Network ({case.updated.year}). Finland action plan. NLC Case Catalogue. "
        f"http://testserver/cases/finland-action-plan/ (accessed {today:%-d %B %Y})."
    )
    assert "Cite this case" in page
    assert citation in page
    assert 'data-copy-target="citation-text"' in page
    assert 'href="/cases/finland-action-plan/cite.ris"' in page
    assert 'href="/cases/finland-action-plan/cite.bib"' in page


def test_the_ris_download_describes_the_case_page(client, catalogue):
    response = client.get("/cases/finland-action-plan/cite.ris")
    text = response.content.decode()

    assert response["Content-Disposition"] == 'attachment; filename="finland-action-plan.ris"'
    assert text.startswith("TY  - ELEC\r\n")
    assert "TI  - Finland action plan\r\n" in text
    assert "UR  - http://testserver/cases/finland-action-plan/\r\n" in text
    assert "T2  - NLC Case Catalogue\r\n" in text
    assert f"Y2  - {timezone.localdate():%Y/%m/%d}/\r\n" in text
    assert text.rstrip().endswith("ER  -")


def test_the_bibtex_download_is_one_entry_with_url_and_access_date(client, catalogue):
    response = client.get("/cases/finland-action-plan/cite.bib")
    text = response.content.decode()

    assert response["Content-Type"].startswith("application/x-bibtex")
    assert text.startswith("@misc{nlc-finland-action-plan,\n")
    assert "  title = {{Finland action plan}},\n" in text
    assert "  url = {http://testserver/cases/finland-action-plan/},\n" in text
    assert f"  urldate = {{{timezone.localdate().isoformat()}}},\n" in text
    assert text.count("@misc") == 1


def test_drafts_and_unknown_formats_have_no_citation(client, catalogue):
    assert client.get("/cases/unpublished-draft-about-trust/cite.ris").status_code == 404
    assert client.get("/cases/finland-action-plan/cite.docx").status_code == 404


def test_the_case_page_carries_schema_org_json_ld(client, catalogue):
    Source.objects.create(
        case=catalogue["uganda"], title="Update", publisher="SCN", published="2024-11-27"
    )
    page = client.get("/cases/uganda-taskforce-on-the-national-strategy/").content.decode()
    [block] = JSONLD.findall(page)
    data = json.loads(block)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["url"] == "http://testserver/cases/uganda-taskforce-on-the-national-strategy/"
    assert data["name"] == "Uganda taskforce on the national strategy"
    assert data["temporalCoverage"] == "2022-10/2024-10"
    assert data["spatialCoverage"] == [{"@type": "Country", "name": "Uganda", "identifier": "UG"}]
    assert [term["name"] for term in data["about"]] == ["Trust", "Coordination"]
    assert data["citation"][0]["datePublished"] == "2024-11-27"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_case_text_cannot_break_out_of_the_json_ld_block(client, pillars, countries):
    hostile = '</script><script>alert("x")</script><!--'
    CaseFactory(title=f"Evil {hostile}", slug="evil", summary=f"Also {hostile} & more")

    page = client.get("/cases/evil/").content.decode()
    [block] = JSONLD.findall(page)

    assert "<script>alert" not in page
    assert json.loads(block)["name"] == f"Evil {hostile}"
    assert json.loads(block)["description"] == f"Also {hostile} & more"


def test_the_case_page_still_costs_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/cases/victoria-cross-city-conference/")
    assert response.status_code == 200
