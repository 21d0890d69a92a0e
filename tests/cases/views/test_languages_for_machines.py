"""Feeds, the sitemap, JSON-LD and export records speak the reader's language."""

import json
import re
from xml.etree import ElementTree

import pytest

from cases.models import Case
from cases.services.translations import translation_mark_reviewed
from pillars.models import PillarTranslation
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


def sitemap_entries(client):
    """{address: {hreflang: alternate address}} of every entry of /sitemap.xml."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }


def test_the_sitemap_names_each_pages_languages_as_alternates(client, cases, editor):
    mark_reviewed(cases, "fr", editor)
    cases.title_ar, cases.summary_ar = "فريق عمل", "ملخص."
    cases.save()
    mark_reviewed(cases, "ar", editor)

    entries = sitemap_entries(client)

    assert {"/cases/uganda/", "/fr/cases/uganda/", "/ar/cases/uganda/"} <= set(entries)
    assert entries["/ar/cases/uganda/"] == {
        "en": "/cases/uganda/",
        "fr": "/fr/cases/uganda/",
        "ar": "/ar/cases/uganda/",
        "x-default": "/cases/uganda/",
    }


def test_the_sitemap_leaves_out_unreviewed_and_missing_translations(client, cases, editor):
    """Uganda's French is not yet reviewed (its page says noindex) and it has no Arabic (the
    Arabic address shows the English): neither is listed, nor named as an alternate."""
    entries = sitemap_entries(client)

    assert "/fr/cases/uganda/" not in entries and "/ar/cases/uganda/" not in entries
    assert entries["/cases/uganda/"] == {"en": "/cases/uganda/", "x-default": "/cases/uganda/"}
    assert "noindex" in client.get("/fr/cases/uganda/").text
    # Finland has no translation at all; the interface pages are listed in every language.
    assert not {"/fr/cases/finland/", "/ar/cases/finland/"} & set(entries)
    assert {"/fr/cases/", "/ar/cases/", "/fr/countries/", "/ar/data/"} <= set(entries)

    mark_reviewed(cases, "fr", editor)
    entries = sitemap_entries(client)

    assert "/fr/cases/uganda/" in entries and "/ar/cases/uganda/" not in entries
    assert set(entries["/fr/cases/uganda/"]) == {"en", "fr", "x-default"}


def test_the_sitemap_lists_a_pillar_only_in_the_languages_a_person_checked(
    client, cases, pillars, editor
):
    """Trust has an unreviewed French name; the others have no translation."""
    entries = sitemap_entries(client)

    assert "/pillars/trust/" in entries and "/fr/pillars/trust/" not in entries
    assert "/fr/pillars/capacity/" not in entries

    trust = pillars["trust"]
    trust.definition_fr = "La confiance."
    trust.save()
    PillarTranslation.objects.create(
        pillar=trust, language="fr", status="reviewed", reviewed_by=editor
    )
    entries = sitemap_entries(client)

    assert entries["/fr/pillars/trust/"] == {
        "en": "/pillars/trust/",
        "fr": "/fr/pillars/trust/",
        "x-default": "/pillars/trust/",
    }


def test_a_french_original_case_is_listed_in_french_without_an_english_default(client, db):
    CaseFactory(
        slug="lyon",
        original_language="fr",
        title_en="",
        summary_en="",
        title_fr="Lyon",
        summary_fr="Résumé.",
    )

    entries = sitemap_entries(client)

    assert entries["/fr/cases/lyon/"] == {"fr": "/fr/cases/lyon/"}
    assert "/cases/lyon/" not in entries


def mark_reviewed(case, language, user):
    translation_mark_reviewed(objects=Case.objects.filter(pk=case.pk), language=language, user=user)


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
