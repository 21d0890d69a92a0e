"""Every change is recorded with who and when; any two versions compare; one click reverts."""

from django.urls import reverse
from reversion.models import Version

from cases.models import Actor, Case, Country
from tests.cases.admin_forms import change_form_data
from tests.factories import ActorFactory, CaseFactory


def edit(client, case, **changes):
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(client.get(url))
    # The form has a field per language; an unsuffixed name means the English one.
    for name in ("title", "summary", "body", "takeaways"):
        if name in changes:
            changes[f"{name}_en"] = changes.pop(name)
    data.update(changes)
    response = client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def history(case):
    return list(Version.objects.get_for_object(case).select_related("revision__user"))


def test_each_admin_save_records_who_when_and_the_case_with_its_relations(
    client, curator, pillars, countries
):
    actor = ActorFactory(name="Nansana Municipality")
    case = CaseFactory(title="Uganda taskforce", actors=[(actor, "chairs")], sources=["Report"])
    client.force_login(curator)

    edit(client, case, summary="A new summary.", **{"case_actors-0-role": "leads"})

    [version] = history(case)
    assert version.revision.user == curator
    assert version.field_dict["summary"] == "A new summary."
    children = {v.object_repr for v in version.revision.version_set.all()}
    assert children == {"Uganda taskforce", "Nansana Municipality in Uganda taskforce", "Report"}


def test_the_history_page_lists_versions_newest_first(
    client, curator, pillars, countries, django_assert_max_num_queries
):
    case = CaseFactory(title="Finland plan")
    client.force_login(curator)
    edit(client, case, summary="One.")
    edit(client, case, summary="Two.")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:cases_case_history", args=[case.pk]))

    page = response.content.decode()
    assert page.count("Revert to this version") == 1
    assert page.count('name="from"') == 2
    assert "carla" in page


def test_comparing_two_versions_shows_a_readable_word_diff(
    client, curator, pillars, countries, django_assert_max_num_queries
):
    case = CaseFactory(title="Finland plan", summary="An action plan with 43 measures.")
    client.force_login(curator)
    edit(client, case, summary="An action plan with 43 measures.")
    edit(
        client,
        case,
        summary="A national action plan with 44 measures.",
        pillars=[str(pillars["trust"].pk), str(pillars["capacity"].pk)],
    )
    older, newer = reversed(history(case))
    url = reverse("admin:cases_case_compare", args=[case.pk])

    with django_assert_max_num_queries(25):
        response = client.get(f"{url}?from={older.pk}&to={newer.pk}")

    page = response.content.decode()
    assert "<del>An</del><ins>A national</ins> action plan with <del>43</del><ins>44</ins>" in (
        page.replace("\n", "")
    )
    assert '<th scope="row">Pillars</th>' in page
    assert "Trust, <ins>Capacity</ins>" in page or "<ins>Capacity, </ins>" in page


def test_comparing_with_unknown_version_ids_falls_back_to_the_latest_two(
    client, curator, pillars, countries
):
    case = CaseFactory(title="Finland plan")
    client.force_login(curator)
    edit(client, case, summary="One.")
    edit(client, case, summary="Two.")
    url = reverse("admin:cases_case_compare", args=[case.pk])

    response = client.get(f"{url}?from=abc&to=999999")

    assert response.status_code == 200
    assert "<del>One.</del><ins>Two.</ins>" in response.content.decode()


def test_one_click_revert_brings_back_text_actors_and_sources(client, curator, pillars, countries):
    first_actor, second_actor = ActorFactory(name="Nansana"), ActorFactory(name="NCTC")
    case = CaseFactory(
        title="Uganda taskforce",
        summary="Original.",
        actors=[(first_actor, "chairs")],
        sources=["Practice update"],
    )
    client.force_login(curator)
    edit(client, case, summary="Original.")
    original = history(case)[0]
    data_url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(client.get(data_url))
    data.update(
        {
            "summary": "Rewritten.",
            "case_actors-0-DELETE": "on",
            "case_actors-1-actor": str(second_actor.pk),
            "case_actors-1-role": "reviews",
            "sources-0-title": "Another source",
        }
    )
    assert client.post(data_url, {**data, "_save": "Save"}).status_code == 302
    assert list(case.case_actors.values_list("actor__name", flat=True)) == ["NCTC"]

    revert_url = reverse("admin:cases_case_revert", args=[case.pk, original.pk])
    response = client.post(revert_url, follow=True)

    assert "is back as it was on" in response.content.decode()
    case.refresh_from_db()
    assert case.summary == "Original."
    assert list(case.case_actors.values_list("actor__name", "role")) == [("Nansana", "chairs")]
    assert list(case.sources.values_list("title", flat=True)) == ["Practice update"]
    assert history(case)[0].revision.comment.startswith("Reverted to the version of")


