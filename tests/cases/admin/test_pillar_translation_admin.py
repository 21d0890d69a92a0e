"""Pillars are translated and reviewed as cases are: the same filters, actions and form panel."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from core.languages import TranslationState
from pillars.models import Pillar, PillarTranslation

CHANGELIST = "admin:pillars_pillar_changelist"


@pytest.fixture
def translated_pillars(pillars):
    """Trust has a French translation nobody checked; Capacity has none."""
    trust = pillars["trust"]
    trust.name_fr, trust.definition_fr = "Confiance", "Ce que la confiance veut dire."
    trust.save()
    return pillars


def listed(client, **query):
    response = client.get(reverse(CHANGELIST), query)
    return {pillar.slug for pillar in response.context["cl"].result_list}


def mark(client, language, *pillars):
    return client.post(
        reverse(CHANGELIST),
        {
            "action": f"mark_{language}_translation_reviewed",
            "_selected_action": [pillar.pk for pillar in pillars],
        },
        follow=True,
    )


def test_the_pillar_list_filters_by_each_languages_translation_state(
    admin_client, translated_pillars
):
    everything = set(translated_pillars)

    assert listed(admin_client, translation_fr="unreviewed") == {"trust"}
    assert listed(admin_client, translation_fr="missing") == everything - {"trust"}
    assert listed(admin_client, translation_fr="reviewed") == set()
    assert listed(admin_client, translation_en="original") == everything
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "Needs French review" in page and "Arabic translation" in page


def test_marking_a_pillars_french_translation_reviewed_records_who_when_and_logs_it(
    admin_client, admin_user, translated_pillars
):
    trust = translated_pillars["trust"]

    response = mark(admin_client, "fr", trust)

    review = PillarTranslation.objects.get(pillar=trust, language="fr")
    assert (review.status, review.reviewed_by) == ("reviewed", admin_user)
    assert review.reviewed_at is not None
    assert Pillar.objects.get(pk=trust.pk).translation_state("fr") == TranslationState.REVIEWED
    assert listed(admin_client, translation_fr="reviewed") == {"trust"}
    assert "Marked the French translation of 1 pillar reviewed." in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(trust.pk))
    assert entry.get_change_message() == "French translation reviewed."


def test_a_pillar_without_a_translation_or_in_its_original_is_not_marked(
    admin_client, translated_pillars
):
    capacity = translated_pillars["capacity"]

    missing = mark(admin_client, "ar", capacity).content.decode()
    original = mark(admin_client, "en", capacity).content.decode()

    assert not PillarTranslation.objects.exists()
    assert "there is no Arabic translation to review (its name or definition is empty)" in missing
    assert "English is the original language of: Capacity" in original


def test_the_pillar_form_marks_a_translation_reviewed_with_its_own_button(
    admin_client, admin_user, translated_pillars
):
    trust = translated_pillars["trust"]
    change = reverse("admin:pillars_pillar_change", args=[trust.pk])
    review = reverse("admin:pillars_pillar_review_translation", args=[trust.pk, "fr"])

    form = admin_client.get(change).content.decode()
    response = admin_client.post(review, follow=True)

    assert f'action="{review}"' in form
    assert response.redirect_chain[-1][0] == change
    assert PillarTranslation.objects.get(pillar=trust, language="fr").reviewed_by == admin_user
    assert "Reviewed by admin on" in response.content.decode()


def test_curators_who_may_not_change_pillars_can_neither_mark_nor_post(
    client, curator, translated_pillars
):
    client.force_login(curator)
    trust = translated_pillars["trust"]

    page = client.get(reverse(CHANGELIST)).content.decode()
    response = client.post(
        reverse("admin:pillars_pillar_review_translation", args=[trust.pk, "fr"])
    )

    assert "mark_fr_translation_reviewed" not in page
    assert response.status_code == 403
    assert not PillarTranslation.objects.exists()
