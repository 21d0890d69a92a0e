"""The seed data: every NLC example of the seed documents, as published cases in our own words."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cases.choices import Level, Region
from cases.models import Actor, Case, CaseActor, Country, Source
from pillars.models import Pillar

PRACTICE_UPDATE = (
    "National-Local Cooperation: A Pillar of City-Led Prevention of Hate, Extremism and "
    "Polarisation – A Practice Update"
)
SURAKARTA = "indonesia-surakarta-nlc-dialogue-2022"
PRACTICE_UPDATE_URL = (
    "https://strongcitiesnetwork.org/resource/national-local-cooperation-a-pillar-of-city-led-"
    "prevention-of-hate-extremism-and-polarisation-a-practice-update/"
)
PROGRAMME_PAGE_URL = "https://strongcitiesnetwork.org/our-themes/national-local-cooperation/"
INDIAN_CASES = {
    "india-delhi-rwas-peace-committee",
    "india-mumbai-mohalla-committees",
    "india-shimla-social-justice-commission-ward-sabhas",
}
SEED_DOCUMENTS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
# Twelve or more consecutive words shared with a seed document count as copied wording.
COPIED_RUN = 12

SEED_CASES = {
    "uganda-cities-in-national-pcve-strategy",
    "malawi-localising-national-strategy",
    "iraq-local-mandate-national-cve-strategy",
    "finland-nlc-action-plan",
    "canada-fpt-working-group-crv",
    "canada-cross-city-conferences-2024",
    "us-doj-community-relations-service",
    "us-dhs-cp3",
    "bangladesh-nilg",
    "indonesia-i-khub",
    SURAKARTA,
    "philippines-dilg-ncr-training-module",
    "india-delhi-rwas-peace-committee",
    "india-mumbai-mohalla-committees",
    "india-shimla-social-justice-commission-ward-sabhas",
}


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Pillar, Country, Actor, Case, CaseActor, Source)
    }


def case_text(case):
    return "\n".join([case.title, case.summary, case.body, *case.takeaways])


def slugs_in(code):
    return set(Case.objects.published().filter(countries__code=code).values_list("slug", flat=True))


# The cases


def test_exactly_the_fifteen_seed_cases_are_published(seeded):
    assert set(Case.objects.published().values_list("slug", flat=True)) == SEED_CASES
    assert Case.objects.count() == 15


def test_every_seed_country_is_represented(seeded):
    covered = set(
        Country.objects.filter(cases__in=Case.objects.published()).values_list("code", flat=True)
    )

    assert covered == {"UG", "MW", "IQ", "FI", "CA", "US", "BD", "ID", "PH", "IN"}


def test_countries_with_several_cases_have_the_right_ones(seeded):
    assert slugs_in("CA") == {"canada-fpt-working-group-crv", "canada-cross-city-conferences-2024"}
    # The Victoria conference included western US cities, so it also carries the US tag.
    assert slugs_in("US") - slugs_in("CA") == {"us-doj-community-relations-service", "us-dhs-cp3"}
    assert slugs_in("ID") == {"indonesia-i-khub", SURAKARTA}
    assert slugs_in("IN") == {
        "india-delhi-rwas-peace-committee",
        "india-mumbai-mohalla-committees",
        "india-shimla-social-justice-commission-ward-sabhas",
    }
    for code in ("UG", "MW", "IQ", "FI", "BD", "PH"):
        assert len(slugs_in(code)) == 1, code


def test_every_seed_country_sits_in_its_strong_cities_region(seeded):
    regions = dict(Country.objects.values_list("code", "region"))

    assert regions == {
        "UG": Region.EAST_SOUTHERN_AFRICA,
        "MW": Region.EAST_SOUTHERN_AFRICA,
        "IQ": Region.MENA,
        "FI": Region.EUROPE,
        "CA": Region.NORTH_AMERICA,
        "US": Region.NORTH_AMERICA,
        "BD": Region.SOUTH_ASIA,
        "IN": Region.SOUTH_ASIA,
        "ID": Region.SOUTHEAST_ASIA,
        "PH": Region.SOUTHEAST_ASIA,
    }


def test_every_case_has_a_pillar_an_actor_a_source_and_a_country(seeded):
    for case in Case.objects.all():
        assert case.pillars.exists(), case.slug
        assert case.case_actors.exists(), case.slug
        assert case.sources.exists(), case.slug
        assert case.countries.exists(), case.slug
        assert case.summary.strip(), case.slug
        assert case.body.strip(), case.slug
        assert case.takeaways, case.slug


def test_every_case_passes_full_clean(seeded):
    for case in Case.objects.all():
        case.full_clean()


def test_every_actor_has_a_level_and_a_kind(seeded):
    assert Actor.objects.exists()
    for actor in Actor.objects.all():
        assert actor.level in Level.values, actor.slug
        assert actor.kind, actor.slug


def test_every_actor_takes_part_in_a_case(seeded):
    assert not Actor.objects.filter(case_links__isnull=True).exists()


def test_cases_show_several_levels_cooperating(seeded):
    for case in Case.objects.exclude(slug="bangladesh-nilg"):
        levels = set(case.case_actors.values_list("actor__level", flat=True))
        assert len(levels) >= 2, case.slug


def test_the_six_pillars_exist_in_order_with_a_definition_and_guidance(seeded):
    pillars = list(Pillar.objects.all())

    assert [pillar.slug for pillar in pillars] == [
        "trust",
        "inclusivity",
        "coordination",
        "communication",
        "capacity",
        "sustainability",
    ]
    for pillar in pillars:
        assert pillar.name.lower() == pillar.slug
        assert len(pillar.definition) > 20, pillar.slug
        assert len(pillar.guidance) > 100, pillar.slug
        assert pillar.cases.exists(), pillar.slug


# Sources


def test_the_practice_update_is_a_source_of_every_case_but_the_surakarta_dialogue(seeded):
    citing = set(Source.objects.filter(title=PRACTICE_UPDATE).values_list("case__slug", flat=True))

    assert citing == SEED_CASES - {SURAKARTA}
    for source in Source.objects.filter(title=PRACTICE_UPDATE):
        assert source.publisher == "Strong Cities Network"
        assert source.published == date(2024, 11, 27)
        assert source.url == PRACTICE_UPDATE_URL


def test_the_programme_page_is_cited_by_the_cases_that_draw_on_it(seeded):
    surakarta = Case.objects.get(slug=SURAKARTA)

    [source] = surakarta.sources.all()
    assert source.title == "National-Local Cooperation"
    assert source.publisher == "Strong Cities Network"
    assert source.url == PROGRAMME_PAGE_URL
    # Uganda's mapping with local experts is described on the programme page.
    citing = set(Source.objects.filter(url=PROGRAMME_PAGE_URL).values_list("case__slug", flat=True))
    assert citing == {SURAKARTA, "uganda-cities-in-national-pcve-strategy"}
    assert not Source.objects.filter(url="").exists()


def test_lost_source_lists_are_pointed_to_by_a_link_not_a_note(seeded):
    for case in Case.objects.all():
        assert not re.search(r"did not survive|was lost|not reproduced", case.body), case.slug
    for slug in (
        "finland-nlc-action-plan",
        "us-doj-community-relations-service",
        "bangladesh-nilg",
        "philippines-dilg-ncr-training-module",
        "iraq-local-mandate-national-cve-strategy",
        "malawi-localising-national-strategy",
    ):
        body_html = Case.objects.get(slug=slug).body_html
        assert f'href="{PRACTICE_UPDATE_URL}"' in body_html, slug


# Facts carried over from the seeds


KEY_FACTS = {
    "finland-nlc-action-plan": [
        r"\b43 measures",
        r"\b28 agencies",
        r"\bTOUVI\b",
        r"Ministry of the Interior",
    ],
    "us-dhs-cp3": [r"\b18 Regional Prevention Coordinators", r"TVTP"],
    "philippines-dilg-ncr-training-module": [r"\b100 barangay representatives", r"June 2023"],
    "uganda-cities-in-national-pcve-strategy": [
        r"Regina Bakitte",
        r"Nansana",
        r"AMICAALL",
        r"National Counter Terrorism Centre",
        r"April 2023",
    ],
    "iraq-local-mandate-national-cve-strategy": [
        r"\bsix (Iraqi )?cities",
        r"\bIOM\b",
        r"NCCVE",
        r"EUAM",
        r"May 2024",
    ],
    "canada-cross-city-conferences-2024": [
        r"Montreal",
        r"Victoria",
        r"30–31 May",
        r"30–31 October",
        r"Megaweek",
        r"Foundation for a Path Forward",
    ],
    "canada-fpt-working-group-crv": [
        r"nearly 500 (people|attendees)",
        r"Mississauga",
        r"Peel Regional Police",
        r"three (meetings|times)",
        r"British Columbia",
    ],
    "us-doj-community-relations-service": [
        r"\b50 community leaders",
        r"Jacksonville",
        r"Miami[^.]*\b500\b",
    ],
    "malawi-localising-national-strategy": [
        r"Peace and Unity Committees",
        r"four cities",
        r"October 2023",
        r"February 2025",
    ],
    "bangladesh-nilg": [r"National Institute of Local Government", r"mayors"],
    "indonesia-i-khub": [r"Jakarta", r"Makassar", r"EU Delegation"],
    SURAKARTA: [r"Surakarta", r"December 2022", r"GCCS", r"BNPT", r"Netherlands", r"DFAT"],
    "india-delhi-rwas-peace-committee": [r"Resident Welfare Associations", r"2020 riots"],
    "india-mumbai-mohalla-committees": [r"Mohalla Committees", r"Mumbai police"],
    "india-shimla-social-justice-commission-ward-sabhas": [
        r"Deputy Mayor",
        r"Ward Sabhas",
        r"twice a year",
    ],
}


def test_key_facts_from_the_seeds_are_in_the_case_text(seeded):
    missing = {}
    for slug, facts in KEY_FACTS.items():
        text = case_text(Case.objects.get(slug=slug))
        missing[slug] = [fact for fact in facts if not re.search(fact, text)]

    assert {slug: facts for slug, facts in missing.items() if facts} == {}
    assert set(KEY_FACTS) == SEED_CASES


def test_case_periods_follow_the_seed_dates(seeded):
    periods = {case.slug: case.period_display for case in Case.objects.all()}

    assert periods == {
        "uganda-cities-in-national-pcve-strategy": "October 2022 – October 2024",
        # Committees were still being set up when the practice update came out (November 2024).
        "malawi-localising-national-strategy": "October 2023 – 2024",
        "iraq-local-mandate-national-cve-strategy": "May 2024",
        "finland-nlc-action-plan": "July 2024",
        # Three FPT meetings in the twelve months before the November 2024 practice update.
        "canada-fpt-working-group-crv": "2023 – 2024",
        "canada-cross-city-conferences-2024": "May 2024 – October 2024",
        SURAKARTA: "December 2022",
        "philippines-dilg-ncr-training-module": "June 2023",
        # Standing bodies the seeds never date: their dated episodes (February 2024 in Florida,
        # the 2023 workshops, the 2020 riots) stay in the text, the period stays empty.
        "us-doj-community-relations-service": "",
        "indonesia-i-khub": "",
        "india-delhi-rwas-peace-committee": "",
        "us-dhs-cp3": "",
        "bangladesh-nilg": "",
        "india-mumbai-mohalla-committees": "",
        "india-shimla-social-justice-commission-ward-sabhas": "",
    }


def test_actors_named_in_the_seeds_have_their_levels(seeded):
    levels = dict(Actor.objects.values_list("slug", "level"))

    assert levels["strong-cities-network"] == Level.INTERNATIONAL
    assert levels["iom-iraq"] == Level.INTERNATIONAL
    assert levels["uganda-national-counter-terrorism-centre"] == Level.NATIONAL
    assert levels["bc-ministry-of-public-safety"] == Level.REGIONAL
    assert levels["nansana-municipality"] == Level.LOCAL
    assert levels["ncr-barangays"] == Level.COMMUNITY


def actors_of(slug):
    return set(CaseActor.objects.filter(case__slug=slug).values_list("actor__slug", flat=True))


def test_actors_the_seeds_name_as_cooperating_are_linked_with_their_level_and_kind(seeded):
    expected = {
        "finland-nlc-action-plan": {
            "finnish-national-authorities": (Level.NATIONAL, "national_agency"),
            "finnish-local-authorities": (Level.LOCAL, "local_government"),
            "finnish-civil-society": (Level.NATIONAL, "civil_society"),
            "finnish-researchers": (Level.NATIONAL, "research_academia"),
        },
        "us-doj-community-relations-service": {
            "miami-forum-law-enforcement": (Level.LOCAL, "police_security"),
        },
        "indonesia-i-khub": {
            "indonesian-government-agencies": (Level.NATIONAL, "national_agency"),
        },
        SURAKARTA: {"indonesian-national-government": (Level.NATIONAL, "national_agency")},
        "canada-cross-city-conferences-2024": {
            "canadian-municipal-governments": (Level.LOCAL, "local_government"),
            "western-us-cities": (Level.LOCAL, "local_government"),
        },
    }

    for slug, named in expected.items():
        linked = {
            link.actor.slug: (link.actor.level, link.actor.kind)
            for link in CaseActor.objects.filter(case__slug=slug).select_related("actor")
        }
        assert {actor: linked.get(actor) for actor in named} == named, slug


def test_the_south_asia_hub_only_hosted_the_roundtable_so_it_is_no_actor_of_the_indian_cases(
    seeded,
):
    for slug in INDIAN_CASES:
        case = Case.objects.get(slug=slug)
        assert "South Asia Regional Hub" in case.summary + case.body, slug
        levels = set(case.case_actors.values_list("actor__level", flat=True))
        assert Level.INTERNATIONAL not in levels, slug
    assert not Actor.objects.filter(slug="south-asia-regional-hub").exists()


def test_foreign_donors_are_named_in_the_text_not_listed_as_national_actors(seeded):
    surakarta = Case.objects.get(slug=SURAKARTA)

    assert not Actor.objects.filter(slug__in=["australia-dfat", "government-of-the-netherlands"])
    assert "Netherlands" in surakarta.body and "DFAT" in surakarta.body
    for case in Case.objects.prefetch_related("countries", "case_actors__actor__country"):
        codes = {country.code for country in case.countries.all()}
        for link in case.case_actors.all():
            actor = link.actor
            if actor.level == Level.NATIONAL and actor.country:
                assert actor.country.code in codes, (case.slug, actor.slug)


def test_pillar_tags_rest_on_the_case_text(seeded):
    pillars = {
        case.slug: set(case.pillars.values_list("slug", flat=True)) for case in Case.objects.all()
    }

    assert pillars["canada-fpt-working-group-crv"] == {"coordination", "communication"}
    assert {slug for slug, tags in pillars.items() if "trust" in tags} == {
        "us-doj-community-relations-service",
        "india-delhi-rwas-peace-committee",
        "india-mumbai-mohalla-committees",
    }


def test_the_trust_guidance_credits_delhi_not_mumbai_with_calming_violence(seeded):
    guidance = Pillar.objects.get(slug="trust").guidance

    delhi, mumbai = guidance.split("Mumbai", 1)
    assert "Delhi" in delhi and "2020 riots" in delhi
    assert not re.search(r"violen|riot", mumbai)


def test_the_wording_stays_within_what_the_seeds_say(seeded):
    uganda = Case.objects.get(slug="uganda-cities-in-national-pcve-strategy")
    malawi = Case.objects.get(slug="malawi-localising-national-strategy")
    finland = Case.objects.get(slug="finland-nlc-action-plan")

    # The taskforce came out of the October 2024 roundtable and is still to be chaired.
    assert "set up a taskforce" not in case_text(uganda)
    assert "led to a taskforce, to be chaired by" in uganda.summary
    # The seeds do not tie the Peace and Unity Committees to the March 2024 meeting.
    assert "with Peace and Unity Committees" not in malawi.summary
    assert "does not say whether the committees grew out of the March 2024 meeting" in malawi.body
    # Local networks and anchor teams support local execution; they do not deliver the plan.
    assert "deliver the work locally" not in finland.summary
    assert "support its execution locally" in finland.summary
    assert "support the plan's execution on the ground" in finland.body


# Loading again


def test_loading_twice_creates_no_duplicates(seeded, capsys):
    before = row_counts()

    call_command("load_seed", path=str(settings.SEED_FIXTURE))

    assert row_counts() == before
    assert before["Case"] == 15
    assert before["Pillar"] == 6
    output = capsys.readouterr().out
    assert "cases: 0 created, 15 already present" in output
    assert "pillars: 0 created, 6 already present" in output


def test_loading_again_keeps_a_curators_edits(seeded):
    finland = Case.objects.get(slug="finland-nlc-action-plan")
    finland.title = "Finland: the 2024 action plan (edited by a curator)"
    finland.takeaways = ["A curator's own lesson."]
    finland.save()
    finland.case_actors.filter(actor__slug="finland-anchor-teams").delete()
    trust = Pillar.objects.get(slug="trust")
    trust.definition = "A curator's definition of trust."
    trust.save()
    uganda = Country.objects.get(code="UG")
    uganda.name = "Republic of Uganda"
    uganda.save()

    call_command("load_seed", path=str(settings.SEED_FIXTURE), verbosity=0)

    finland.refresh_from_db()
    assert finland.title == "Finland: the 2024 action plan (edited by a curator)"
    assert finland.takeaways == ["A curator's own lesson."]
    assert not finland.case_actors.filter(actor__slug="finland-anchor-teams").exists()
    assert Pillar.objects.get(slug="trust").definition == "A curator's definition of trust."
    assert Country.objects.get(code="UG").name == "Republic of Uganda"


def test_loading_again_restores_a_deleted_case_without_touching_the_others(seeded):
    Case.objects.filter(slug="bangladesh-nilg").delete()
    before = row_counts()

    call_command("load_seed", path=str(settings.SEED_FIXTURE), verbosity=0)

    after = row_counts()
    assert after["Case"] == before["Case"] + 1
    assert Case.objects.get(slug="bangladesh-nilg").sources.count() == 1


# A malformed seed file


def seed_data():
    return json.loads(Path(settings.SEED_FIXTURE).read_text(encoding="utf-8"))


def unknown_pillar(data):
    data["cases"][-1]["pillars"].append("courage")
    return json.dumps(data)


def unknown_country(data):
    data["cases"][-1]["countries"] = ["ZZ"]
    return json.dumps(data)


def unknown_actor(data):
    data["cases"][-1]["actors"].append({"actor": "nobody", "role": "none"})
    return json.dumps(data)


def missing_case_field(data):
    del data["cases"][-1]["summary"]
    return json.dumps(data)


def missing_pillar_field(data):
    del data["pillars"][-1]["name"]
    return json.dumps(data)


def missing_section(data):
    del data["cases"]
    return json.dumps(data)


def impossible_period(data):
    data["cases"][-1].update(start_year=2024, start_month=None, end_year=2020, end_month=None)
    return json.dumps(data)


def case_without_sources(data):
    data["cases"][-1]["sources"] = []
    return json.dumps(data)


def invalid_iso_code(data):
    data["countries"].append({"code": "XX", "name": "Nowhere", "region": "europe"})
    return json.dumps(data)


def invalid_json(data):
    return json.dumps(data)[:-200]


def not_json(data):
    return "pillars: trust, inclusivity\n"


@pytest.mark.parametrize(
    "break_seed",
    [
        unknown_pillar,
        unknown_country,
        unknown_actor,
        missing_case_field,
        missing_pillar_field,
        missing_section,
        impossible_period,
        case_without_sources,
        invalid_iso_code,
        invalid_json,
        not_json,
    ],
)
def test_a_malformed_seed_file_is_refused_and_nothing_is_loaded(db, tmp_path, break_seed):
    path = tmp_path / "seed.json"
    path.write_text(break_seed(seed_data()), encoding="utf-8")
    before = row_counts()

    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_seed", path=str(path), verbosity=0)

    assert row_counts() == before
    assert before == dict.fromkeys(before, 0)


def test_a_malformed_seed_file_adds_nothing_to_an_existing_catalogue(seeded, tmp_path):
    data = seed_data()
    new_case = {**data["cases"][0], "slug": "uganda-second-look", "title": "Uganda again"}
    broken_case = {**data["cases"][1], "slug": "malawi-broken", "pillars": ["courage"]}
    data["cases"] = [new_case, broken_case]
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = row_counts()

    with pytest.raises(CommandError, match="courage"):
        call_command("load_seed", path=str(path), verbosity=0)

    assert row_counts() == before
    assert not Case.objects.filter(slug="uganda-second-look").exists()


def test_a_missing_seed_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read the seed file"):
        call_command("load_seed", path=str(tmp_path / "absent.json"), verbosity=0)

    assert row_counts() == dict.fromkeys(row_counts(), 0)


# Written in our own words


# Official names carry over from the sources by design; each counts as one word on both sides,
# so only the catalogue's own sentences around them are compared.
OFFICIAL_NAMES = [
    "Action Plan for the Prevention and Combating of Violent Radicalisation and Violent Extremism",
    "National Strategy to Prevent Extremism and Counter Terrorism",
    "Federal/Provincial/Territorial (FPT) working group on Countering Radicalization to Violence",
    "Middle East and North Africa Regional Hub (MENA Regional Hub)",
    "East and Southern Africa Regional Hub (ESA Regional Hub)",
    "Department of the Interior and Local Government-National Capital Region (DILG-NCR)",
    "Department of the Interior and Local Government–National Capital Region (DILG-NCR)",
]
NAME_PATTERN = re.compile("|".join(re.escape(name) for name in OFFICIAL_NAMES), re.IGNORECASE)


def words(text):
    # A link's address spells the document's title; it is a citation, not our wording.
    text = re.sub(r"https?://[^\s)]+", " ", text)
    text = NAME_PATTERN.sub(" officialname ", text)
    return re.sub(r"[^\w\s]", " ", text.lower()).split()


def runs(sequence, length=COPIED_RUN):
    return {tuple(sequence[start : start + length]) for start in range(len(sequence) - length + 1)}


@pytest.fixture(scope="module")
def seed_document_runs():
    if not SEED_DOCUMENTS.is_dir():
        pytest.skip(f"The seed documents are not at {SEED_DOCUMENTS}; cannot compare wording.")
    documents = sorted(SEED_DOCUMENTS.glob("*.txt"))
    if not documents:
        pytest.skip(f"No seed document (*.txt) in {SEED_DOCUMENTS}; cannot compare wording.")
    found = set()
    for document in documents:
        found |= runs(words(document.read_text(encoding="utf-8")))
    return found


def copied_runs(fields, seed_document_runs):
    """`label: run` for every run of COPIED_RUN words a field shares with a seed document."""
    return sorted(
        f"{label}: {' '.join(run)}"
        for label, value in fields
        for run in runs(words(value)) & seed_document_runs
    )


def test_cases_are_written_in_our_own_words(seeded, seed_document_runs):
    fields = []
    for case in Case.objects.all():
        fields += [
            (f"{case.slug} title", case.title),
            (f"{case.slug} summary", case.summary),
            (f"{case.slug} body", case.body),
        ]
        fields += [
            (f"{case.slug} takeaway {number}", takeaway)
            for number, takeaway in enumerate(case.takeaways, start=1)
        ]

    copied = copied_runs(fields, seed_document_runs)

    assert not copied, (
        f"{len(copied)} runs of {COPIED_RUN}+ words are copied from the seed documents:\n"
        + "\n".join(copied)
    )


def test_pillars_are_written_in_our_own_words(seeded, seed_document_runs):
    fields = []
    for pillar in Pillar.objects.all():
        fields += [
            (f"{pillar.slug} definition", pillar.definition),
            (f"{pillar.slug} guidance", pillar.guidance),
        ]

    copied = copied_runs(fields, seed_document_runs)

    assert not copied, "Copied from the seed documents:\n" + "\n".join(copied)


def test_the_wording_check_catches_a_copied_sentence(seed_document_runs):
    """Guard for the two tests above: a sentence lifted from a seed document is caught."""
    document = sorted(SEED_DOCUMENTS.glob("*.txt"))[0].read_text(encoding="utf-8")
    sentence = " ".join(document.split()[200:215])

    assert copied_runs([("sample", f"Our intro. {sentence} Our outro.")], seed_document_runs)
