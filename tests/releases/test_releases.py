"""An editor publishes a release; a researcher downloads, checks and opens its files."""

import hashlib
import json
import sqlite3
import zipfile

import frictionless
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from cases.models import Case
from cases.services.workflow import case_trash
from releases.models import FrozenError, Release, ReleaseFile
from releases.services.release import ReleaseError, release_create, release_storage
from tests.factories import CaseFactory

from .conftest import FailingStorage

pytestmark = pytest.mark.django_db


def download(client, release, name):
    response = client.get(reverse("releases:file", args=[release.name, name]))
    assert response.status_code == 200, name
    return response, b"".join(response.streaming_content)


def test_a_release_round_trip_gives_every_file_equal_to_the_live_export(
    client, small_catalogue, tmp_path
):
    release = release_create(name="2026.1", notes="First *release*.", site_url="http://testserver")

    names = [file.name for file in release.files.all()]
    assert names == [
        "nlc-cases-2026.1.csv",
        "nlc-cases-2026.1.json",
        "nlc-cases-2026.1.xlsx",
        "nlc-cases-2026.1.ndjson",
        "nlc-cases-2026.1.datapackage.zip",
        "nlc-cases-2026.1.sqlite",
        "changelog.json",
        "CHANGELOG.md",
        "SHA256SUMS",
    ]
    contents = {}
    for file in release.files.all():
        response, body = download(client, release, file.name)
        assert response["Content-Type"] == file.content_type
        assert f'filename="{file.name}"' in response["Content-Disposition"]
        assert len(body) == file.size
        assert hashlib.sha256(body).hexdigest() == file.sha256
        contents[file.name] = body
        (tmp_path / file.name).write_bytes(body)

    # The same bytes as the live export of the same cases (the CSV has no dated metadata).
    live_csv = b"".join(client.get("/cases/export.csv").streaming_content)
    assert contents["nlc-cases-2026.1.csv"] == live_csv
    live_ndjson = b"".join(client.get("/cases/export.ndjson").streaming_content)
    assert contents["nlc-cases-2026.1.ndjson"] == live_ndjson
    frozen = json.loads(contents["nlc-cases-2026.1.json"])
    assert frozen["meta"]["count"] == 2 and frozen["meta"]["title"].endswith("release 2026.1")
    assert "Unfinished draft" not in contents["nlc-cases-2026.1.ndjson"].decode()

    # SHA256SUMS checks out in sha256sum -c format.
    for line in contents["SHA256SUMS"].decode().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256(contents[name]).hexdigest() == digest
    assert len(contents["SHA256SUMS"].decode().splitlines()) == 8

    # The Data Package validates, relation tables and foreign keys included.
    package = tmp_path / "nlc-cases-2026.1.datapackage.zip"
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note"])
    with zipfile.ZipFile(package) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        assert "CHANGELOG.md" in archive.namelist()
    assert descriptor["version"] == "2026.1"
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert descriptor["sources"][0]["title"] == "National-Local Cooperation practice update"
    assert {r["name"] for r in descriptor["resources"]} >= {"cases", "case-pillars", "sources"}

    # The SQLite file has the catalogue's rows and a working full-text index.
    database = sqlite3.connect(tmp_path / "nlc-cases-2026.1.sqlite")
    count = database.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert count == Case.objects.published().count() == 2
    assert database.execute("SELECT count(*) FROM case_pillars").fetchone()[0] == 3
    assert database.execute("SELECT count(*) FROM countries").fetchone()[0] == 2
    assert database.execute("SELECT role FROM case_actors").fetchall() == [
        ("chairs the taskforce",)
    ]
    found = database.execute(
        "SELECT cases.slug FROM cases_fts JOIN cases ON cases.id = cases_fts.rowid "
        "WHERE cases_fts MATCH 'measures'"
    ).fetchall()
    assert found == [("finland-action-plan",)]
    database.close()

    # The first release lists every case as added.
    log = json.loads(contents["changelog.json"])
    assert log["previous"] is None and len(log["added"]) == 2


def test_the_second_release_lists_what_was_added_changed_and_removed(small_catalogue, editor):
    release_create(name="2026.1", site_url="http://testserver")
    uganda, finland = small_catalogue["uganda"], small_catalogue["finland"]
    uganda.summary = "A new summary."
    uganda.save()
    finland.title = "Finland's updated action plan"
    finland.save()
    new = CaseFactory(title="Malawi peace committees")
    trashed = CaseFactory(title="Soon in the trash")
    release_create(name="2026.2", site_url="http://testserver")
    case_trash(case=trashed, user=editor)
    small_catalogue["draft"].status = Case.Status.PUBLISHED
    small_catalogue["draft"].save()
    Case.objects.filter(pk=new.pk).update(status=Case.Status.DRAFT)

    third = release_create(name="2026.3", site_url="http://testserver")

    log = third.changelog
    assert log["previous"] == "2026.2"
    assert [entry["slug"] for entry in log["added"]] == ["unfinished-draft"]
    assert {(e["slug"], e["reason"]) for e in log["removed"]} == {
        ("soon-in-the-trash", "trashed"),
        ("malawi-peace-committees", "unpublished"),
    }
    second = Release.objects.get(name="2026.2").changelog
    changed = {entry["slug"]: entry["fields"] for entry in second["changed"]}
    assert changed == {
        "uganda-cities-in-the-national-strategy": ["summary"],
        "finland-action-plan": ["title"],
    }
    assert {entry["slug"] for entry in second["added"]} == {
        "malawi-peace-committees",
        "soon-in-the-trash",
    }


