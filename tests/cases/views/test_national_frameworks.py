"""A practitioner reads how a country's national strategy reaches its cities, with sources."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from reversion.models import Version

from cases.choices import Region
from cases.models import Country, NationalFramework, Publication
from cases.services.national import NATIONAL_FRAMEWORKS_FIXTURE
from tests.cases.admin_forms import change_form_data
from tests.factories import ActorFactory, CaseFactory, CountryFactory

from .test_case_pages import COUNTRY_PAGE_QUERIES, text

PRACTICE_UPDATE_URL = (
    "https://strongcitiesnetwork.org/resource/national-local-cooperation-a-pillar-of-city-led-"
    "prevention-of-hate-extremism-and-polarisation-a-practice-update/"
)
SEED_DOCUMENTS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def panel(response):
    """The national framework panel as a person reads it."""
    page = text(response)
    return page[page.index("National framework") : page.index("Published cases")]


# The panel


def test_malawis_page_names_its_october_2023_strategy_with_its_source(client, seeded):
    response = client.get("/countries/MW/")

    shown = panel(response)
    assert "National Strategy to Prevent Extremism and Counter Terrorism (October 2023)" in shown
    assert "Source: National-Local Cooperation: A Pillar of City-Led Prevention" in shown
    assert "(Strong Cities Network, 27 November 2024), the section on Malawi" in shown
    assert f'href="{PRACTICE_UPDATE_URL}"' in response.content.decode()
    assert "Peace and Unity Committees are being set up in four cities" in shown


def test_a_statement_the_sources_do_not_make_is_said_to_be_missing(client, seeded):
    """Malawi's sources name no coordinating body; the page says so rather than guessing."""
    shown = panel(client.get("/countries/MW/"))

    assert "National body The catalogue's sources say nothing about this for Malawi." in shown


def test_finlands_page_gives_the_updated_plan_and_its_43_measures(client, seeded):
    shown = panel(client.get("/countries/FI/"))

    assert "Violent Radicalisation and Violent Extremism (July 2024)" in shown
    assert "43 measures" in shown
    assert "Ministry of the Interior" in shown


def test_a_country_the_sources_say_nothing_about_says_so(client, seeded):
    CountryFactory(code="NL", name="Netherlands", region=Region.EUROPE)

    response = client.get("/countries/NL/")

    shown = panel(response)
    assert "The catalogue's sources say nothing about the national strategy of Netherlands" in shown
    assert "Source:" not in shown
    assert "No published case names a national, regional, local or community body" in shown


def test_the_panel_lists_the_countrys_own_bodies_its_published_cases_name(
    client, pillars, countries
):
    uganda, finland = countries["UG"], countries["FI"]
    nctc = ActorFactory(name="National Counter Terrorism Centre", level="national", country=uganda)
    nansana = ActorFactory(name="Nansana Municipality", level="local", country=uganda)
    hub = ActorFactory(name="ESA Regional Hub", level="international")
    foreign = ActorFactory(name="Finnish ministry", level="national", country=finland)
    hidden = ActorFactory(name="Only in a draft", level="local", country=uganda)
    CaseFactory(countries=[uganda], actors=[nansana, nctc, hub, foreign])
    CaseFactory(countries=[uganda], actors=[hidden], status="draft")

    shown = panel(client.get("/countries/UG/"))

    bodies = shown[shown.index("Bodies named") :]
    assert "National National Counter Terrorism Centre Local Nansana Municipality" in bodies
    for absent in ("ESA Regional Hub", "Finnish ministry", "Only in a draft"):
        assert absent not in bodies


def test_french_text_is_shown_with_a_notice_until_a_person_reviews_it(client, seeded):
    response = client.get("/fr/countries/MW/")

    assert "Stratégie nationale de prévention de l'extrémisme" in text(response)
    assert "national-framework__unreviewed" in response.content.decode()

    NationalFramework.objects.filter(country__code="MW").update(translations_reviewed=True)
    response = client.get("/fr/countries/MW/")

    assert "national-framework__unreviewed" not in response.content.decode()
    # English pages never carry the notice.
    NationalFramework.objects.update(translations_reviewed=False)
    assert "national-framework__unreviewed" not in client.get("/countries/MW/").content.decode()


def test_arabic_text_is_shown_on_the_arabic_page(client, seeded):
    assert "تمنح الاستراتيجية الحكومات المحلية تفويضًا" in text(client.get("/ar/countries/IQ/"))


@pytest.mark.parametrize("size", [2, 25])
def test_the_panel_costs_the_country_page_at_most_one_query(
    client, seeded, size, django_assert_max_num_queries
):
    malawi = Country.objects.get(code="MW")
    for index in range(size):
        actor = ActorFactory(name=f"Malawian body {index:02d}", level="local", country=malawi)
        CaseFactory(countries=[malawi], actors=[actor])

    with django_assert_max_num_queries(COUNTRY_PAGE_QUERIES):
        response = client.get("/countries/MW/")

    assert "October 2023" in panel(response)
    assert "Malawian body 00" in panel(response)


# Exports and the API


