"""Strong Cities staff curate the catalogue in the admin, logged in as members of "Curators"."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.choices import ActorKind, Level, Region
from cases.models import Actor, Case, CaseActor, Country, Source
from cases.services.imports.apply import import_apply
from cases.services.imports.plan import import_plan
from pillars.models import Pillar
from tests.cases.admin_forms import change_form_data
from tests.factories import ActorFactory, CaseFactory, CountryFactory

# The inline formset prefixes of the case admin (checked against the add page below).
ACTORS = "case_actors"
SOURCES = "sources"

# Measured: 11 queries for the case changelist, the same for 3 and for 30 cases.
# The trash filter adds two queries and the session refresh on every request (the staff session
# timeout) three more; the count stays fixed whatever the number of cases.
CASE_CHANGELIST_QUERIES = 16


@pytest.fixture
def curator(db):
    user = User.objects.create_user("curator", email="curator@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def editor_client(client, editor):
    """Editors publish (see tests/cases/test_workflow.py for who may do what)."""
    client.force_login(editor)
    return client


def management_form(prefix, *, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def case_form(*, countries, pillars, **fields):
    """The main case form as the add/change page posts it; inline rows are added by the caller.

    The text fields are English unless named with their language (title_fr=…)."""
    data = {
        "title": "Nansana taskforce on the national strategy",
        "original_language": "en",
        "slug": "nansana-taskforce",
        "status": Case.Status.DRAFT,
        "countries": [country.pk for country in countries],
        "pillars": [pillar.pk for pillar in pillars],
        "start_year": "2024",
        "start_month": "10",
        "end_year": "",
        "end_month": "",
        "summary": "A taskforce chaired by the Mayor of Nansana reviews the national strategy.",
        "body": "The taskforce works with the **National Counter Terrorism Centre**.",
        "takeaways": "",
        "_save": "Save",
        # No related case pinned or hidden (cases/admin/related.py).
        **management_form("related_overrides", total=0),
    }
    data.update(fields)
    for name in ("title", "summary", "body", "takeaways"):
        data[f"{name}_en"] = data.pop(name)
    return data


def actor_rows(rows, *, case=None, initial=0):
    """Inline rows for actors: a list of dicts with actor, role and optionally id/DELETE."""
    data = management_form(ACTORS, total=len(rows), initial=initial)
    for index, row in enumerate(rows):
        prefix = f"{ACTORS}-{index}"
        data[f"{prefix}-actor"] = str(row["actor"].pk)
        data[f"{prefix}-role"] = row.get("role", "")
        data[f"{prefix}-order"] = str(row.get("order", index))
        data[f"{prefix}-id"] = str(row["id"]) if "id" in row else ""
        data[f"{prefix}-case"] = str(case.pk) if case else ""
        if row.get("DELETE"):
            data[f"{prefix}-DELETE"] = "on"
    return data


def source_rows(rows, *, case=None, initial=0):
    data = management_form(SOURCES, total=len(rows), initial=initial)
    for index, row in enumerate(rows):
        prefix = f"{SOURCES}-{index}"
        data[f"{prefix}-title"] = row["title"]
        data[f"{prefix}-publisher"] = row.get("publisher", "")
        data[f"{prefix}-url"] = row.get("url", "")
        data[f"{prefix}-published"] = row.get("published", "")
        data[f"{prefix}-order"] = str(row.get("order", index))
        data[f"{prefix}-id"] = str(row["id"]) if "id" in row else ""
        data[f"{prefix}-case"] = str(case.pk) if case else ""
        if row.get("DELETE"):
            data[f"{prefix}-DELETE"] = "on"
    return data


@pytest.fixture
def uganda(db):
    return CountryFactory(code="UG", name="Uganda", region=Region.EAST_SOUTHERN_AFRICA)


@pytest.fixture
def nansana(db):
    return ActorFactory(
        name="Nansana Municipality", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )


@pytest.fixture
def nctc(db):
    return ActorFactory(
        name="National Counter Terrorism Centre",
        level=Level.NATIONAL,
        kind=ActorKind.NATIONAL_AGENCY,
    )


def error_text(response):
    """Every error the admin form and its inlines report, as one string."""
    parts = [str(response.context["adminform"].form.errors)]
    parts += [str(formset.formset.errors) for formset in response.context["inline_admin_formsets"]]
    parts += [
        str(formset.formset.non_form_errors())
        for formset in response.context["inline_admin_formsets"]
    ]
    return " ".join(parts)


# The case changelist


def test_curator_sees_cases_with_their_countries_and_pillars_in_the_changelist(
    curator_client, pillars, countries
):
    CaseFactory(
        title="Finland action plan",
        countries=[countries["FI"]],
        pillars=[pillars["coordination"], pillars["communication"]],
    )
    CaseFactory(
        title="Victoria cross-city conference",
        countries=[countries["CA"], countries["US"]],
        pillars=[pillars["capacity"]],
        status=Case.Status.DRAFT,
    )

    response = curator_client.get(reverse("admin:cases_case_changelist"))

    assert response.status_code == 200
    rows = {case.title: case for case in response.context["cl"].result_list}
    assert set(rows) == {"Finland action plan", "Victoria cross-city conference"}
    content = response.content.decode()
    assert "Finland action plan" in content
    assert "Coordination, Communication" in content
    assert "Canada, United States" in content
    assert "Capacity" in content


@pytest.mark.parametrize("case_count", [3, 30])
def test_case_changelist_runs_a_fixed_number_of_queries_whatever_the_number_of_cases(
    curator_client, pillars, countries, case_count, django_assert_max_num_queries
):
    pillar_list = list(pillars.values())
    country_list = list(countries.values())
    for index in range(case_count):
        CaseFactory(
            title=f"Case number {index:02d}",
            pillars=[pillar_list[index % 6], pillar_list[(index + 1) % 6]],
            countries=[country_list[index % len(country_list)]],
        )

    with django_assert_max_num_queries(CASE_CHANGELIST_QUERIES):
        response = curator_client.get(reverse("admin:cases_case_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == case_count


def test_case_changelist_filters_by_status_and_region_and_searches_titles(
    curator_client, pillars, countries
):
    CaseFactory(title="Finland action plan", countries=[countries["FI"]])
    CaseFactory(title="Malawi roadmap", countries=[countries["MW"]], status=Case.Status.DRAFT)
    CaseFactory(title="Uganda taskforce", countries=[countries["UG"]])
    url = reverse("admin:cases_case_changelist")

    def listed(query):
        response = curator_client.get(url, query)
        assert response.status_code == 200
        return {case.title for case in response.context["cl"].result_list}

    assert listed({"status__exact": "draft"}) == {"Malawi roadmap"}
    assert listed({"region": Region.EAST_SOUTHERN_AFRICA}) == {"Malawi roadmap", "Uganda taskforce"}
    assert listed({"q": "action plan"}) == {"Finland action plan"}
    assert listed({"pillars__id__exact": pillars["trust"].pk}) == {
        "Finland action plan",
        "Malawi roadmap",
        "Uganda taskforce",
    }
    assert listed({"pillars__id__exact": pillars["capacity"].pk}) == set()


# Adding and changing a case


def test_case_add_page_has_inlines_for_actors_with_roles_and_for_sources(curator_client):
    response = curator_client.get(reverse("admin:cases_case_add"))

    assert response.status_code == 200
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    # Then the related cases curators pin or hide (tests/cases/views/test_related_cases.py).
    assert prefixes == [ACTORS, SOURCES, "related_overrides"]
    content = response.content.decode()
    assert f'name="{ACTORS}-0-role"' in content
    assert f'name="{SOURCES}-0-title"' in content


def test_curator_adds_a_case_with_two_actors_and_a_source(
    curator_client, pillars, uganda, nansana, nctc
):
    data = case_form(countries=[uganda], pillars=[pillars["coordination"], pillars["capacity"]])
    data |= actor_rows(
        [
            {"actor": nansana, "role": "its mayor chairs the taskforce"},
            {"actor": nctc, "role": "reviews the strategy with the taskforce"},
        ]
    )
    data |= source_rows(
        [
            {
                "title": "National-Local Cooperation: A Practice Update",
                "publisher": "Strong Cities Network",
                "url": "https://strongcitiesnetwork.org/",
                "published": "2024-11-27",
            }
        ]
    )

    response = curator_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 302, error_text(response)
    case = Case.objects.get(slug="nansana-taskforce")
    assert case.title == "Nansana taskforce on the national strategy"
    assert case.status == Case.Status.DRAFT
    assert list(case.countries.all()) == [uganda]
    assert {pillar.slug for pillar in case.pillars.all()} == {"coordination", "capacity"}
    assert [(link.actor, link.role, link.order) for link in case.case_actors.all()] == [
        (nansana, "its mayor chairs the taskforce", 0),
        (nctc, "reviews the strategy with the taskforce", 1),
    ]
    assert CaseActor.objects.count() == 2
    [source] = case.sources.all()
    assert source.title == "National-Local Cooperation: A Practice Update"
    assert source.publisher == "Strong Cities Network"
    assert source.published.isoformat() == "2024-11-27"
    assert Source.objects.count() == 1


def test_takeaways_textarea_takes_one_lesson_per_line_and_stores_a_list(
    curator_client, pillars, uganda, nansana
):
    data = case_form(
        countries=[uganda],
        pillars=[pillars["trust"]],
        takeaways=(
            "  Give local government a seat on the steering committee.  \r\n"
            "\r\n"
            "A taskforce keeps the review moving.\r\n"
        ),
    )
    data |= actor_rows([{"actor": nansana, "role": "chairs"}]) | source_rows([])

    response = curator_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 302, error_text(response)
    case = Case.objects.get(slug="nansana-taskforce")
    assert case.takeaways == [
        "Give local government a seat on the steering committee.",
        "A taskforce keeps the review moving.",
    ]


def test_takeaways_show_one_per_line_when_a_case_is_edited(curator_client, pillars, uganda):
    case = CaseFactory(
        countries=[uganda],
        takeaways=["Share the findings.", "Keep a taskforce."],
    )

    response = curator_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    assert response.status_code == 200
    assert response.context["adminform"].form["takeaways_en"].value() == (
        "Share the findings.\nKeep a taskforce."
    )


def test_a_case_without_pillars_is_refused_with_an_error(curator_client, uganda, nansana):
    data = case_form(countries=[uganda], pillars=[])
    data |= actor_rows([{"actor": nansana, "role": "chairs"}])
    data |= source_rows([{"title": "Practice update"}])

    response = curator_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert "pillars" in response.context["adminform"].form.errors
    assert "This field is required." in response.content.decode()
    assert not Case.objects.exists()
    assert not CaseActor.objects.exists()
    assert not Source.objects.exists()


def test_a_case_whose_period_ends_before_it_starts_is_refused(curator_client, pillars, uganda):
    data = case_form(countries=[uganda], pillars=[pillars["trust"]], end_year="2023")
    data |= actor_rows([]) | source_rows([])

    response = curator_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.content.decode()
    assert not Case.objects.exists()


def test_curator_changes_a_case_and_its_inline_actors_and_sources(
    curator_client, pillars, uganda, nansana, nctc
):
    case = CaseFactory(
        title="Uganda taskforce",
        status=Case.Status.DRAFT,
        countries=[uganda],
        pillars=[pillars["trust"]],
        actors=[(nansana, "chairs"), (nctc, "advises")],
        sources=["Old source", "Source to drop"],
    )
    links = list(case.case_actors.all())
    sources = list(case.sources.all())
    researchers = ActorFactory(
        name="Ugandan researchers", level=Level.NATIONAL, kind=ActorKind.RESEARCH_ACADEMIA
    )
    data = case_form(
        countries=[uganda],
        pillars=[pillars["inclusivity"], pillars["coordination"]],
        title="Uganda: cities in the national strategy",
        slug=case.slug,
        status=Case.Status.REVIEW,
        takeaways="One lesson.",
        lock_version=case.version,
    )
    data |= actor_rows(
        [
            {"id": links[0].pk, "actor": nansana, "role": "its mayor chairs the taskforce"},
            {"id": links[1].pk, "actor": nctc, "role": "advises", "DELETE": True},
            {"actor": researchers, "role": "mapped local opportunities"},
        ],
        case=case,
        initial=2,
    )
    data |= source_rows(
        [
            {"id": sources[0].pk, "title": "Practice update", "published": "2024-11-27"},
            {"id": sources[1].pk, "title": "Source to drop", "DELETE": True},
        ],
        case=case,
        initial=2,
    )

    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)

    assert response.status_code == 302, error_text(response)
    case.refresh_from_db()
    assert case.title == "Uganda: cities in the national strategy"
    assert case.status == Case.Status.REVIEW
    assert case.takeaways == ["One lesson."]
    assert {pillar.slug for pillar in case.pillars.all()} == {"inclusivity", "coordination"}
    assert [(link.actor.name, link.role) for link in case.case_actors.all()] == [
        ("Nansana Municipality", "its mayor chairs the taskforce"),
        ("Ugandan researchers", "mapped local opportunities"),
    ]
    assert [source.title for source in case.sources.all()] == ["Practice update"]
    # The actor removed from the case still exists; only its link went.
    assert Actor.objects.filter(pk=nctc.pk).exists()


def test_the_same_actor_twice_in_one_case_is_refused(curator_client, pillars, uganda, nansana):
    data = case_form(countries=[uganda], pillars=[pillars["trust"]])
    data |= actor_rows([{"actor": nansana, "role": "chairs"}, {"actor": nansana, "role": "hosts"}])
    data |= source_rows([])

    response = curator_client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert "duplicate" in error_text(response).lower()
    assert not Case.objects.exists()


# Bulk actions


def test_bulk_publish_action_publishes_the_selected_drafts_only(editor_client):
    first = CaseFactory(title="Draft one", status=Case.Status.DRAFT)
    second = CaseFactory(title="Draft two", status=Case.Status.DRAFT)
    untouched = CaseFactory(title="Draft three", status=Case.Status.DRAFT)

    response = editor_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "publish", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Published 2 cases." in response.content.decode()
    assert set(Case.objects.published().values_list("title", flat=True)) == {
        "Draft one",
        "Draft two",
    }
    untouched.refresh_from_db()
    assert untouched.status == Case.Status.DRAFT


def test_bulk_unpublish_action_moves_the_selected_cases_back_to_draft(editor_client):
    first = CaseFactory(title="Published one")
    already_draft = CaseFactory(title="Already a draft", status=Case.Status.DRAFT)
    CaseFactory(title="Published and kept")

    response = editor_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "back_to_draft", "_selected_action": [first.pk, already_draft.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Moved 1 case back to draft." in response.content.decode()
    assert list(Case.objects.published().values_list("title", flat=True)) == ["Published and kept"]
    assert editor_client.get(first.get_absolute_url()).status_code == 404


def test_changelist_offers_a_curator_review_but_neither_publishing_nor_deleting(curator_client):
    response = curator_client.get(reverse("admin:cases_case_changelist"))

    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "submit_for_review" in choices
    assert "back_to_draft" in choices
    assert "publish" not in choices
    assert "delete_selected" not in choices


# What a curator may not do


def test_curator_cannot_delete_a_pillar(curator_client, pillars):
    trust = pillars["trust"]

    response = curator_client.get(reverse("admin:pillars_pillar_delete", args=[trust.pk]))
    assert response.status_code == 403
    response = curator_client.post(
        reverse("admin:pillars_pillar_delete", args=[trust.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Pillar.objects.filter(pk=trust.pk).exists()


def test_curator_cannot_change_a_pillar(curator_client, pillars):
    trust = pillars["trust"]

    response = curator_client.post(
        reverse("admin:pillars_pillar_change", args=[trust.pk]),
        {"name": "Renamed", "slug": "trust", "order": "0", "definition": "x", "guidance": ""},
    )

    assert response.status_code == 403
    trust.refresh_from_db()
    assert trust.name != "Renamed"


def test_curator_can_read_the_pillar_list_but_not_add_pillars(curator_client, pillars):
    assert curator_client.get(reverse("admin:pillars_pillar_changelist")).status_code == 200
    assert curator_client.get(reverse("admin:pillars_pillar_add")).status_code == 403


def test_curator_cannot_delete_a_case(curator_client):
    case = CaseFactory()

    response = curator_client.post(
        reverse("admin:cases_case_delete", args=[case.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()


def test_curator_cannot_open_the_user_admin(curator_client, curator):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_user_change", args=[curator.pk])).status_code == (
        403
    )
    assert curator_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_curator_index_shows_cases_but_not_users(curator_client):
    response = curator_client.get(reverse("admin:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("admin:cases_case_changelist") in content
    assert reverse("admin:auth_user_changelist") not in content


# The Curators group


def test_curators_group_can_add_and_change_cases_actors_and_countries(curator):
    for model in ("case", "actor", "country"):
        assert curator.has_perm(f"cases.add_{model}"), model
        assert curator.has_perm(f"cases.change_{model}"), model
        assert curator.has_perm(f"cases.view_{model}"), model


def test_curators_group_manages_a_cases_actor_links_and_sources(curator):
    for model in ("caseactor", "source"):
        for action in ("add", "change", "delete", "view"):
            assert curator.has_perm(f"cases.{action}_{model}"), f"{action}_{model}"


def test_curators_group_cannot_delete_cases_or_touch_pillars(curator):
    assert not curator.has_perm("cases.delete_case")
    assert not curator.has_perm("cases.delete_actor")
    assert not curator.has_perm("cases.delete_country")
    assert curator.has_perm("pillars.view_pillar")
    assert not curator.has_perm("pillars.add_pillar")
    assert not curator.has_perm("pillars.change_pillar")
    assert not curator.has_perm("pillars.delete_pillar")


def test_curators_group_has_no_permission_over_users_or_groups(db):
    group = Group.objects.get(name="Curators")
    auth_types = ContentType.objects.filter(app_label="auth")

    assert not group.permissions.filter(content_type__in=auth_types).exists()
    assert group.permissions.exists()
    assert set(
        Permission.objects.filter(group=group).values_list("content_type__app_label", flat=True)
    ) == {"cases", "pillars", "releases", "suggestions", "assessment"}


# View on site and autocomplete


def test_case_change_page_links_to_the_case_on_the_site(curator_client):
    case = CaseFactory(title="Uganda taskforce")

    response = curator_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    assert response.status_code == 200
    content_type = ContentType.objects.get_for_model(Case)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, case.pk])
    assert view_on_site in response.content.decode()
    assert "View on site" in response.content.decode()
    redirect = curator_client.get(view_on_site)
    assert redirect.status_code == 302
    assert redirect.url.endswith("/cases/uganda-taskforce/")


def test_actor_autocomplete_returns_matching_actors(curator_client, nansana, nctc):
    ActorFactory(name="Nansana Youth Council", level=Level.COMMUNITY)

    response = curator_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "cases",
            "model_name": "caseactor",
            "field_name": "actor",
            "term": "nansana",
        },
    )

    assert response.status_code == 200
    texts = {result["text"] for result in response.json()["results"]}
    assert texts == {"Nansana Municipality", "Nansana Youth Council"}
    ids = {result["id"] for result in response.json()["results"]}
    assert str(nctc.pk) not in ids


def test_country_autocomplete_on_the_case_form_returns_matching_countries(
    curator_client, countries
):
    response = curator_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "case", "field_name": "countries", "term": "mal"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Malawi"]


# Pillar, country and actor admins


def test_pillar_changelist_lists_pillars_with_published_case_counts_and_searches(
    curator_client, pillars
):
    CaseFactory(pillars=[pillars["trust"], pillars["capacity"]])
    CaseFactory(pillars=[pillars["trust"]])
    CaseFactory(pillars=[pillars["trust"]], status=Case.Status.DRAFT)
    url = reverse("admin:pillars_pillar_changelist")

    response = curator_client.get(url)

    assert response.status_code == 200
    counts = {pillar.slug: pillar.case_count for pillar in response.context["cl"].result_list}
    assert counts["trust"] == 2
    assert counts["capacity"] == 1
    assert counts["sustainability"] == 0
    assert "Published cases" in response.content.decode()
    searched = curator_client.get(url, {"q": "Sustainability"})
    assert [pillar.slug for pillar in searched.context["cl"].result_list] == ["sustainability"]


def test_country_changelist_searches_and_filters_by_region(curator_client, countries):
    url = reverse("admin:cases_country_changelist")

    response = curator_client.get(url)
    assert response.status_code == 200
    assert "Uganda" in response.content.decode()

    by_region = curator_client.get(url, {"region__exact": Region.NORTH_AMERICA})
    assert {country.code for country in by_region.context["cl"].result_list} == {"CA", "US"}
    by_code = curator_client.get(url, {"q": "FI"})
    assert [country.name for country in by_code.context["cl"].result_list] == ["Finland"]
    by_name = curator_client.get(url, {"q": "malaw"})
    assert [country.code for country in by_name.context["cl"].result_list] == ["MW"]


def test_actor_changelist_searches_and_filters_by_level_and_kind(curator_client, nansana, nctc):
    ActorFactory(name="Mohalla Committees", level=Level.COMMUNITY, kind=ActorKind.COMMUNITY_BODY)
    url = reverse("admin:cases_actor_changelist")

    def listed(query):
        response = curator_client.get(url, query)
        assert response.status_code == 200
        return {actor.name for actor in response.context["cl"].result_list}

    assert listed({}) == {
        "Mohalla Committees",
        "Nansana Municipality",
        "National Counter Terrorism Centre",
    }
    assert listed({"level__exact": Level.NATIONAL}) == {"National Counter Terrorism Centre"}
    assert listed({"kind__exact": ActorKind.COMMUNITY_BODY}) == {"Mohalla Committees"}
    assert listed({"q": "nansana"}) == {"Nansana Municipality"}


def test_curator_adds_an_actor_and_a_country(curator_client):
    response = curator_client.post(
        reverse("admin:cases_country_add"),
        {"code": "NL", "name": "Netherlands", "region": Region.EUROPE},
    )
    assert response.status_code == 302
    netherlands = Country.objects.get(code="NL")

    response = curator_client.post(
        reverse("admin:cases_actor_add"),
        {
            "name": "Municipality of Rotterdam",
            "slug": "municipality-of-rotterdam",
            "kind": ActorKind.LOCAL_GOVERNMENT,
            "level": Level.LOCAL,
            "country": netherlands.pk,
        },
    )

    assert response.status_code == 302
    actor = Actor.objects.get(slug="municipality-of-rotterdam")
    assert actor.country == netherlands
    assert actor.level == Level.LOCAL


def test_country_admin_refuses_an_unassigned_iso_code(curator_client):
    response = curator_client.post(
        reverse("admin:cases_country_add"),
        {"code": "ZZ", "name": "Nowhere", "region": Region.EUROPE},
    )

    assert response.status_code == 200
    assert "ZZ is not an ISO 3166-1 country code." in response.content.decode()
    assert not Country.objects.filter(code="ZZ").exists()


def test_a_case_imported_at_the_summary_limit_can_be_edited_and_saved_in_the_admin(
    curator_client, pillars, uganda
):
    # An import counts a line break as one character, as the database stores it; a browser
    # sends each as CRLF. The admin must count alike, or the case could never be saved.
    paragraph = "Cities and ministries met every month.\n"
    summary = (paragraph * 60)[:2000]
    plan = import_plan(
        records=[
            (
                "row 1",
                {
                    "title": "At the limit",
                    "slug": "at-the-limit",
                    "summary": summary.strip() + "x" * (2000 - len(summary.strip())),
                    "countries": [{"code": "UG"}],
                    "pillars": [{"slug": "trust"}],
                },
            )
        ]
    )
    assert plan.is_clean, plan.errors
    import_apply(plan=plan)
    case = Case.objects.get(slug="at-the-limit")
    assert len(case.summary) == 2000 and "\n" in case.summary

    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(curator_client.get(url))
    data["summary_en"] = data["summary_en"].replace("\n", "\r\n")  # as a browser submits it
    data["title_en"] = "At the limit, edited"
    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.title == "At the limit, edited"
    assert len(case.summary) == 2000 and "\r" not in case.summary


def test_a_summary_over_the_limit_is_refused_by_the_model_and_the_admin(
    curator_client, pillars, uganda
):
    case = CaseFactory(title="Long", countries=[uganda], pillars=[pillars["trust"]])
    case.summary = "x" * 2001
    with pytest.raises(ValidationError, match="at most 2000 characters"):
        case.full_clean()

    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(curator_client.get(url))
    data["summary_en"] = "x" * 2001
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert "at most 2000 characters" in str(response.context["adminform"].form.errors)