def test_a_release_that_fails_midway_leaves_no_files_and_no_rows(
    settings, small_catalogue, release_storage
):
    FailingStorage.saves = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "tests.releases.conftest.FailingStorage",
            "OPTIONS": {"location": str(release_storage)},
        },
    }
    with pytest.raises(ReleaseError, match="could not be stored: No space left"):
        release_create(name="2026.1", site_url="http://testserver")

    assert FailingStorage.saves == 3  # two files were written before the failure
    assert not Release.objects.exists() and not ReleaseFile.objects.exists()
    leftovers = [path for path in release_storage.rglob("*") if path.is_file()]
    assert leftovers == []


def test_an_editor_whose_release_fails_in_the_admin_gets_a_message_and_nothing_is_kept(
    admin_client, settings, small_catalogue, release_storage
):
    FailingStorage.saves = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "tests.releases.conftest.FailingStorage",
            "OPTIONS": {"location": str(release_storage)},
        },
    }
    response = admin_client.post(
        reverse("admin:releases_release_add"), {"name": "2026.1", "notes": ""}, follow=True
    )

    assert response.status_code == 200
    assert "No release was made, and nothing was kept" in response.content.decode()
    assert "No space left on device" in response.content.decode()
    assert not Release.objects.exists() and not ReleaseFile.objects.exists()
    assert [path for path in release_storage.rglob("*") if path.is_file()] == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../etc", "Use letters and digits"),
        ("2026 1", "Use letters and digits"),
        ("", "This field cannot be blank"),
        ("2026..1", "Use letters and digits"),
        ("x" * 41, "at most 40 characters"),
    ],
)
def test_a_release_name_must_be_a_safe_version_label(small_catalogue, name, message):
    with pytest.raises(ValidationError, match=message):
        release_create(name=name, site_url="http://testserver")
    assert not Release.objects.exists()


def test_a_release_name_cannot_be_used_twice_in_any_letter_case(small_catalogue):
    release_create(name="2026.1-rc", site_url="http://testserver")
    with pytest.raises(ValidationError, match="already a release"):
        release_create(name="2026.1-RC", site_url="http://testserver")
    assert Release.objects.count() == 1


def test_a_release_is_frozen(small_catalogue):
    release = release_create(name="2026.1", site_url="http://testserver")
    release.notes = "Rewritten history"
    with pytest.raises(FrozenError):
        release.save()
    with pytest.raises(FrozenError):
        release.delete()
    file = release.files.first()
    file.sha256 = "0" * 64
    with pytest.raises(FrozenError):
        file.save()
    assert Release.objects.get().notes == ""


def test_the_command_makes_a_release_with_notes(small_catalogue, tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("Two cases from the **practice update**.", encoding="utf-8")
    call_command("create_release", "2026.1", "--notes-file", str(notes))
    release = Release.objects.get()
    assert release.notes.startswith("Two cases") and release.case_count == 2
    assert "Release 2026.1: 2 cases, 9 files." in capsys.readouterr().out
    # Permalinks start with SITE_URL when no request made the release.
    with release_storage().open("2026.1/nlc-cases-2026.1.ndjson") as frozen:
        first = json.loads(frozen.readline())
    assert first["permalink"].startswith("http://localhost:8000/cases/")


def test_the_command_refuses_a_bad_name_clearly(small_catalogue, tmp_path):
    with pytest.raises(CommandError, match=r"No release was made\. name: Use letters"):
        call_command("create_release", "bad/name")
    with pytest.raises(CommandError, match="Cannot read the notes file"):
        call_command("create_release", "2026.1", "--notes-file", str(tmp_path / "missing.md"))
    assert not Release.objects.exists()


def test_the_release_files_carry_each_cases_completeness(client, small_catalogue, tmp_path):
    release = release_create(name="2026.1", site_url="http://testserver")
    for name in ("nlc-cases-2026.1.sqlite", "nlc-cases-2026.1.datapackage.zip"):
        (tmp_path / name).write_bytes(download(client, release, name)[1])

    database = sqlite3.connect(tmp_path / "nlc-cases-2026.1.sqlite")
    rows = database.execute(
        "SELECT slug, completeness, completeness_missing FROM cases ORDER BY slug"
    ).fetchall()
    database.close()
    assert rows == [
        ("finland-action-plan", 2, '["actors", "source_link", "translations"]'),
        ("uganda-cities-in-the-national-strategy", 3, '["source_link", "translations"]'),
    ]
    package = tmp_path / "nlc-cases-2026.1.datapackage.zip"
    with zipfile.ZipFile(package) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        cases_csv = archive.read("cases.csv").decode("utf-8-sig")
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["completeness"]["type"] == "integer"
    assert fields["completeness"]["constraints"] == {"minimum": 0, "maximum": 5}
    assert frictionless.validate(str(package)).valid
    # The schema's constraints hold: an unknown criterion fails validation.
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            if item == "cases.csv":
                data = ("\ufeff" + cases_csv.replace("source_link;", "no_link;")).encode()
            target.writestr(item, data)
    assert not frictionless.validate(str(broken)).valid
