"""Curators edit every language of a case in one form, find what needs review, and mark it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from reversion.models import Version

from cases.models import Case, CaseTranslation
from core.languages import TranslationState
from tests.cases.admin_forms import change_form_data
from tests.factories import CaseFactory

CHANGELIST = "admin:cases_case_changelist"


@pytest.fixture
def staff_client(client, curator):
    client.force_login(curator)
    return client


def translated(slug, **texts):
    case = CaseFactory(title=slug.title(), slug=slug)
    for name, value in texts.items():
        setattr(case, name, value)
    case.save()
    return case


def edit(client, case, **changes):
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(client.get(url))
    response = client.post(url, {**data, **changes, "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def mark(client, language, *cases):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": f"mark_{language}_translation_reviewed",
            "_selected_action": [case.pk for case in cases],
        },
        follow=True,
    )


def test_the_change_form_has_each_languages_text_in_tabs_served_from_this_site(staff_client):
    case = CaseFactory(title="Uganda taskforce")

    response = staff_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    form = response.context["adminform"].form
    for name in ("title", "summary", "body", "takeaways"):
        assert {f"{name}_en", f"{name}_fr", f"{name}_ar"} <= set(form.fields)
    assert str(form.fields["takeaways_fr"].label) == "Takeaways (French)"
    page = response.content.decode()
    assert "mt-field-takeaways-ar" in page and "mt-bidi" in page
    assert form.fields["summary_ar"].widget.attrs["dir"] == "rtl"
    assert "dir" not in form.fields["summary_fr"].widget.attrs
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
    assert "tabbed_translation_fields.js" in page
    assert "googleapis" not in page and "code.jquery.com" not in page


def test_a_curator_adds_french_takeaways_one_per_line(staff_client):
    case = CaseFactory(title="Uganda taskforce", takeaways=["Share the findings."])

    edit(staff_client, case, takeaways_fr="Partager les résultats.\r\n\r\nGarder un groupe.\r\n")

    case = Case.objects.get(pk=case.pk)
    assert case.takeaways_fr == ["Partager les résultats.", "Garder un groupe."]
    assert case.takeaways_en == ["Share the findings."]
    assert case.translation_state("fr") == TranslationState.MISSING  # no title/summary yet


def test_a_french_original_case_needs_its_french_text_not_its_english(staff_client):
    case = CaseFactory(title="Uganda taskforce")
    url = reverse("admin:cases_case_change", args=[case.pk])
    data = change_form_data(staff_client.get(url))
    data |= {"original_language": "fr", "title_fr": "", "summary_fr": "", "_save": "Save"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Title (French) is needed" in str(errors["title_fr"])


def test_filters_find_missing_unreviewed_and_reviewed_translations(staff_client, curator):
    translated("missing")
    needs = translated("needs", title_fr="Cas", summary_fr="Résumé.")
    done = translated("done", title_fr="Fait", summary_fr="Résumé.")
    mark(staff_client, "fr", done)
    url = reverse(CHANGELIST)

    def listed(**query):
        return {case.slug for case in staff_client.get(url, query).context["cl"].result_list}

    assert listed(translation_fr="missing") == {"missing"}
    assert listed(translation_fr="unreviewed") == {needs.slug}
    assert listed(translation_fr="reviewed") == {"done"}
    assert listed(translation_ar="missing") == {"missing", "needs", "done"}
    assert listed(translation_en="original") == {"missing", "needs", "done"}
    page = staff_client.get(url).content.decode()
    assert "Needs French review" in page and "Arabic reviewed" in page


def test_marking_a_french_translation_reviewed_records_who_and_when(staff_client, curator):
    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")

    response = mark(staff_client, "fr", case)

    review = CaseTranslation.objects.get(case=case, language="fr")
    assert (review.status, review.reviewed_by) == ("reviewed", curator)
    assert review.reviewed_at is not None
    assert Case.objects.get(pk=case.pk).translation_state("fr") == TranslationState.REVIEWED
    assert "Marked the French translation of 1 case reviewed." in response.content.decode()
    [version] = Version.objects.get_for_object(case)
    assert version.revision.comment == "French translation reviewed."


def test_a_missing_translation_cannot_be_marked_reviewed_and_says_why(staff_client):
    missing = translated("missing")
    english = translated("english")

    response = mark(staff_client, "ar", missing)
    mark(staff_client, "en", english)

    assert not CaseTranslation.objects.exists()
    page = response.content.decode()
    assert "there is no Arabic translation to review" in page and "Missing" in page


def test_staff_who_may_only_view_cases_cannot_mark_translations(client, db):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(viewer)
    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")

    mark(client, "fr", case)

    assert not CaseTranslation.objects.exists()


def test_reverting_brings_the_earlier_french_title_back(staff_client):
    case = translated("uganda", title_fr="Groupe de travail", summary_fr="Résumé.")
    edit(staff_client, case, title_fr="Groupe de travail d'Ouganda")
    edit(staff_client, case, title_fr="Un autre titre")
    older = Version.objects.get_for_object(case)[1]

    staff_client.post(reverse("admin:cases_case_revert", args=[case.pk, older.pk]))

    assert Case.objects.get(pk=case.pk).title_fr == "Groupe de travail d'Ouganda"


def test_the_history_diff_names_the_language_of_each_changed_field(staff_client):
    case = translated("uganda", title_fr="Groupe de travail", summary_fr="Résumé.")
    edit(staff_client, case, title_fr="Groupe de travail d'Ouganda")
    edit(staff_client, case, title_ar="فريق عمل")

    response = staff_client.get(reverse("admin:cases_case_compare", args=[case.pk]))

    changed = {diff.label for diff in response.context["changed"]}
    assert changed == {"Title (Arabic)"}
    labels = {diff.label for diff in response.context["unchanged"]}
    assert {"Title (French)", "Title (English)", "Original language"} <= labels


def test_an_administrator_translates_a_pillar_in_the_french_tab(admin_client, pillars):
    client = admin_client
    pillar = pillars["trust"]
    url = reverse("admin:pillars_pillar_change", args=[pillar.pk])
    response = client.get(url)
    assert "mt-field-name-fr" in response.content.decode()
    data = change_form_data(response)

    response = client.post(url, {**data, "name_fr": "Confiance", "_save": "Save"})

    assert response.status_code == 302, response.context["adminform"].form.errors
    pillar.refresh_from_db()
    assert (pillar.name_fr, pillar.name_en) == ("Confiance", "Trust")


# --- Marking a translation reviewed from the case's own form ---------------------------------


def review_url(case, language):
    return reverse("admin:cases_case_review_translation", args=[case.pk, language])


def test_the_case_form_shows_each_languages_state_with_a_button_for_an_unreviewed_one(
    staff_client,
):
    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")

    response = staff_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    page = response.content.decode()
    states = {row["language"]: str(row["state"]) for row in response.context["translation_panel"]}
    assert states == {"en": "Original", "fr": "Not yet reviewed", "ar": "Missing"}
    assert f'action="{review_url(case, "fr")}"' in page
    assert "Mark the French translation reviewed" in page
    # Nothing to review in Arabic, and English is the original: no button for either.
    assert review_url(case, "ar") not in page and review_url(case, "en") not in page


def test_an_editor_marks_the_french_translation_reviewed_from_the_case_form(staff_client, curator):
    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")

    response = staff_client.post(review_url(case, "fr"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:cases_case_change", args=[case.pk])
    review = CaseTranslation.objects.get(case=case, language="fr")
    assert (review.status, review.reviewed_by) == ("reviewed", curator)
    assert review.reviewed_at is not None
    [version] = Version.objects.get_for_object(case)
    assert (version.revision.comment, version.revision.user) == (
        "French translation reviewed.",
        curator,
    )
    page = response.content.decode()
    assert "Marked the French translation of 1 case reviewed." in page
    assert "Reviewed by carla on" in page
    assert review_url(case, "fr") not in page


def test_the_forms_review_button_needs_a_post_with_the_csrf_token(curator):
    from django.test import Client

    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)

    assert client.get(review_url(case, "fr")).status_code == 405
    assert client.post(review_url(case, "fr")).status_code == 403
    assert not CaseTranslation.objects.exists()


def test_staff_who_may_only_view_a_case_get_no_review_button_and_cannot_post_one(client, db):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(viewer)
    case = translated("needs", title_fr="Cas", summary_fr="Résumé.")

    page = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    response = client.post(review_url(case, "fr"))

    assert review_url(case, "fr") not in page
    assert response.status_code == 403
    assert not CaseTranslation.objects.exists()


def test_reviewing_a_missing_translation_or_an_unknown_language_from_the_form_says_why(
    staff_client,
):
    case = translated("missing")

    response = staff_client.post(review_url(case, "ar"), follow=True)
    unknown = staff_client.post(review_url(case, "de"))
    nowhere = staff_client.post(reverse("admin:cases_case_review_translation", args=[987654, "fr"]))

    assert "there is no Arabic translation to review" in response.content.decode()
    assert (unknown.status_code, nowhere.status_code) == (404, 404)
    assert not CaseTranslation.objects.exists()