def test_a_revert_never_changes_the_workflow_state(client, curator, editor, pillars, countries):
    case = CaseFactory(title="Draft", status=Case.Status.REVIEW)
    client.force_login(editor)
    edit(client, case, status=Case.Status.PUBLISHED)
    edit(client, case, status=Case.Status.ARCHIVED)
    published_version = history(case)[1]
    client.force_login(curator)

    client.post(reverse("admin:cases_case_revert", args=[case.pk, published_version.pk]))

    case.refresh_from_db()
    assert case.status == Case.Status.ARCHIVED


def test_a_form_opened_before_a_revert_cannot_overwrite_it(client, curator, pillars, countries):
    case = CaseFactory(title="Finland plan")
    client.force_login(curator)
    edit(client, case, summary="One.")
    edit(client, case, summary="Two.")
    url = reverse("admin:cases_case_change", args=[case.pk])
    stale = change_form_data(client.get(url))
    client.post(reverse("admin:cases_case_revert", args=[case.pk, history(case)[1].pk]))

    response = client.post(url, {**stale, "summary": "Three.", "_save": "Save"})

    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).summary == "One."


def test_revert_needs_a_post_and_a_version_of_that_case(client, curator, pillars, countries):
    case, other = CaseFactory(title="One"), CaseFactory(title="Other")
    client.force_login(curator)
    edit(client, other, summary="x")
    other_version = history(other)[0]

    assert client.get(reverse("admin:cases_case_revert", args=[case.pk, 1])).status_code == 405
    url = reverse("admin:cases_case_revert", args=[case.pk, other_version.pk])
    assert client.post(url).status_code == 404


def test_actors_and_countries_have_history_and_revert_too(client, curator, db):
    actor = ActorFactory(name="Nansana Municipality")
    country = Country.objects.create(code="KE", name="Kenya", region="east-southern-africa")
    client.force_login(curator)
    for obj, field, value in ((actor, "name", "Nansana Town Council"), (country, "name", "Kenia")):
        info = obj._meta.model_name
        url = reverse(f"admin:cases_{info}_change", args=[obj.pk])
        data = change_form_data(client.get(url))
        client.post(url, {**data, "_save": "Save"})
        client.post(url, {**data, field: value, "_save": "Save"})
        older = list(Version.objects.get_for_object(obj))[1]
        compare = client.get(reverse(f"admin:cases_{info}_compare", args=[obj.pk]))
        assert f"<ins>{value.split(' ', 1)[-1]}</ins>" in compare.content.decode()
        client.post(reverse(f"admin:cases_{info}_revert", args=[obj.pk, older.pk]))

    assert Actor.objects.get(pk=actor.pk).name == "Nansana Municipality"
    assert Country.objects.get(pk=country.pk).name == "Kenya"


def test_reverting_to_an_address_another_case_now_holds_says_so_and_changes_nothing(
    client, curator, pillars, countries
):
    case = CaseFactory(title="Uganda taskforce", slug="uganda-taskforce", summary="Original.")
    client.force_login(curator)
    edit(client, case, summary="Original.")
    original = history(case)[0]
    edit(client, case, slug="uganda-national-taskforce", summary="Renamed.")
    CaseFactory(title="Another case", slug="uganda-taskforce")

    revert_url = reverse("admin:cases_case_revert", args=[case.pk, original.pk])
    response = client.post(revert_url, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was reverted" in page and "uganda-taskforce" in page
    assert "Another case" in page
    case.refresh_from_db()
    assert (case.slug, case.summary) == ("uganda-national-taskforce", "Renamed.")
