"""A practitioner downloads a briefing pack (PDF) of what they are looking at."""

import re

import pytest

from cases.models import Case
from tests.factories import CaseFactory

from ..assessment.answers import EVEN, answers_query
from .conftest import pdf_objects, pdf_text


def test_the_case_list_pack_holds_exactly_the_filtered_cases_in_the_lists_order(client, seeded):
    expected = [
        case.title
        for case in Case.objects.published().filter(pillars__slug="trust").sorted_by("newest")
    ]

    response = client.get("/cases/briefing.pdf?pillar=trust")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="nlc-briefing_pillar-trust_'
    )
    text = pdf_text(response.content)
    contents = text.split("Contents", 1)[1].split("How to cite these cases", 1)[0]
    listed = [line for line in contents.splitlines() if re.match(r"^\d+\. ", line.strip())]
    assert len(listed) == len(expected)
    for line, title in zip(listed, expected, strict=True):
        assert " ".join(title.split()[:3]) in line
    others = Case.objects.published().exclude(pillars__slug="trust")
    for case in others:
        assert case.title not in text.replace("\n", " ")
    assert "Pillar: Trust" in text
    assert "CC BY 4.0" in text
    assert "http://testserver/cases/" in text


def test_a_single_case_pack_has_its_sections_citation_and_working_links(client, seeded):
    case = Case.objects.published().order_by("title").first()

    response = client.get(f"/cases/{case.slug}/briefing.pdf")

    text = pdf_text(response.content)
    flat = " ".join(text.split())
    assert " ".join(case.title.split()) in flat
    for heading in (
        "Countries",
        "Period",
        "Pillars",
        "Actors by level",
        "Sources",
        "How to cite these cases",
        "Licence",
    ):
        assert heading in text
    assert f"http://testserver/cases/{case.slug}/" in flat
    assert f"/URI (http://testserver/cases/{case.slug}/)".encode() in pdf_objects(response.content)


def test_the_pack_is_a_tagged_pdf_ua_document(client, seeded):
    case = Case.objects.published().first()

    content = client.get(f"/cases/{case.slug}/briefing.pdf").content

    objects = pdf_objects(content)
    assert content.startswith(b"%PDF-")
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true", objects)
    assert b"pdfuaid:part" in objects
    assert b"/StructTreeRoot" in objects
    assert b"/Lang (en)" in objects


def test_the_compare_pack_holds_the_compared_cases_in_the_chosen_order(client, seeded):
    first, second = Case.objects.published().order_by("-title")[:2]

    response = client.get(f"/compare/briefing.pdf?cases={first.slug},{second.slug}")

    flat = " ".join(pdf_text(response.content).split())
    assert response.status_code == 200
    assert flat.index(" ".join(first.title.split())) < flat.index(" ".join(second.title.split()))


def test_a_french_pack_speaks_french(client, seeded):
    case = Case.objects.published().first()

    response = client.get(f"/fr/cases/{case.slug}/briefing.pdf")

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert "Dossier d’information" in text
    assert "Langue" in text and "français" in text


def test_an_arabic_pack_is_right_to_left_with_arabic_text(client, seeded):
    case = Case.objects.published().first()

    response = client.get(f"/ar/cases/{case.slug}/briefing.pdf")

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert re.search(r"[\u0600-\u06FF]", text), "no Arabic letters extracted"
    objects = pdf_objects(response.content)
    assert b"NLC-Naskh" in objects  # the vendored Noto Naskh Arabic, by its @font-face name
    assert b"/Lang (ar)" in objects


def test_a_self_assessment_pack_holds_the_profile_and_the_recommended_cases(client, statements):
    query = answers_query(
        statements, {**EVEN, "coordination": 0, "capacity": 1}, region="east-southern-africa"
    )
    page = client.get("/self-assessment/result/?" + query)
    recommended = [
        pick.case.title for _score, picks in page.context["recommendations"] for pick in picks
    ]

    response = client.get("/self-assessment/briefing.pdf?" + query)

    flat = " ".join(pdf_text(response.content).split())
    assert response.status_code == 200
    assert "Your self-assessment profile" in flat
    assert "Weakest pillars: Coordination, Capacity" in flat
    for title in recommended:
        assert " ".join(title.split()) in flat


@pytest.mark.parametrize(
    "url",
    [
        "/cases/briefing.pdf?pillar=nonsense",
        "/cases/briefing.pdf?year_min=abc",
        "/compare/briefing.pdf?cases=no-such-case",
        "/compare/briefing.pdf",
        "/self-assessment/briefing.pdf?s1=9",
    ],
)
def test_bad_selections_get_a_clear_page_not_a_pdf(client, statements, url):
    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "The briefing pack was not made" in response.content.decode()


def test_an_unknown_case_is_a_404(client, seeded):
    assert client.get("/cases/no-such-case/briefing.pdf").status_code == 404


def test_more_cases_than_a_pack_holds_get_a_page_pointing_to_narrower_filters_and_the_csv(
    client, seeded, settings
):
    settings.BRIEFING_MAX_CASES = 5

    response = client.get("/cases/briefing.pdf?sort=title")

    page = response.content.decode()
    assert response.status_code == 413
    assert "a briefing pack holds at most 5" in page
    assert 'href="/cases/export.csv?sort=title"' in page


@pytest.mark.parametrize("count", [1, 50])
def test_a_pack_runs_a_fixed_number_of_queries_whatever_its_size(
    client, pillars, countries, django_assert_max_num_queries, count
):
    for number in range(count):
        CaseFactory(title=f"Pack case {number:02d}", sources=["Practice update"])

    # The catalogue version (the filter checks its pillar against that version's pillars), the
    # pillars, the cases' ids, and the records through one cursor (savepoints on PostgreSQL).
    with django_assert_max_num_queries(9):
        response = client.get("/cases/briefing.pdf?pillar=trust")

    assert response.status_code == 200
    assert f"Pack case {count - 1:02d}" in pdf_text(response.content)


def test_fifty_one_cases_are_refused_by_the_default_limit(client, pillars, countries):
    for number in range(51):
        CaseFactory(title=f"Pack case {number:02d}")

    assert client.get("/cases/briefing.pdf").status_code == 413


def test_packs_share_the_download_limits_and_say_when_to_retry(client, seeded, settings):
    settings.EXPORTS_PER_CLIENT = 1
    case = Case.objects.published().first()

    first = client.get(f"/cases/{case.slug}/briefing.pdf")
    second = client.get(f"/cases/{case.slug}/briefing.pdf")

    assert first.status_code == 200
    assert second.status_code == 429
    assert second["Retry-After"]
    assert "Too many downloads" in second.content.decode()


def test_the_list_compare_and_case_pages_offer_the_pack(client, seeded):
    case = Case.objects.published().first()
    pages = {
        "/cases/?pillar=trust": 'href="/cases/briefing.pdf?pillar=trust"',
        f"/compare/?cases={case.slug}": f'href="/compare/briefing.pdf?cases={case.slug}"',
        case.get_absolute_url(): f'href="/cases/{case.slug}/briefing.pdf"',
    }
    for url, link in pages.items():
        page = client.get(url).content.decode()
        assert "Download a briefing pack (PDF)" in page
        assert link in page
