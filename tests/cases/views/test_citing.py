"""A researcher cites a case, and machines read the case page as data."""

import json
import re
from html.parser import HTMLParser

from django.utils import timezone

from cases.models import Case, Source
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


class EmbeddedMetadata(HTMLParser):
    """The page's <meta> tags as Zotero's Embedded Metadata translator gathers them: each
    citation_* or og:* name once (the first wins), keywords as a list."""

    def __init__(self):
        super().__init__()
        self.tags, self.keywords = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or attrs.get("property") or ""
        if tag != "meta" or not name.startswith(("citation_", "og:", "article:")):
            return
        if name == "citation_keywords":
            self.keywords.append(attrs["content"])
        else:
            self.tags.setdefault(name, attrs["content"])

    def item(self):
        """The item a reference manager saves from these tags."""
        tags = self.tags
        return {
            "itemType": "report" if "citation_publisher" in tags else "webpage",
            "title": tags.get("citation_title") or tags.get("og:title"),
            "publisher": tags.get("citation_publisher"),
            "date": tags.get("citation_publication_date") or tags.get("citation_online_date"),
            "url": tags.get("citation_public_url") or tags.get("og:url"),
            "language": tags.get("citation_language"),
            "tags": self.keywords,
        }


def embedded_metadata(page):
    parser = EmbeddedMetadata()
    parser.feed(page)
    return parser


def test_a_reference_manager_saves_a_case_page_with_its_title_date_and_address(
    client, catalogue, settings
):
    settings.CATALOGUE_PUBLISHER = "Strong Cities Network"
    case = catalogue["finland"]
    Case.objects.filter(pk=case.pk).update(published_at="2025-03-01T10:00:00Z")

    metadata = embedded_metadata(client.get("/cases/finland-action-plan/").content.decode())

    assert metadata.item() == {
        "itemType": "report",
        "title": "Finland action plan",
        "publisher": "Strong Cities Network",
        "date": "2025/03/01",
        "url": "http://testserver/cases/finland-action-plan/",
        "language": "en",
        "tags": [pillar.name for pillar in case.pillars.all()],
    }
    assert metadata.tags["citation_online_date"] == f"{case.updated:%Y/%m/%d}"
    assert metadata.tags["og:type"] == "article"
    assert metadata.tags["og:site_name"] == "NLC Case Catalogue"
    assert metadata.tags["og:description"].startswith(case.summary[:40])


def test_metadata_tags_escape_a_title_that_tries_to_break_out(client, pillars, countries):
    CaseFactory(title='Quotes " and <tags> & more', slug="quotes", pillars=[pillars["trust"]])

    page = client.get("/cases/quotes/").content.decode()

    assert embedded_metadata(page).item()["title"] == 'Quotes " and <tags> & more'
    assert (
        '<meta name="citation_title" content="Quotes &quot; and &lt;tags&gt; &amp; more">' in page
    )


def test_a_reference_manager_reads_the_language_of_the_text_the_page_shows(client, catalogue):
    Case.objects.filter(slug="finland-action-plan").update(
        title_fr="Plan d'action de la Finlande", summary_fr="Quarante-trois mesures."
    )

    french = embedded_metadata(client.get("/fr/cases/finland-action-plan/").content.decode())
    # No Arabic text: the Arabic page shows the English original, and says so to Zotero too.
    arabic = embedded_metadata(client.get("/ar/cases/finland-action-plan/").content.decode())

    assert (french.item()["title"], french.item()["language"]) == (
        "Plan d'action de la Finlande",
        "fr",
    )
    assert french.tags["og:locale"] == "fr_FR"
    assert french.tags["og:description"] == "Quarante-trois mesures."
    assert (arabic.item()["title"], arabic.item()["language"]) == ("Finland action plan", "en")
    assert arabic.tags["og:locale"] == "en_GB"
