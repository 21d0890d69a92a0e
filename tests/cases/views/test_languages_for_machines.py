"""Feeds, the sitemap, JSON-LD and export records speak the reader's language."""

import json
import re
from xml.etree import ElementTree

import pytest

from cases.models import Case
from tests.factories import CaseFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def cases(pillars):
    translated = CaseFactory(title="Uganda taskforce", slug="uganda", pillars=[pillars["trust"]])
    translated.title_fr, translated.summary_fr = "Groupe de travail", "Résumé."
    translated.save()
    CaseFactory(title="Finland plan", slug="finland", pillars=[pillars["trust"]])
    pillars["trust"].name_fr = "Confiance"
    pillars["trust"].save()
    return translated


def jsonld(response):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(block.group(1))


def test_the_french_feed_has_french_titles_falling_back_to_the_original(client, cases):
    response = client.get("/fr/cases/feed.atom")

    feed = ElementTree.fromstring(response.content)
    assert feed.get(XML_LANG) == "fr"
    titles = {entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")}
    assert titles == {"Groupe de travail", "Finland plan"}
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert "http://testserver/fr/cases/uganda/" in links
    categories = {c.get("term") for c in feed.iter(f"{ATOM}category")}
    assert categories == {"Confiance"}


def test_the_english_feed_stays_english(client, cases):
    feed = ElementTree.fromstring(client.get("/cases/feed.atom").content)

    assert feed.get(XML_LANG) == "en"
    titles = {entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")}
    assert titles == {"Uganda taskforce", "Finland plan"}


def test_the_sitemap_names_each_pages_languages_as_alternates(client, cases):
    response = client.get("/sitemap.xml")

    root = ElementTree.fromstring(response.content)
    urls = {url.find(f"{SITEMAP}loc").text: url for url in root.iter(f"{SITEMAP}url")}
    assert {
        "http://testserver/cases/uganda/",
        "http://testserver/fr/cases/uganda/",
        "http://testserver/ar/cases/uganda/",
    } <= set(urls)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://testserver/ar/cases/uganda/"].iter(f"{XHTML}link")
    }
    assert alternates == {
        "en": "http://testserver/cases/uganda/",
        "fr": "http://testserver/fr/cases/uganda/",
        "ar": "http://testserver/ar/cases/uganda/",
        "x-default": "http://testserver/cases/uganda/",
    }


def test_case_json_ld_is_in_the_language_the_text_is_in(client, cases):
    french = jsonld(client.get("/fr/cases/uganda/"))
    fallback = jsonld(client.get("/fr/cases/finland/"))

    assert (french["inLanguage"], french["name"]) == ("fr", "Groupe de travail")
    assert (fallback["inLanguage"], fallback["name"]) == ("en", "Finland plan")
    assert french["keywords"] == ["Confiance"]


def test_the_data_pages_json_ld_names_its_language(client, cases):
    assert jsonld(client.get("/ar/data/"))["inLanguage"] == "ar"
    assert jsonld(client.get("/data/"))["inLanguage"] == "en"


def test_export_records_name_pillars_in_the_requested_language(client, cases):
    french = json.loads(b"".join(client.get("/fr/cases/export.json").streaming_content))
    arabic = json.loads(b"".join(client.get("/cases/export.json?lang=ar").streaming_content))

    assert {p["name"] for r in french["cases"] for p in r["pillars"]} == {"Confiance"}
    # No Arabic name yet: the English one.
    assert {p["name"] for r in arabic["cases"] for p in r["pillars"]} == {"Trust"}
    assert Case.objects.count() == 2
