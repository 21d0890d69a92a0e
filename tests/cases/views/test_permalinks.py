"""When a curator renames a case, every old link keeps working."""

import pytest
from django.contrib.auth.models import User

from cases.models import Case, CaseSlugHistory
from tests.factories import CaseFactory


def rename(case, slug):
    case.refresh_from_db()
    case.slug = slug
    case.save()


def test_the_old_address_redirects_permanently_to_the_new_one(client, catalogue):
    rename(catalogue["finland"], "finland-national-plan")

    response = client.get("/cases/finland-action-plan/")

    assert response.status_code == 301
    assert response["Location"] == "/cases/finland-national-plan/"
    assert client.get("/cases/finland-national-plan/").status_code == 200


def test_saving_other_fields_records_no_rename(client, catalogue):
    case = catalogue["finland"]
    case.refresh_from_db()
    case.slug = "not-saved"
    case.save(update_fields=["title"])

    assert not CaseSlugHistory.objects.exists()
    assert client.get("/cases/finland-action-plan/").status_code == 200


def test_a_chain_of_renames_leads_straight_to_the_current_address(client, catalogue):
    rename(catalogue["finland"], "finland-b")
    rename(catalogue["finland"], "finland-c")

    for old in ("finland-action-plan", "finland-b"):
        response = client.get(f"/cases/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/cases/finland-c/"


def test_renaming_back_to_an_old_slug_makes_it_live_again(client, catalogue):
    rename(catalogue["finland"], "finland-b")
    rename(catalogue["finland"], "finland-action-plan")

    assert client.get("/cases/finland-action-plan/").status_code == 200
    assert client.get("/cases/finland-b/")["Location"] == "/cases/finland-action-plan/"
    assert not CaseSlugHistory.objects.filter(slug="finland-action-plan").exists()


def test_a_slug_reused_by_another_case_shows_that_case(client, catalogue, pillars, countries):
    rename(catalogue["finland"], "finland-b")
    CaseFactory(title="Another Finland case", slug="finland-action-plan")

    response = client.get("/cases/finland-action-plan/")

    assert response.status_code == 200
    assert "Another Finland case" in response.content.decode()
    assert client.get("/cases/finland-b/").status_code == 200


def test_an_old_slug_of_a_case_taken_back_to_draft_is_a_404(client, catalogue):
    rename(catalogue["finland"], "finland-b")
    Case.objects.filter(slug="finland-b").update(status=Case.Status.DRAFT)

    assert client.get("/cases/finland-action-plan/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "cite.ris"])
def test_a_curator_renaming_in_the_admin_keeps_the_old_link(client, catalogue, suffix):
    curator = User.objects.create_superuser("curator", "c@example.org", "pw")
    client.force_login(curator)
    case = catalogue["malawi"]
    form = client.get(f"/admin/cases/case/{case.pk}/change/").context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"created", "updated"}
    }
    data.update(
        {
            "slug": "malawi-renamed",
            "lock_version": case.version,
            "countries": [c.pk for c in case.countries.all()],
            "pillars": [p.pk for p in case.pillars.all()],
            "takeaways": "\n".join(case.takeaways),
            "case_actors-TOTAL_FORMS": 0,
            "case_actors-INITIAL_FORMS": 0,
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "related_overrides-TOTAL_FORMS": 0,
            "related_overrides-INITIAL_FORMS": 0,
        }
    )
    response = client.post(f"/admin/cases/case/{case.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    client.logout()

    response = client.get(f"/cases/malawi-localises-its-strategy/{suffix}")

    assert response.status_code == 301
    assert response["Location"] == f"/cases/malawi-renamed/{suffix}"
