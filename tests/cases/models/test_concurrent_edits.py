"""Two curators edit the same case: the second save is refused, never silently overwritten."""

from django.urls import reverse

from cases.models import Case
from tests.cases.admin_forms import change_form_data
from tests.factories import ActorFactory, CaseFactory


def test_a_stale_save_is_refused_with_a_link_to_the_newer_version(
    client, curator, second_curator, pillars, countries
):
    case = CaseFactory(title="Uganda taskforce", actors=[ActorFactory()], sources=["A report"])
    url = reverse("admin:cases_case_change", args=[case.pk])
    client.force_login(curator)
    carla = change_form_data(client.get(url))
    client.force_login(second_curator)
    dev = change_form_data(client.get(url))

    client.force_login(curator)
    carla["summary_en"] = "Carla's summary."
    first = client.post(url, {**carla, "_save": "Save"})
    client.force_login(second_curator)
    dev["summary_en"] = "Dev's summary."
    second = client.post(url, {**dev, "_save": "Save"})

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "carla" in page
    assert "your changes were not saved and nothing was overwritten" in page
    assert f'<a href="{url}" target="_blank" rel="noopener">Open the newer version</a>' in page
    case.refresh_from_db()
    assert case.summary == "Carla's summary."
    assert case.version == 2
    assert case.case_actors.count() == 1
    assert case.sources.count() == 1


def test_saving_again_from_the_newer_version_works(client, curator, pillars, countries):
    case = CaseFactory(title="Finland plan")
    url = reverse("admin:cases_case_change", args=[case.pk])
    client.force_login(curator)
    for summary in ("First edit.", "Second edit."):
        data = change_form_data(client.get(url))
        data["summary_en"] = summary
        assert client.post(url, {**data, "_save": "Save"}).status_code == 302

    case.refresh_from_db()
    assert (case.summary, case.version) == ("Second edit.", 3)


def test_a_form_without_a_version_is_refused_rather_than_trusted(
    client, curator, pillars, countries
):
    case = CaseFactory(title="Malawi strategy")
    url = reverse("admin:cases_case_change", args=[case.pk])
    client.force_login(curator)
    data = change_form_data(client.get(url))
    del data["lock_version"]
    data["summary_en"] = "Blind overwrite."

    response = client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).summary != "Blind overwrite."
