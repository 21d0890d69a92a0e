"""The catalogue's models keep their rules in the database and in full_clean()."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.choices import ActorKind, Level, Region
from cases.models import Actor, Case, CaseActor, Country, Source
from pillars.models import Pillar
from tests.factories import ActorFactory, CaseFactory, CountryFactory, PillarFactory

# Countries


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("ug", id="lowercase"),
        pytest.param("Ug", id="mixed-case"),
        pytest.param("UGA", id="three-letters"),
        pytest.param("U", id="one-letter"),
        pytest.param("ZZ", id="unassigned"),
        pytest.param("XK", id="not-in-iso-3166-1"),
        pytest.param("U1", id="digit"),
        pytest.param("ÜG", id="non-ascii"),
    ],
)
def test_a_country_code_that_is_not_an_assigned_iso_alpha_2_code_is_refused(db, code):
    country = Country(code=code, name="Somewhere", region=Region.EUROPE)

    with pytest.raises(ValidationError) as error:
        country.full_clean()

    assert "code" in error.value.message_dict


def test_an_assigned_iso_code_in_capitals_is_accepted(db):
    country = Country(code="UG", name="Uganda", region=Region.EAST_SOUTHERN_AFRICA)

    country.full_clean()
    country.save()

    assert Country.objects.get(code="UG").name == "Uganda"


def test_an_unassigned_code_is_explained_in_the_error(db):
    with pytest.raises(ValidationError) as error:
        Country(code="ZZ", name="Nowhere", region=Region.EUROPE).full_clean()

    assert error.value.message_dict["code"] == ["ZZ is not an ISO 3166-1 country code."]


def test_a_country_code_can_be_used_only_once(db):
    CountryFactory(code="UG", name="Uganda")

    with pytest.raises(ValidationError) as error:
        Country(code="UG", name="Uganda again", region=Region.EUROPE).full_clean()
    assert "code" in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="UG", name="Uganda again", region=Region.EUROPE)
    assert Country.objects.filter(code="UG").count() == 1


def test_a_country_needs_a_known_region(db):
    with pytest.raises(ValidationError) as error:
        Country(code="UG", name="Uganda", region="atlantis").full_clean()

    assert "region" in error.value.message_dict


# The case period


def saved_case(**period):
    """Save a case straight to the database, skipping full_clean, to reach the constraints."""
    return Case.objects.create(
        title="Period test", slug="period-test", summary="A summary.", **period
    )


@pytest.mark.parametrize(
    ("period", "constraint"),
    [
        pytest.param(
            {"start_year": 2024, "end_year": 2023}, "case_period_in_order", id="end-year-first"
        ),
        pytest.param(
            {"start_year": 2024, "start_month": 7, "end_year": 2024, "end_month": 3},
            "case_period_in_order",
            id="end-month-first",
        ),
        pytest.param({"start_month": 5}, "case_start_month_needs_year", id="start-month-alone"),
        pytest.param(
            {"start_year": 2024, "end_month": 5}, "case_end_month_needs_year", id="end-month-alone"
        ),
        pytest.param({"end_year": 2024}, "case_end_needs_start", id="end-without-start"),
        pytest.param({"start_year": 2024, "start_month": 13}, "case_start_month_valid", id="m13"),
        pytest.param(
            {"start_year": 2024, "end_year": 2024, "end_month": 0},
            "case_end_month_valid",
            id="m0",
        ),
    ],
)
def test_the_database_refuses_an_impossible_period(db, period, constraint):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        saved_case(**period)

    # SQLite names the failed CHECK constraint; PostgreSQL does too.
    assert constraint in str(error.value)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("period", "field"),
    [
        pytest.param({"start_year": 2024, "end_year": 2023}, "end_year", id="end-year-first"),
        pytest.param(
            {"start_year": 2024, "start_month": 7, "end_year": 2024, "end_month": 3},
            "end_year",
            id="end-month-first",
        ),
        pytest.param({"start_month": 5}, "start_year", id="start-month-alone"),
        pytest.param({"start_year": 2024, "end_month": 5}, "end_year", id="end-month-alone"),
        pytest.param({"end_year": 2024}, "start_year", id="end-without-start"),
    ],
)
def test_full_clean_explains_an_impossible_period(db, period, field):
    case = Case(title="Period test", slug="period-test", summary="A summary.", **period)

    with pytest.raises(ValidationError) as error:
        case.full_clean()

    assert field in error.value.message_dict


@pytest.mark.parametrize(
    "period",
    [
        pytest.param({}, id="no-period"),
        pytest.param({"start_year": 2020}, id="year-only"),
        pytest.param({"start_year": 2020, "end_year": 2020}, id="same-year"),
        pytest.param(
            {"start_year": 2024, "start_month": 5, "end_year": 2024, "end_month": 5},
            id="same-month",
        ),
        pytest.param(
            {"start_year": 2022, "start_month": 10, "end_year": 2024, "end_month": 3},
            id="later-year-earlier-month",
        ),
        pytest.param(
            {"start_year": 2024, "start_month": 10, "end_year": 2024}, id="end-year-without-month"
        ),
    ],
)
def test_a_possible_period_is_accepted_by_full_clean_and_the_database(db, period):
    case = Case(title="Period test", slug="period-test", summary="A summary.", **period)

    case.full_clean()
    case.save()

    assert Case.objects.filter(slug="period-test").exists()


def test_takeaways_must_be_a_list_of_text(db):
    case = Case(title="T", slug="t", summary="S", takeaways="one lesson")

    with pytest.raises(ValidationError) as error:
        case.full_clean()

    assert error.value.message_dict["takeaways_en"] == [
        "Takeaways (English) must be a list of text lines."
    ]


def test_a_french_takeaway_that_is_not_text_is_named_in_french(db):
    case = Case(title="T", slug="t", summary="S", takeaways_fr=[1, 2])

    with pytest.raises(ValidationError) as error:
        case.full_clean()

    assert error.value.message_dict["takeaways_fr"] == [
        "Takeaways (French) must be a list of text lines."
    ]


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        ({}, ""),
        ({"start_year": 2020}, "2020"),
        ({"start_year": 2020, "end_year": 2020}, "2020"),
        ({"start_year": 2023, "start_month": 6}, "June 2023"),
        ({"start_year": 2024, "start_month": 5, "end_year": 2024, "end_month": 5}, "May 2024"),
        (
            {"start_year": 2022, "start_month": 10, "end_year": 2024, "end_month": 10},
            "October 2022 – October 2024",
        ),
        ({"start_year": 2022, "end_year": 2024}, "2022 – 2024"),
        ({"start_year": 2023, "start_month": 10, "end_year": 2024}, "October 2023 – 2024"),
    ],
)
def test_period_display_reads_as_a_person_would_write_it(period, shown):
    assert Case(**period).period_display == shown


def test_period_start_and_end_are_sortable_year_month_strings():
    case = Case(start_year=2022, start_month=3, end_year=2024)

    assert case.period_start == "2022-03"
    assert case.period_end == "2024"
    assert Case().period_start == ""


# Actors


def test_an_actor_level_outside_the_vocabulary_is_refused(db):
    # The exports list a case's levels in the vocabulary's order, so the database keeps to it.
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(level="galactic")

    assert not Actor.objects.filter(level="galactic").exists()


# __str__ and get_absolute_url


def test_every_model_reads_as_its_name(db):
    pillar = PillarFactory(slug="trust", name="Trust")
    uganda = CountryFactory(code="UG", name="Uganda")
    actor = ActorFactory(name="Nansana Municipality")
    case = CaseFactory(
        title="Uganda taskforce",
        pillars=[pillar],
        countries=[uganda],
        actors=[(actor, "chairs")],
        sources=["Practice update"],
    )

    assert str(pillar) == "Trust"
    assert str(uganda) == "Uganda"
    assert str(actor) == "Nansana Municipality"
    assert str(case) == "Uganda taskforce"
    assert str(CaseActor.objects.get()) == "Nansana Municipality in Uganda taskforce"
    assert str(Source.objects.get()) == "Practice update"


def test_public_models_link_to_their_pages(client, db):
    pillar = PillarFactory(slug="trust", name="Trust")
    uganda = CountryFactory(code="UG", name="Uganda")
    case = CaseFactory(title="Uganda taskforce", slug="uganda-taskforce", pillars=[pillar])

    assert pillar.get_absolute_url() == "/pillars/trust/"
    assert uganda.get_absolute_url() == "/countries/UG/"
    assert case.get_absolute_url() == "/cases/uganda-taskforce/"
    for url in (pillar.get_absolute_url(), uganda.get_absolute_url(), case.get_absolute_url()):
        assert client.get(url).status_code == 200, url


def test_a_source_citation_names_publisher_and_date(db):
    case = CaseFactory()
    source = Source.objects.create(
        case=case,
        title="A Practice Update",
        publisher="Strong Cities Network",
        published="2024-11-27",
    )
    source.refresh_from_db()

    assert source.citation == "A Practice Update (Strong Cities Network, 27 November 2024)"
    assert Source(title="Programme page").citation == "Programme page"


# Querysets and helpers


def test_published_excludes_drafts(db):
    CaseFactory(title="Published case")
    CaseFactory(title="Draft case", status=Case.Status.DRAFT)

    assert list(Case.objects.published().values_list("title", flat=True)) == ["Published case"]
    assert Case.objects.count() == 2


def test_a_new_case_starts_as_a_draft(db):
    case = Case.objects.create(title="New", slug="new", summary="S")

    assert case.status == Case.Status.DRAFT
    assert not case.is_published
    assert not Case.objects.published().exists()


def test_a_status_outside_the_workflow_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(title="T", slug="t", summary="S", status="bogus")


def test_case_slugs_are_unique(db):
    CaseFactory(slug="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(title="Other", slug="same", summary="S")


def test_an_actor_appears_once_per_case(db):
    actor = ActorFactory()
    case = CaseFactory(actors=[(actor, "first role")])

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseActor.objects.create(case=case, actor=actor, role="second role")


def test_actors_by_level_groups_actors_from_international_to_community(db):
    community = ActorFactory(name="Mohalla Committees", level=Level.COMMUNITY)
    local_b = ActorFactory(name="Nansana Municipality", level=Level.LOCAL)
    national = ActorFactory(name="National Counter Terrorism Centre", level=Level.NATIONAL)
    local_a = ActorFactory(name="City of Victoria", level=Level.LOCAL)
    international = ActorFactory(
        name="Strong Cities Network", level=Level.INTERNATIONAL, kind=ActorKind.NETWORK
    )
    regional = ActorFactory(name="BC Ministry of Public Safety", level=Level.REGIONAL)
    case = CaseFactory(
        actors=[
            (community, "hosts"),
            (local_b, "chairs"),
            (national, "reviews"),
            (local_a, "joins"),
            (international, "convenes"),
            (regional, "co-chairs"),
        ]
    )
    case = Case.objects.for_detail().get(pk=case.pk)

    groups = case.actors_by_level()

    assert [label for label, _links in groups] == [
        "International",
        "National",
        "Regional, state or provincial",
        "Local",
        "Community",
    ]
    local_links = dict(groups)["Local"]
    # Within a level, the curator's order comes first.
    assert [(link.actor.name, link.role) for link in local_links] == [
        ("Nansana Municipality", "chairs"),
        ("City of Victoria", "joins"),
    ]


def test_actors_by_level_costs_no_query_after_for_detail(db, django_assert_num_queries):
    case = CaseFactory(actors=[ActorFactory(level=Level.LOCAL), ActorFactory(level=Level.NATIONAL)])
    case = Case.objects.for_detail().get(pk=case.pk)

    with django_assert_num_queries(0):
        groups = case.actors_by_level()

    assert [label for label, _links in groups] == ["National", "Local"]


def test_actors_by_level_is_empty_for_a_case_without_actors(db):
    assert CaseFactory().actors_by_level() == []


def test_pillars_are_ordered_by_their_display_order(db):
    PillarFactory(slug="capacity", name="Capacity", order=5)
    PillarFactory(slug="trust", name="Trust", order=1)
    PillarFactory(slug="inclusivity", name="Inclusivity", order=2)

    assert list(Pillar.objects.values_list("slug", flat=True)) == [
        "trust",
        "inclusivity",
        "capacity",
    ]


def test_a_case_in_the_trash_is_not_published_whatever_its_status(db):
    case = CaseFactory(title="Trashed", status=Case.Status.PUBLISHED)
    Case.objects.filter(pk=case.pk).update(deleted_at=timezone.now())
    case.refresh_from_db()

    assert not case.is_published
    assert not Case.objects.filter(Case.published_q(), pk=case.pk).exists()


@pytest.mark.parametrize("status", list(Case.Status))
def test_is_published_agrees_with_published_q_for_every_state(db, status):
    for trashed in (None, timezone.now()):
        case = CaseFactory(status=status)
        Case.objects.filter(pk=case.pk).update(deleted_at=trashed)
        case.refresh_from_db()
        assert case.is_published == Case.objects.filter(Case.published_q(), pk=case.pk).exists()


def test_publishing_from_the_shell_counts_as_a_review_like_the_admin(db):
    case = CaseFactory(status=Case.Status.ARCHIVED)
    Case.objects.filter(pk=case.pk).update(reviewed_at="2024-01-01T00:00:00Z")
    case.refresh_from_db()

    case.status = Case.Status.PUBLISHED
    case.save(update_fields=["status"])
    case.refresh_from_db()

    assert case.reviewed_at.year == timezone.now().year
    first_review = case.reviewed_at
    case.title = "Edited while published"
    case.save()
    case.refresh_from_db()
    assert case.reviewed_at == first_review  # an edit is not a review
