"""Curators keep the statements in three languages, with every change kept and revertible."""

import json

import pytest
import reversion
from django.core.management import CommandError, call_command
from reversion.models import Version

from assessment.models import Statement

CHANGE_URL = "/admin/assessment/statement/{}/change/"


def test_loading_the_statements_twice_creates_none_the_second_time_and_keeps_edits(statements):
    first = statements[0]
    Statement.objects.filter(pk=first.pk).update(text_fr="Texte revu par une curatrice.")

    call_command("load_statements", verbosity=0)

    assert Statement.objects.count() == 18
    assert Statement.objects.get(pk=first.pk).text_fr == "Texte revu par une curatrice."


def test_every_statement_comes_in_english_french_and_arabic(statements):
    for statement in Statement.objects.all():
        assert statement.text_en and statement.text_fr and statement.text_ar
    assert {statement.pillar.slug for statement in statements} == {
        "trust",
        "inclusivity",
        "coordination",
        "communication",
        "capacity",
        "sustainability",
    }


def test_a_statements_file_naming_a_missing_pillar_loads_nothing(seeded, tmp_path):
    path = tmp_path / "statements.json"
    good = {"key": "ok", "pillar": "trust", "order": 1, "text_en": "Fine."}
    bad = {"key": "bad", "pillar": "no-such-pillar", "order": 2, "text_en": "Orphan."}
    path.write_text(json.dumps({"statements": [good, bad]}))

    with pytest.raises(CommandError, match="no pillar 'no-such-pillar'"):
        call_command("load_statements", path=str(path), verbosity=0)

    assert not Statement.objects.exists()


def test_history_keeps_every_language(statements):
    options = reversion.revisions._get_options(Statement)

    assert {"text_en", "text_fr", "text_ar"} <= set(options.fields)


def _form(statement, **changes):
    return {
        "pillar": statement.pillar_id,
        "text_en": statement.text_en,
        "text_fr": statement.text_fr,
        "text_ar": statement.text_ar,
        "order": statement.order,
        "active": "on",
        "key": statement.key,
        **changes,
    }


def test_a_curator_edits_the_french_text_and_reverts_it_from_the_history(
    client, curator, statements
):
    statement = statements[0]
    original = statement.text_fr
    client.force_login(curator)

    response = client.post(CHANGE_URL.format(statement.pk), _form(statement, text_fr="Nouveau."))
    assert response.status_code == 302
    assert Statement.objects.get(pk=statement.pk).text_fr == "Nouveau."

    versions = Version.objects.get_for_object(statement)
    original_version = versions.order_by("pk").first()
    assert original_version.field_dict["text_fr"] == original
    revert = client.post(
        f"/admin/assessment/statement/{statement.pk}/history/{original_version.pk}/revert/"
    )

    assert revert.status_code in (302, 200)
    assert Statement.objects.get(pk=statement.pk).text_fr == original
    history = client.get(f"/admin/assessment/statement/{statement.pk}/history/")
    assert history.status_code == 200


def test_the_statement_admin_lists_all_statements_in_a_fixed_number_of_queries(
    admin_client, statements, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/assessment/statement/")
    assert response.status_code == 200
    assert statements[0].text_en in response.content.decode()


def test_the_admin_change_form_shows_the_three_languages(admin_client, statements):
    page = admin_client.get(CHANGE_URL.format(statements[0].pk)).content.decode()

    for name in ("text_en", "text_fr", "text_ar"):
        assert f'name="{name}"' in page
    assert "googleapis" not in page and "cdn" not in page.lower()


def test_a_retired_statement_is_no_longer_asked(statements, client, django_assert_max_num_queries):
    retired = statements[0]
    Statement.objects.filter(pk=retired.pk).update(active=False)

    with django_assert_max_num_queries(1):
        asked = list(Statement.objects.asked())
        pillars = {statement.pillar.slug for statement in asked}
    assert retired not in asked and len(asked) == 17
    assert len(pillars) == 6
    assert retired.text_en not in client.get("/self-assessment/").content.decode()
