"""Cases and pillars in French and Arabic: fallback to the original, review states, exports."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from cases.models import Case, CaseTranslation
from core.languages import TranslationState, TranslationStatus
from pillars.models import Pillar

from ...factories import CaseFactory

FILES = __import__("pathlib").Path(__file__).parent / "files"


@pytest.fixture
def case(db):
    return CaseFactory(title="Case 0001", slug="case-0001")


def review(case, language, user=None):
    CaseTranslation.objects.update_or_create(
        case=case,
        language=language,
        defaults={
            "status": TranslationStatus.REVIEWED,
            "reviewed_by": user,
            "reviewed_at": timezone.now(),
        },
    )


def translate(case, **texts):
    for name, value in texts.items():
        setattr(case, name, value)
    case.save()


def test_existing_english_text_lives_in_the_english_columns(case):
    case.refresh_from_db()
    assert case.title_en == "Case 0001"
    assert Case.objects.get(pk=case.pk).title == "Case 0001"
    assert case.original_language == "en"


def test_the_manager_keeps_the_case_queryset_methods(case):
    assert list(Case.objects.published().live().values_list("slug", flat=True)) == ["case-0001"]


def test_states_follow_the_text_and_the_review(case):
    assert case.translation_state("en") == TranslationState.ORIGINAL
    assert case.translation_state("fr") == TranslationState.MISSING
    translate(case, title_fr="Cas", summary_fr="Résumé.")
    assert Case.objects.get(pk=case.pk).translation_state("fr") == TranslationState.UNREVIEWED
    review(case, "fr")
    assert Case.objects.get(pk=case.pk).translation_state("fr") == TranslationState.REVIEWED
    assert list(Case.objects.needing_review("fr")) == []
    assert list(Case.objects.in_translation_state("ar", "missing")) == [case]


def test_changing_a_reviewed_translation_makes_it_unreviewed_again(case):
    translate(case, title_fr="Cas", summary_fr="Résumé.")
    review(case, "fr")
    stored = Case.objects.get(pk=case.pk)
    translate(stored, title_fr="Cas modifié")
    assert Case.objects.get(pk=case.pk).translation_state("fr") == TranslationState.UNREVIEWED


def test_changing_the_original_text_makes_every_reviewed_translation_unreviewed(case):
    translate(case, title_fr="Cas", summary_fr="Résumé.", title_ar="حالة", summary_ar="ملخص.")
    review(case, "fr")
    review(case, "ar")

    translate(Case.objects.get(pk=case.pk), summary_en="A rewritten summary.")

    stored = Case.objects.get(pk=case.pk)
    assert stored.translation_state("fr") == TranslationState.UNREVIEWED
    assert stored.translation_state("ar") == TranslationState.UNREVIEWED
    assert not CaseTranslation.objects.filter(status="reviewed").exists()


def test_saving_without_changing_the_original_keeps_the_reviews(case):
    translate(case, title_fr="Cas", summary_fr="Résumé.")
    review(case, "fr")

    stored = Case.objects.get(pk=case.pk)
    stored.start_year = 2020
    stored.save()

    assert Case.objects.get(pk=case.pk).translation_state("fr") == TranslationState.REVIEWED


def test_saving_in_french_keeps_the_english_text_in_the_plain_columns(case):
    with translation.override("fr"):
        stored = Case.objects.get(pk=case.pk)
        stored.title_fr, stored.summary_fr = "Cas", "Résumé."
        stored.save()
    assert Case.objects.filter(pk=case.pk).rewrite(False).values_list("title", flat=True)[0] == (
        "Case 0001"
    )


def test_a_missing_translation_shows_the_original_with_a_notice(client, case):
    response = client.get("/fr/cases/case-0001/")
    html = response.content.decode()
    assert "has not been translated into" in html or "pas encore été traduit" in html
    assert '<h1 lang="en" dir="ltr">Case 0001</h1>' in html
    assert 'name="robots" content="noindex"' not in html


def test_an_unreviewed_translation_says_so_and_is_not_indexed(client, case):
    translate(case, title_fr="Cas de test", summary_fr="Résumé.")
    html = client.get("/fr/cases/case-0001/").content.decode()
    assert "<h1>Cas de test</h1>" in html
    assert 'name="robots" content="noindex"' in html
    assert "notice--translation" in html


def test_a_reviewed_translation_shows_no_notice(client, case):
    translate(case, title_fr="Cas de test", summary_fr="Résumé.")
    review(case, "fr")
    html = client.get("/fr/cases/case-0001/").content.decode()
    assert "<h1>Cas de test</h1>" in html
    assert "notice--translation" not in html
    assert 'content="noindex"' not in html


def test_the_english_page_is_not_served_from_the_french_cache(client, case):
    translate(case, title_fr="Cas de test", summary_fr="Résumé.")
    client.get("/fr/cases/case-0001/")
    assert "<h1>Case 0001</h1>" in client.get("/cases/case-0001/").content.decode()


def test_french_list_query_count_is_fixed(client, case, django_assert_max_num_queries):
    for number in range(2, 8):
        CaseFactory(title=f"Case {number:04d}", title_fr=f"Cas {number}", summary_fr="R.")
    client.get("/fr/cases/")
    with django_assert_max_num_queries(12):
        html = client.get("/fr/cases/?page=1&sort=title").content.decode()
    assert "Cas 2" in html and "Case 0001" in html


def test_french_csv_export_says_its_language_and_statuses(client, case):
    translate(case, title_fr="Cas de test", summary_fr="Résumé.")
    CaseFactory(title="Case 0002")
    response = client.get("/fr/cases/export.csv")
    assert response["Content-Language"] == "fr"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert "translation_status_fr" in header and "text_language" in header
    assert any(
        row.startswith("Cas de test,case-0001,fr,fr,en,original,unreviewed,missing") for row in rows
    )
    assert any(
        row.startswith("Case 0002,case-0002,fr,en,en,original,missing,missing") for row in rows
    )


def test_json_export_meta_names_the_language(client, case):
    response = client.get("/cases/export.json?lang=ar")
    data = json.loads(b"".join(response.streaming_content))
    assert data["meta"]["language"] == "ar"
    assert data["cases"][0]["text_language"] == "en"
    assert data["cases"][0]["translation_status"] == {
        "en": "original",
        "fr": "missing",
        "ar": "missing",
    }


def test_an_unknown_export_language_is_a_clear_400(client, case):
    response = client.get("/cases/export.csv?lang=xx")
    assert response.status_code == 400
    assert "Unknown language" in response.content.decode()


def test_the_api_answers_in_the_accept_language_or_lang(client, case):
    translate(case, title_fr="Cas de test", summary_fr="Résumé.")
    response = client.get("/api/v1/cases/case-0001/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "fr"
    assert response.json()["title"] == "Cas de test"
    assert client.get("/api/v1/cases/case-0001/?lang=en").json()["title"] == "Case 0001"
    bad = client.get("/api/v1/cases/?lang=klingon")
    assert bad.status_code == 400 and "lang" in bad.json()["errors"]


def test_seed_translations_fill_empty_fields_as_unreviewed(case, tmp_path):
    shutil.copy(FILES / "seed.fr.json", tmp_path / "seed.fr.json")
    Pillar.objects.filter(slug="trust").update(name_fr=None)
    from cases.services.seed_translations import seed_translations_load, seed_translations_read

    data = seed_translations_read(path=tmp_path / "seed.fr.json")
    assert seed_translations_load(data=data) == 2
    assert seed_translations_load(data=data) == 0  # idempotent
    stored = Case.objects.get(pk=case.pk)
    assert stored.title_fr == "Cas de test"
    assert stored.translation_state("fr") == TranslationState.UNREVIEWED
    assert Pillar.objects.get(slug="trust").name_fr == "Confiance"


def test_seed_translations_with_an_unknown_slug_write_nothing(case, tmp_path):
    from cases.services.seed import SeedError
    from cases.services.seed_translations import seed_translations_load

    data = {"language": "fr", "pillars": {}, "cases": {"case-0001": {"title": "Cas"}, "nope": {}}}
    with pytest.raises(SeedError, match="nope"):
        seed_translations_load(data=data)
    assert Case.objects.get(pk=case.pk).title_fr in (None, "")


def test_a_malformed_translation_file_stops_the_seed_command(db, tmp_path):
    (tmp_path / "seed.ar.json").write_text('{"language": "xx", "pillars": {}, "cases": {}}')
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_seed", translations=str(tmp_path), verbosity=0)
    assert not Case.objects.exists()
