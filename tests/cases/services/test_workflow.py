"""Draft → in review → published, plus archived: curators submit, only editors publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from cases.models import Case
from tests.cases.admin_forms import change_form_data
from tests.cases.conftest import titles
from tests.factories import CaseFactory

CHANGELIST = reverse("admin:cases_case_changelist")


def action(client, name, *cases):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [case.pk for case in cases]}, follow=True
    )


def test_the_groups_are_created_with_the_right_permissions(db):
    curators = set(
        Group.objects.get(name="Curators").permissions.values_list("codename", flat=True)
    )
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))

    assert {"add_case", "change_case", "view_suggestion"} <= curators
    assert not {"publish_case", "delete_case"} & curators
    assert {"publish_case", "delete_case", "change_case", "change_suggestion"} <= editors


def test_a_curator_cannot_publish_through_the_form(client, curator, pillars, countries):
    case = CaseFactory(title="Draft case", status=Case.Status.REVIEW)
    url = reverse("admin:cases_case_change", args=[case.pk])
    client.force_login(curator)
    data = change_form_data(client.get(url))
    data["status"] = Case.Status.PUBLISHED

    response = client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 200
    assert "Only editors can publish, archive or unpublish a case." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Case.Status.REVIEW


def test_a_curator_cannot_create_a_published_case(client, curator, pillars, countries):
    client.force_login(curator)
    page = client.get(reverse("admin:cases_case_add"))
    data = change_form_data(page)
    data.update(
        title="New case", slug="new-case", status=Case.Status.PUBLISHED, summary="S.",
        countries=[countries["UG"].pk], pillars=[pillars["trust"].pk],
    )  # fmt: skip

    response = client.post(reverse("admin:cases_case_add"), data)

    assert response.status_code == 200
    assert not Case.objects.filter(slug="new-case").exists()


def test_a_curator_cannot_publish_or_unpublish_with_bulk_actions(client, curator, db):
    in_review = CaseFactory(title="In review", status=Case.Status.REVIEW)
    published = CaseFactory(title="Published")
    client.force_login(curator)

    publish = action(client, "publish", in_review)
    to_draft = action(client, "back_to_draft", published)

    assert "No action selected." in publish.content.decode()
    assert Case.objects.get(pk=in_review.pk).status == Case.Status.REVIEW
    assert "Only editors can publish" in to_draft.content.decode()
    assert Case.objects.get(pk=published.pk).status == Case.Status.PUBLISHED


def test_the_publish_action_is_offered_to_editors_only(client, curator, editor, db):
    CaseFactory()
    client.force_login(curator)
    curator_actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    client.force_login(editor)
    editor_actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices

    assert "publish" not in dict(curator_actions)
    assert "submit_for_review" in dict(curator_actions)
    assert {"publish", "archive", "mark_reviewed"} <= set(dict(editor_actions))


def test_a_curator_submits_for_review_and_an_editor_publishes(
    client, curator, editor, pillars, countries
):
    case = CaseFactory(title="Rising case", status=Case.Status.DRAFT)
    client.force_login(curator)
    action(client, "submit_for_review", case)
    assert Case.objects.get(pk=case.pk).status == Case.Status.REVIEW
    assert client.get(case.get_absolute_url()).status_code == 404

    client.force_login(editor)
    response = action(client, "publish", case)

    case.refresh_from_db()
    assert "Published 1 case." in response.content.decode()
    assert case.status == Case.Status.PUBLISHED
    assert case.published_at is not None and case.reviewed_at is not None
    assert client.get(case.get_absolute_url()).status_code == 200
    comments = [v.revision.comment for v in Version.objects.get_for_object(case)]
    assert comments[:2] == ["Status: Published.", "Status: In review."]


def test_published_at_is_kept_from_the_first_publication(editor, client, db):
    case = CaseFactory(title="Old case")
    first = case.published_at
    client.force_login(editor)
    action(client, "archive", case)
    action(client, "publish", case)

    case.refresh_from_db()
    assert case.published_at == first
    assert case.reviewed_at > first


@pytest.mark.parametrize("status", [Case.Status.DRAFT, Case.Status.REVIEW, Case.Status.ARCHIVED])
def test_only_published_cases_are_public(client, catalogue, status):
    case = CaseFactory(
        title="Hidden case", status=status, pillars=[catalogue["uganda"].pillars.first()]
    )

    assert client.get(case.get_absolute_url()).status_code == 404
    assert "Hidden case" not in titles(client.get("/cases/"))
    assert b"Hidden case" not in b"".join(client.get("/cases/export.json").streaming_content)


def test_the_case_page_shows_when_it_was_published_and_last_reviewed(client, catalogue):
    case = catalogue["uganda"]
    Case.objects.filter(pk=case.pk).update(
        published_at="2025-03-01T10:00:00Z", reviewed_at="2026-02-14T10:00:00Z"
    )

    page = client.get(case.get_absolute_url()).content.decode()

    assert 'Published <time datetime="2025-03-01T10:00:00+00:00">1 March 2025</time>' in page
    assert "Last reviewed <time" in page and "14 February 2026" in page


def test_the_database_refuses_an_unknown_status(db):
    from django.db import IntegrityError, transaction

    case = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="secret")
