"""A curator imports a file as large as the import allows and can confirm it: the cases are
written in bulk, the search finds them, and each can be restored from the history."""

import json

import reversion
from django.urls import reverse
from reversion.models import Revision, Version

from cases.models import Actor, Case, CaseSlugHistory
from cases.services.history import case_child_versions
from cases.services.imports.errors import MAX_RECORDS
from tests.cases.admin_forms import change_form_data
from tests.cases.conftest import titles
from tests.cases.imports import confirm, csv_file, preview, row
from tests.factories import ActorFactory, CaseFactory


def records(count):
    """`count` rows naming the `setup` fixture's countries, pillars and actor."""
    return [
        row(
            title=f"Imported case {number}",
            slug=f"imported-{number}",
            country_codes="UG; MW" if number % 2 else "FI",
            summary=f"Summary of case {number}.",
            takeaways="One lesson; Another",
            sources=f"Report {number} (SCN, 2024-11-27) https://example.org/{number}",
        )
        for number in range(1, count + 1)
    ]


def test_the_documented_maximum_previews_and_confirms_in_a_bounded_number_of_queries(
    client, curator, setup, django_assert_max_num_queries
):
    # The preview asked the database 7 times a record (constraint checks) and the case-by-case
    # confirmation over 20 times: 270,000 queries for this file, long past the worker's 60
    # seconds. Now both go in bulk: about 11 queries to preview, and to confirm about 115 on
    # PostgreSQL and 810 on SQLite (whose statements take at most 999 values; the translation
    # reviews and pinned related cases are read in the same chunks as the actors and sources).
    client.force_login(curator)
    upload = csv_file(
        *records(MAX_RECORDS - 1), row(title="Existing, revised", slug="existing-case")
    )
    assert upload.size < 5 * 1024 * 1024

    with django_assert_max_num_queries(20):
        response = preview(client, upload)
    assert response.context["plan"].creates == MAX_RECORDS - 1
    with django_assert_max_num_queries(850):
        done = confirm(client, response)

    assert f"Import done: {MAX_RECORDS - 1} cases created, 1 updated." in done.content.decode()
    assert Case.objects.count() == MAX_RECORDS
    case = Case.objects.get(slug="imported-9999")
    assert sorted(case.countries.values_list("code", flat=True)) == ["MW", "UG"]
    assert sorted(case.pillars.values_list("slug", flat=True)) == ["coordination", "trust"]
    assert list(case.case_actors.values_list("actor__name", "order")) == [
        ("Nansana Municipality", 0)
    ]
    assert list(case.sources.values_list("title", "url")) == [
        ("Report 9999", "https://example.org/9999")
    ]
    assert (
        Revision.objects.get().comment
        == f"Bulk import: {MAX_RECORDS - 1} case(s) created, 1 updated."
    )
    assert Version.objects.count() == 3 * MAX_RECORDS  # each case, its actor link, its source


def test_the_search_finds_imported_and_updated_cases_at_once(client, editor, setup):
    client.force_login(editor)
    existing = row(
        title="Existing case, renamed", slug="existing-case", body="Zanzibar.", actors=""
    )
    upload = csv_file(row(body="Ward councils in Kisumu."), existing)

    confirm(client, preview(client, upload, status="published"))

    setup.refresh_from_db()
    setup.status = Case.Status.PUBLISHED
    setup.save()
    assert titles(client.get("/cases/?q=Kisumu")) == ["Kenya county action plans"]
    assert titles(client.get("/cases/?q=Zanzibar")) == ["Existing case, renamed"]
    assert titles(client.get("/cases/?q=Nansana")) == ["Kenya county action plans"]
    new = Case.objects.get(slug="kenya-county-action-plans")
    assert new.reviewed_at is not None and new.published_at == new.reviewed_at


def test_updating_keeps_known_roles_and_makes_links_exactly_the_files(client, curator, setup):
    client.force_login(curator)
    victoria = ActorFactory(name="City of Victoria")
    nansana = Actor.objects.get(name="Nansana Municipality")
    case = CaseFactory(
        title="Linked",
        slug="linked",
        actors=[(victoria, "hosts"), (nansana, "chairs")],
        sources=["Old source"],
    )
    version_before = case.version
    upload = csv_file(
        row(
            title="Linked",
            slug="linked",
            country_codes="FI",
            pillars="Capacity",
            actors="Nansana Municipality (Local); City of Victoria (Local)",
        )
    )

    confirm(client, preview(client, upload))

    case.refresh_from_db()
    assert list(case.case_actors.values_list("actor__name", "role", "order")) == [
        ("Nansana Municipality", "chairs", 0),
        ("City of Victoria", "hosts", 1),
    ]
    assert list(case.countries.values_list("code", flat=True)) == ["FI"]
    assert list(case.pillars.values_list("slug", flat=True)) == ["capacity"]
    assert list(case.sources.values_list("title", flat=True)) == ["Practice update"]
    assert case.version == version_before + 1


def test_a_new_case_takes_over_a_slug_another_case_once_had(client, curator, setup):
    client.force_login(curator)
    renamed = CaseFactory(title="Renamed", slug="kenya-county-action-plans")
    renamed.slug = "renamed"
    renamed.save()
    assert CaseSlugHistory.objects.filter(slug="kenya-county-action-plans").exists()

    confirm(client, preview(client, csv_file(row())))

    assert not CaseSlugHistory.objects.filter(slug="kenya-county-action-plans").exists()
    case = Case.objects.get(slug="kenya-county-action-plans")
    assert client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 200


def test_one_revision_holds_each_case_as_reversion_would_and_each_restores_whole(
    client, curator, setup
):
    client.force_login(curator)
    upload = csv_file(row(), row(title="Second", slug="second", actors=""))
    confirm(client, preview(client, upload))
    case = Case.objects.get(slug="kenya-county-action-plans")
    [imported] = Version.objects.get_for_object(case)
    [second] = Version.objects.get_for_object(Case.objects.get(slug="second"))
    assert second.revision == imported.revision
    stored = {
        (v.content_type_id, v.object_id): json.loads(v.serialized_data)
        for v in [imported, *case_child_versions(imported.revision, case.pk)]
    }
    # What django-reversion itself stores for the case, following its links and sources.
    with reversion.create_revision():
        reversion.add_to_revision(case)
    [own] = Version.objects.get_for_object(case)[:1]
    expected = {
        (v.content_type_id, v.object_id): json.loads(v.serialized_data)
        for v in own.revision.version_set.all()
    }
    assert stored == expected and len(stored) == 3

    # A curator rewrites the case, drops its actor and replaces its source, then reverts.
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(client.get(url))
    data.update(
        {
            "summary": "Rewritten.",
            "case_actors-0-DELETE": "on",
            "sources-0-title": "Another source",
        }
    )
    assert client.post(url, {**data, "_save": "Save"}).status_code == 302
    revert = reverse("admin:cases_case_revert", args=[case.pk, imported.pk])
    assert "is back as it was on" in client.post(revert, follow=True).content.decode()

    case.refresh_from_db()
    assert case.summary == "Counties wrote their own plans."
    assert list(case.case_actors.values_list("actor__name", flat=True)) == ["Nansana Municipality"]
    assert list(case.sources.values_list("title", flat=True)) == ["Practice update"]
    assert Case.objects.get(slug="second").summary == "Counties wrote their own plans."
    compare = reverse("admin:cases_case_compare", args=[case.pk])
    page = client.get(compare, {"from": imported.pk}).content.decode()
    assert "Nansana Municipality" in page