def test_the_json_export_ends_with_the_exported_countries_and_their_frameworks(
    client, seeded, django_assert_max_num_queries
):
    response = client.get("/cases/export.json?region=east-southern-africa")
    data = json.loads(b"".join(response.streaming_content))

    assert set(data["countries"]) == {"MW", "UG"}
    malawi = data["countries"]["MW"]["national_framework"]
    assert malawi["strategy_year"] == 2023 and malawi["strategy_month"] == 10
    assert malawi["coordinating_body"] == ""
    assert malawi["sources"]["coordinating_body"] is None
    assert malawi["sources"]["strategy"]["url"] == PRACTICE_UPDATE_URL
    assert malawi["sources"]["strategy"]["where"] == "the section on Malawi"
    assert malawi["translations"]["fr"]["strategy_name"].startswith("Stratégie nationale")
    assert malawi["translations_reviewed"] is False


def test_a_country_without_a_framework_is_exported_with_null(client, seeded):
    netherlands = CountryFactory(code="NL", name="Netherlands", region=Region.EUROPE)
    CaseFactory(slug="dutch-case", countries=[netherlands])

    response = client.get("/cases/export.json?country=NL")
    data = json.loads(b"".join(response.streaming_content))

    assert data["countries"] == {
        "NL": {"name": "Netherlands", "region": "europe", "national_framework": None}
    }


def test_the_api_gives_each_country_its_framework_as_the_export_does(client, seeded):
    exported = json.loads(b"".join(client.get("/cases/export.json?country=UG").streaming_content))[
        "countries"
    ]["UG"]["national_framework"]

    from_api = client.get("/api/v1/countries/UG/").json()["national_framework"]

    assert from_api == exported
    assert "National Counter Terrorism Centre" in from_api["strategy_status"]


def test_the_codebook_documents_every_field_of_a_framework(client, seeded):
    record = NationalFramework.objects.with_sources().get(country__code="FI").as_record()
    page = client.get("/data/").content.decode()

    for key in record:
        assert f"countries.&lt;code&gt;.national_framework.{key}" in page


# Curation


def test_a_curator_edits_a_framework_and_reverts_a_french_text(client, seeded, curator):
    framework = NationalFramework.objects.get(country__code="MW")
    url = reverse("admin:cases_nationalframework_change", args=[framework.pk])
    client.force_login(curator)
    original = framework.strategy_status_fr

    data = change_form_data(client.get(url))
    assert client.post(url, {**data, "_save": "Save"}).status_code == 302
    first = Version.objects.get_for_object(framework).get()
    data["strategy_status_fr"] = "Texte réécrit par une curatrice."
    assert client.post(url, {**data, "_save": "Save"}).status_code == 302
    framework.refresh_from_db()
    assert framework.strategy_status_fr == "Texte réécrit par une curatrice."

    revert = reverse("admin:cases_nationalframework_revert", args=[framework.pk, first.pk])
    response = client.post(revert, follow=True)

    assert response.status_code == 200
    framework.refresh_from_db()
    assert framework.strategy_status_fr == original
    assert "Publiée en octobre 2023" in framework.strategy_status_fr


def test_a_statement_without_its_source_is_refused(seeded):
    framework = NationalFramework(
        country=CountryFactory(code="NL"), coordinating_body_en="Some ministry"
    )

    with pytest.raises(ValidationError) as error:
        framework.full_clean()

    assert "coordinating_body_source" in error.value.message_dict


# The seed


def test_loading_again_keeps_a_curators_edits_to_a_framework(seeded):
    NationalFramework.objects.filter(country__code="UG").update(structures_en="Edited.")
    NationalFramework.objects.filter(country__code="BD").delete()

    call_command("load_seed", verbosity=0)

    assert NationalFramework.objects.get(country__code="UG").structures_en == "Edited."
    assert NationalFramework.objects.filter(country__code="BD").exists()
    assert NationalFramework.objects.count() == 10
    assert Publication.objects.count() == 2


def test_a_bad_frameworks_file_loads_nothing_at_all(db, tmp_path):
    data = json.loads(NATIONAL_FRAMEWORKS_FIXTURE.read_text(encoding="utf-8"))
    data["frameworks"][-1]["structures_source"] = "no-such-document"
    bad = tmp_path / "frameworks.json"
    bad.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError, match="unknown publication 'no-such-document'"):
        call_command("load_seed", national_frameworks=str(bad), verbosity=0)

    assert not Country.objects.exists()
    assert not NationalFramework.objects.exists()


def test_the_frameworks_are_written_in_the_catalogues_own_words():
    """No run of twelve words is copied from a seed document (names carry over, sentences
    do not)."""
    seeds = " ".join(
        " ".join(re.findall(r"\w+", path.read_text(encoding="utf-8").lower()))
        for path in sorted(SEED_DOCUMENTS.glob("*.txt"))
    )
    data = json.loads(NATIONAL_FRAMEWORKS_FIXTURE.read_text(encoding="utf-8"))
    english = [
        value
        for record in data["frameworks"]
        for key, value in record.items()
        if key.endswith("_en") and key != "strategy_name_en"
    ]

    for value in english:
        words = re.findall(r"\w+", value.lower())
        for start in range(len(words) - 11):
            run = " ".join(words[start : start + 12])
            assert run not in seeds, run
