"""A reader of a case sees related cases, each saying why, with the editors' choices first."""

import html
import re

import pytest
from django.urls import reverse

from cases.choices import Level
from cases.models import Case, RelatedCaseOverride
from tests.cases.admin_forms import change_form_data
from tests.factories import ActorFactory, CaseFactory

from .test_case_pages import CASE_DETAIL_QUERIES, card_titles

CARD = re.compile(r'<article class="case-card">(.*?)</article>', re.S)


def reasons(response):
    """{card title: its reasons as read}, in order."""
    found = {}
    for card in CARD.findall(response.content.decode()):
        title = html.unescape(re.search(r'case-card__title"><a [^>]+>([^<]+)<', card).group(1))
        items = re.findall(r"<li>([^<]*)</li>", card.split("related-reasons", 1)[-1])
        found[title] = [html.unescape(item) for item in items] if "related-reasons" in card else []
    return found


@pytest.fixture
def subject(pillars, countries):
    national = ActorFactory(name="A ministry", level=Level.NATIONAL)
    local = ActorFactory(name="A city", level=Level.LOCAL)
    return CaseFactory(
        title="Uganda taskforce reviews the strategy",
        slug="subject",
        summary="A taskforce of mayors reviews the counter-terrorism strategy.",
        pillars=[pillars["trust"], pillars["coordination"]],
        countries=[countries["UG"]],
        actors=[national, local],
    )


def test_each_related_case_says_what_it_shares(client, subject, pillars, countries):
    ministry = ActorFactory(name="Another ministry", level=Level.NATIONAL)
    council = ActorFactory(name="A council", level=Level.LOCAL)
    CaseFactory(
        title="Same pillars, levels and country",
        slug="same",
        summary="Nothing alike in wording.",
        pillars=[pillars["trust"], pillars["coordination"]],
        countries=[countries["UG"]],
        actors=[ministry, council],
    )
    CaseFactory(
        title="Malawi, same region only",
        slug="malawi",
        summary="Unrelated words.",
        pillars=[pillars["capacity"]],
        countries=[countries["MW"]],
    )
    CaseFactory(
        title="Finland, a pillar and wording",
        slug="finland",
        summary="The taskforce reviews a strategy with mayors.",
        pillars=[pillars["trust"]],
        countries=[countries["FI"]],
    )

    shown = reasons(client.get("/cases/subject/"))

    assert list(shown) == [
        "Same pillars, levels and country",
        "Finland, a pillar and wording",
        "Malawi, same region only",
    ]
    assert shown["Same pillars, levels and country"] == [
        "also Trust and Coordination",
        "also national and local actors",
        "also in Uganda",
    ]
    assert shown["Finland, a pillar and wording"] == [
        "also Trust",
        "similar words: mayor, review and strategy",
    ]
    assert shown["Malawi, same region only"] == ["same region: East and Southern Africa"]


def test_pinned_cases_come_first_chosen_by_the_editors(client, subject, pillars, countries):
    close = CaseFactory(title="Close", pillars=[pillars["trust"]], countries=[countries["UG"]])
    far = CaseFactory(title="Far away", pillars=[pillars["capacity"]], countries=[countries["IN"]])
    farther = CaseFactory(
        title="Farther", pillars=[pillars["capacity"]], countries=[countries["CA"]]
    )
    RelatedCaseOverride.objects.create(case=subject, other=farther, order=2)
    RelatedCaseOverride.objects.create(case=subject, other=far, order=1)

    shown = reasons(client.get("/cases/subject/"))

    assert list(shown) == ["Far away", "Farther", "Close"]
    assert shown["Far away"] == ["chosen by the editors"]
    assert close.title in shown


def test_hidden_cases_never_show(client, subject, pillars, countries):
    twin = CaseFactory(title="Twin", pillars=[pillars["trust"]], countries=[countries["UG"]])
    CaseFactory(title="Cousin", pillars=[pillars["trust"]], countries=[countries["FI"]])
    RelatedCaseOverride.objects.create(case=subject, other=twin, kind="hide")

    assert card_titles(client.get("/cases/subject/")) == ["Cousin"]


def test_drafts_are_never_related_even_when_pinned(client, subject, pillars, countries):
    draft = CaseFactory(
        title="Draft twin",
        status=Case.Status.DRAFT,
        pillars=[pillars["trust"]],
        countries=[countries["UG"]],
    )
    trashed = CaseFactory(title="Trashed", pillars=[pillars["trust"]], countries=[countries["UG"]])
    Case.objects.filter(pk=trashed.pk).update(deleted_at="2025-01-01T00:00:00Z")
    RelatedCaseOverride.objects.create(case=subject, other=draft)
    RelatedCaseOverride.objects.create(case=subject, other=trashed, order=1)
    CaseFactory(title="Published", pillars=[pillars["trust"]], countries=[countries["UG"]])

    assert card_titles(client.get("/cases/subject/")) == ["Published"]


def test_a_pin_shows_at_once_though_the_cards_are_cached(client, subject, pillars, countries):
    CaseFactory(title="Near", pillars=[pillars["trust"]], countries=[countries["UG"]])
    far = CaseFactory(title="Far", pillars=[pillars["capacity"]], countries=[countries["IN"]])
    assert card_titles(client.get("/cases/subject/")) == ["Near"]

    RelatedCaseOverride.objects.create(case=subject, other=far)

    assert card_titles(client.get("/cases/subject/")) == ["Far", "Near"]


@pytest.mark.parametrize("size", [1, 12])
def test_pins_and_hides_keep_the_query_count_fixed(
    client, subject, pillars, countries, size, django_assert_max_num_queries
):
    for index in range(size):
        other = CaseFactory(title=f"Other {index:02d}", countries=[countries["IN"]])
        kind = "pin" if index % 2 else "hide"
        RelatedCaseOverride.objects.create(case=subject, other=other, kind=kind, order=index)
        CaseFactory(
            title=f"Neighbour {index:02d}", pillars=[pillars["trust"]], countries=[countries["UG"]]
        )

    with django_assert_max_num_queries(CASE_DETAIL_QUERIES):
        response = client.get("/cases/subject/")

    assert len(card_titles(response)) == min(4, size + size // 2)


def test_a_curator_pins_a_related_case_in_the_case_admin(
    client, subject, curator, pillars, countries
):
    other = CaseFactory(title="Chosen", pillars=[pillars["capacity"]], countries=[countries["IN"]])
    url = reverse("admin:cases_case_change", args=[subject.pk])
    client.force_login(curator)
    data = change_form_data(client.get(url))
    data.update(
        {
            "related_overrides-0-other": str(other.pk),
            "related_overrides-0-kind": "pin",
            "related_overrides-0-order": "0",
        }
    )
    data["related_overrides-TOTAL_FORMS"] = "1"

    response = client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert reasons(client.get("/cases/subject/"))["Chosen"] == ["chosen by the editors"]


def test_a_case_cannot_be_pinned_to_itself(subject):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        RelatedCaseOverride(case=subject, other=subject).full_clean()


def test_the_reasons_are_in_the_readers_language_though_cached(client, subject, countries):
    pinned = CaseFactory(title="Pinned", countries=[countries["IN"]])
    RelatedCaseOverride.objects.create(case=subject, other=pinned)

    assert reasons(client.get("/cases/subject/"))["Pinned"] == ["chosen by the editors"]
    assert reasons(client.get("/fr/cases/subject/"))["Pinned"] == ["choisi par la rédaction"]
    assert reasons(client.get("/ar/cases/subject/"))["Pinned"] == ["اختاره المحررون"]
