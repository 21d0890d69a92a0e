"""Deleting a case moves it to the trash; restoring brings it back whole."""

from django.urls import reverse

from cases.models import Case, CaseActor
from tests.cases.conftest import titles
from tests.factories import ActorFactory, CaseFactory

CHANGELIST = reverse("admin:cases_case_changelist")


def delete_through_admin(client, case):
    url = reverse("admin:cases_case_delete", args=[case.pk])
    confirmation = client.get(url)
    return confirmation, client.post(url, {"post": "yes"}, follow=True)


def test_a_deleted_case_leaves_every_public_path_but_keeps_its_relations(client, editor, catalogue):
    case = catalogue["uganda"]
    client.force_login(editor)

    confirmation, response = delete_through_admin(client, case)

    assert "Actor in case:" not in confirmation.content.decode()  # nothing is lost with it
    assert "is in the trash" in response.content.decode()
    case.refresh_from_db()
    assert case.in_trash
    assert case.case_actors.count() == 2
    client.logout()
    assert client.get(case.get_absolute_url()).status_code == 404
    assert case.title not in titles(client.get("/cases/"))
    assert case.title.encode() not in b"".join(client.get("/cases/export.csv").streaming_content)
    assert case.title.encode() not in client.get("/countries/UG/").content
    assert case.title.encode() not in client.get("/").content
    assert Case.objects.published().filter(pk=case.pk).count() == 0


def test_the_case_list_in_the_admin_hides_the_trash_unless_asked(client, editor, catalogue):
    case = catalogue["uganda"]
    client.force_login(editor)
    delete_through_admin(client, case)

    live = client.get(CHANGELIST).context["cl"].result_list
    trash = client.get(CHANGELIST + "?trash=1").context["cl"].result_list

    assert case not in live
    assert list(trash) == [case]


def test_a_restored_case_comes_back_whole(client, editor, pillars, countries):
    actors = [ActorFactory(name="Nansana Municipality"), ActorFactory(name="NCTC")]
    case = CaseFactory(
        title="Uganda taskforce",
        pillars=[pillars["trust"], pillars["coordination"]],
        countries=[countries["UG"], countries["MW"]],
        actors=[(actors[0], "chairs"), (actors[1], "reviews")],
        sources=["Practice update", "Programme page"],
    )
    before = (
        set(case.pillars.values_list("slug", flat=True)),
        set(case.countries.values_list("code", flat=True)),
        list(case.case_actors.values_list("actor__name", "role")),
        list(case.sources.values_list("title", flat=True)),
    )
    client.force_login(editor)
    delete_through_admin(client, case)

    response = client.post(
        CHANGELIST + "?trash=1", {"action": "restore", "_selected_action": [case.pk]}, follow=True
    )

    assert "Restored 1 case." in response.content.decode()
    case.refresh_from_db()
    assert not case.in_trash
    after = (
        set(case.pillars.values_list("slug", flat=True)),
        set(case.countries.values_list("code", flat=True)),
        list(case.case_actors.values_list("actor__name", "role")),
        list(case.sources.values_list("title", flat=True)),
    )
    assert after == before
    assert client.get(case.get_absolute_url()).status_code == 200


def test_bulk_delete_moves_every_selected_case_to_the_trash(client, editor, catalogue):
    cases = [catalogue["uganda"], catalogue["malawi"]]
    client.force_login(editor)

    client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [c.pk for c in cases], "post": "yes"},
    )

    assert Case.objects.trashed().count() == 2
    assert CaseActor.objects.filter(case__in=cases).count() == 3


def test_a_curator_cannot_delete(client, curator, catalogue):
    client.force_login(curator)
    url = reverse("admin:cases_case_delete", args=[catalogue["uganda"].pk])

    assert client.post(url, {"post": "yes"}).status_code == 403
    assert not Case.objects.trashed().exists()


def test_a_trashed_case_opened_in_the_admin_says_it_is_in_the_trash(client, editor, catalogue):
    case = catalogue["uganda"]
    client.force_login(editor)
    delete_through_admin(client, case)

    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()

    assert "This case is in the trash, so it is not public" in page
