"""Exports carry every language's text and review state; importing them back loses nothing."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.models import Actor, Case, CaseTranslation, Country
from cases.services.imports.files import read_records
from cases.services.imports.plan import import_plan
from core.languages import TranslationState, TranslationStatus
from tests.factories import CaseFactory

from .test_import_command import export, without_timestamps, write


@pytest.fixture
def translated(db, pillars, editor):
    """One case reviewed in French and unreviewed in Arabic; one written in French only."""
    english = CaseFactory(title="Uganda taskforce", slug="uganda", takeaways=["Share it."])
    english.title_fr, english.summary_fr = "Groupe de travail", "Un résumé ; en français."
    english.takeaways_fr = ["Partager.", "Un; point-virgule"]
    english.title_ar, english.summary_ar, english.body_ar = "فريق عمل", "ملخص.", "نص"
    english.save()
    CaseTranslation.objects.create(
        case=english,
        language="fr",
        status=TranslationStatus.REVIEWED,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
    )
    french = CaseFactory(title="x", slug="lyon", original_language="fr")
    Case.objects.filter(pk=french.pk).rewrite(False).update(
        title_en="", summary_en="", title_fr="Lyon", summary_fr="Plan de Lyon."
    )
    return english


def empty_catalogue():
    Case.objects.all().delete()
    Actor.objects.all().delete()
    Country.objects.all().delete()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_json_export_in_any_language_imports_into_an_empty_catalogue_losslessly(
    client, translated, tmp_path, lang
):
    first = json.loads(b"".join(client.get(f"/cases/export.json?lang={lang}").streaming_content))
    empty_catalogue()

    call_command("import_cases", write(tmp_path, first), "--create-missing", verbosity=0)

    again = client.get(f"/cases/export.json?lang={lang}").streaming_content
    assert without_timestamps(json.loads(b"".join(again))) == without_timestamps(first)
    case = Case.objects.get(slug="uganda")
    assert (case.title_fr, case.title_ar, case.takeaways_fr[1]) == (
        "Groupe de travail",
        "فريق عمل",
        "Un; point-virgule",
    )
    assert case.translation_state("fr") == TranslationState.REVIEWED
    assert case.translation_state("ar") == TranslationState.UNREVIEWED
    assert Case.objects.get(slug="lyon").original_language == "fr"


def test_a_french_csv_export_imports_back_unchanged(client, translated, tmp_path):
    before = export(client)
    path = tmp_path / "cases.csv"
    path.write_bytes(b"".join(client.get("/fr/cases/export.csv").streaming_content))

    call_command("import_cases", str(path), verbosity=0)

    assert without_timestamps(export(client)) == without_timestamps(before)
    review = CaseTranslation.objects.get(case__slug="uganda", language="fr")
    assert review.reviewed_by is not None  # the review held, so its reviewer stays


def test_an_import_that_changes_a_reviewed_translation_makes_it_unreviewed(
    client, translated, tmp_path
):
    data = export(client)
    record = next(r for r in data["cases"] if r["slug"] == "uganda")
    record["translations"]["fr"]["summary"] = "Un autre résumé."
    record["translation_status"].pop("fr")

    call_command("import_cases", write(tmp_path, data), verbosity=0)

    case = Case.objects.get(slug="uganda")
    assert case.summary_fr == "Un autre résumé."
    assert case.translation_state("fr") == TranslationState.UNREVIEWED


def test_an_import_may_mark_a_translation_reviewed_in_the_importers_name(
    client, translated, editor, tmp_path
):
    data = export(client)
    record = next(r for r in data["cases"] if r["slug"] == "uganda")
    record["translation_status"]["ar"] = "reviewed"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    client.force_login(editor)

    response = client.post(
        "/admin/cases/case/import/", {"file": path.open("rb"), "status": "draft"}
    )
    client.post(
        "/admin/cases/case/import/", {"token": response.context["token"], "status": "draft"}
    )

    review = CaseTranslation.objects.get(case__slug="uganda", language="ar")
    assert (review.status, review.reviewed_by) == ("reviewed", editor)


def csv_file(**cells):
    row = {"title": "Lyon plan", "slug": "lyon-plan", "country_codes": "UG", "pillars": "trust"}
    row |= {"summary": "A plan.", **cells}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


@pytest.mark.parametrize(
    ("cells", "field", "reason"),
    [
        ({"original_language": "de"}, "original_language", "unknown language 'de'"),
        ({"text_language": "xx"}, "text_language", "unknown language 'xx'"),
        ({"translation_status_fr": "approved"}, "translation_status_fr", "unknown translation"),
        ({"translation_status_fr": "reviewed"}, "translation_status_fr", "no French text"),
        (
            {"title_ar": "خطة", "summary_ar": "ملخص", "translation_status_ar": "missing"},
            "translation_status_ar",
            "says missing",
        ),
        ({"translation_status_en": "reviewed"}, "translation_status_en", "original language"),
        ({"summary_fr": "x" * 2001}, "summary_fr", "at most 2000 characters"),
    ],
)
def test_bad_languages_and_statuses_are_row_errors_and_nothing_is_written(
    pillars, countries, cells, field, reason
):
    plan = import_plan(records=read_records(name="cases.csv", data=csv_file(**cells)))

    assert not plan.is_clean
    assert any(e.field == field and reason in e.reason for e in plan.errors), plan.errors


def test_a_csv_with_french_columns_and_a_french_original_imports(pillars, countries, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(
        csv_file(
            title="Plan de Lyon",
            summary="Un plan.",
            original_language="fr",
            title_en="Lyon plan",
            summary_en="A plan.",
            translation_status_en="unreviewed",
        )
    )

    call_command("import_cases", str(path), verbosity=0)

    case = Case.objects.get(slug="lyon-plan")
    assert (case.original_language, case.title_fr, case.title_en) == (
        "fr",
        "Plan de Lyon",
        "Lyon plan",
    )
    assert case.translation_state("en") == TranslationState.UNREVIEWED
    assert case.translation_state("ar") == TranslationState.MISSING


def test_the_command_reports_an_unknown_language_and_writes_nothing(client, translated, tmp_path):
    data = export(client)
    data["cases"][0]["translations"] = {"de": {"title": "Fall"}}

    with pytest.raises(CommandError):
        call_command("import_cases", write(tmp_path, data), verbosity=0)

    assert not Case.objects.filter(title_fr="Fall").exists()
