"""`manage.py import_cases FILE.json` loads an export losslessly, or nothing at all."""

import json

import pytest
from django.core.management import CommandError, call_command

from cases.models import Actor, Case, Country
from tests.factories import ActorFactory, CaseFactory


def export(client):
    response = client.get("/cases/export.json")
    return json.loads(b"".join(response.streaming_content))


def without_timestamps(data):
    data = json.loads(json.dumps(data))
    data["meta"].pop("exported_at")
    for record in data["cases"]:
        record.pop("created")
        record.pop("updated")
    for country in data.get("countries", {}).values():
        if country["national_framework"]:
            country["national_framework"].pop("updated")
    return data


def write(tmp_path, data, name="cases.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_export_import_into_an_empty_catalogue_and_export_again_gives_the_same_file(
    client, seeded, pillars, tmp_path
):
    extra = CaseFactory(
        title="Tie on period",
        start_year=2024,
        start_month=7,
        actors=[(ActorFactory(name="Nansana Municipality"), "chairs")],
        sources=["A report"],
        takeaways=["One; with a semicolon", "Two"],
    )
    extra.sources.update(url="https://example.org/report", published="2024-11-27")
    first = export(client)
    assert len(first["cases"]) == 16
    Case.objects.all().delete()
    Actor.objects.all().delete()
    Country.objects.all().delete()

    call_command("import_cases", write(tmp_path, first), "--create-missing", verbosity=0)
    # National frameworks are not case data: the import leaves them to their own seed file.
    assert all(c["national_framework"] is None for c in export(client)["countries"].values())
    call_command("load_seed", verbosity=0)

    assert without_timestamps(export(client)) == without_timestamps(first)


def test_importing_an_export_again_updates_by_slug_and_creates_nothing(client, seeded, tmp_path):
    data = export(client)
    data["cases"][0]["summary"] = "A corrected summary."
    before = Case.objects.count()

    call_command("import_cases", write(tmp_path, data), verbosity=0)

    assert Case.objects.count() == before
    assert Case.objects.get(slug=data["cases"][0]["slug"]).summary == "A corrected summary."


def test_one_invalid_record_stops_the_whole_import_and_each_error_is_reported(
    client, seeded, tmp_path, capsys
):
    data = export(client)
    original = Case.objects.get(slug=data["cases"][0]["slug"]).summary
    data["cases"][0]["summary"] = "Changed, but must not be written."
    data["cases"][2]["countries"] = [{"code": "ZZ"}]
    data["cases"][4]["title"] = ""
    data["cases"][5]["period"]["start_year"] = "twenty"
    data["cases"].append({**data["cases"][1], "title": "Copy"})
    updated_stamps = list(Case.objects.values_list("updated", flat=True))

    with pytest.raises(CommandError, match="Nothing was imported: 4 error"):
        call_command("import_cases", write(tmp_path, data))

    errors = capsys.readouterr().err
    assert "record 3, countries: unknown country code 'ZZ'" in errors
    assert "record 5, title: missing title" in errors
    assert "record 6, period: malformed date: start_year must be a whole number" in errors
    assert "record 16, slug: duplicate slug" in errors and "record 2 has it too" in errors
    assert Case.objects.get(slug=data["cases"][0]["slug"]).summary == original
    assert list(Case.objects.values_list("updated", flat=True)) == updated_stamps


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON: Expecting property name"),
        (b'{"cases": 3}', "must be an export of the catalogue"),
        ("caf\xe9".encode("latin-1"), "not UTF-8 text"),
        (b"PK\x03\x04\x00\x00binary", "holds binary data"),
        (b"[" * 100_000 + b"]" * 100_000, "The JSON nests lists or objects too deeply"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_clearly(tmp_path, db, content, message):
    path = tmp_path / "cases.json"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("import_cases", str(path))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "A\x00B"}, "title: contains a NUL character (at character 2)"),
        ({"summary": "Lone \udc80 half"}, "summary: contains U+DC80, half of a UTF-16"),
        ({"period": "2020"}, "period: must be an object with start_year, start_month"),
    ],
)
def test_a_record_holding_what_no_case_can_is_listed_and_nothing_is_written(
    client, seeded, tmp_path, capsys, change, message
):
    data = export(client)
    data["cases"][0]["slug"] = "a-new-case"
    data["cases"][0].update(change)

    with pytest.raises(CommandError, match="Nothing was imported: 1 error"):
        call_command("import_cases", write(tmp_path, data))

    assert f"record 1, {message}" in capsys.readouterr().err
    assert not Case.objects.filter(slug="a-new-case").exists()


def test_a_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match=r"Cannot read /no/such\.json"):
        call_command("import_cases", "/no/such.json")


def test_without_create_missing_unknown_countries_and_actors_are_errors(
    client, seeded, tmp_path, capsys
):
    data = export(client)
    Case.objects.all().delete()
    Actor.objects.all().delete()
    Country.objects.all().delete()

    with pytest.raises(CommandError):
        call_command("import_cases", write(tmp_path, data))

    assert "unknown country code 'UG'" in capsys.readouterr().err
    assert not Case.objects.exists()


def test_a_dry_run_writes_nothing(client, seeded, tmp_path):
    data = export(client)
    Case.objects.filter(slug=data["cases"][0]["slug"]).delete()

    call_command("import_cases", write(tmp_path, data), "--dry-run", verbosity=0)

    assert not Case.objects.filter(slug=data["cases"][0]["slug"]).exists()


def test_a_csv_export_imports_back_unchanged(client, seeded, tmp_path):
    """The CSV lacks actor roles and joins takeaways with "; ": neither may be lost."""
    before = export(client)
    path = tmp_path / "cases.csv"
    path.write_bytes(b"".join(client.get("/cases/export.csv").streaming_content))

    call_command("import_cases", str(path), verbosity=0)

    assert without_timestamps(export(client)) == without_timestamps(before)
