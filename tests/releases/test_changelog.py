"""A researcher reads what changed between two releases, renamed cases included."""

import importlib
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from cases.models import Case, Source
from releases.models import Release
from releases.services.release import frozen_name, release_create, release_storage
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

OLD_SLUG = "uganda-cities-in-the-national-strategy"


def stored(release, name):
    with release_storage().open(f"{release.name}/{name}") as file:
        return file.read().decode()


def rename(case, slug, **changes):
    case.slug = slug
    for field, value in changes.items():
        setattr(case, field, value)
    case.save()


def test_a_renamed_case_is_listed_as_renamed_not_as_one_removed_and_one_added(
    client, small_catalogue
):
    release_create(name="2026.1", site_url="http://testserver")
    rename(small_catalogue["uganda"], "uganda-cities-join-the-strategy", summary="Revised.")

    second = release_create(name="2026.2", site_url="http://testserver")

    log = second.changelog
    assert log["added"] == [] and log["removed"] == []
    assert log["changed"] == [
        {
            "slug": "uganda-cities-join-the-strategy",
            "title": "Uganda cities in the national strategy",
            "renamed_from": OLD_SLUG,
            "fields": ["slug", "summary"],
        }
    ]
    assert second.counts == {"added": 0, "changed": 1, "removed": 0}
    assert '"renamed_from": "uganda-cities-in-the-national-strategy"' in stored(
        second, "changelog.json"
    )
    assert (
        "- Uganda cities in the national strategy (`uganda-cities-join-the-strategy`): "
        f"renamed from `{OLD_SLUG}`; summary"
    ) in stored(second, "CHANGELOG.md")
    page = client.get("/data/releases/2026.2/").content.decode()
    assert f"renamed from <code>{OLD_SLUG}</code>; summary" in page
    assert "Since release 2026.1: 0 added, 1 changed, 0 removed." in page
    french = client.get("/fr/data/releases/2026.2/").content.decode()
    assert f"renommé, anciennement <code>{OLD_SLUG}</code>" in french


def test_a_case_renamed_twice_between_releases_is_matched_to_its_first_slug(small_catalogue):
    release_create(name="2026.1", site_url="http://testserver")
    rename(small_catalogue["uganda"], "uganda-interim-slug")
    rename(small_catalogue["uganda"], "uganda-final-slug")
    CaseFactory(title="Malawi peace committees")

    log = release_create(name="2026.2", site_url="http://testserver").changelog

    assert [(e["slug"], e["renamed_from"], e["fields"]) for e in log["changed"]] == [
        ("uganda-final-slug", OLD_SLUG, ["slug"])
    ]
    assert [entry["slug"] for entry in log["added"]] == ["malawi-peace-committees"]
    assert log["removed"] == []


def test_a_renamed_then_unpublished_case_is_removed_as_unpublished_and_a_deleted_one_as_gone(
    small_catalogue,
):
    release_create(name="2026.1", site_url="http://testserver")
    rename(small_catalogue["uganda"], "uganda-renamed", status=Case.Status.DRAFT)
    small_catalogue["finland"].delete()

    log = release_create(name="2026.2", site_url="http://testserver").changelog

    assert log["added"] == [] and log["changed"] == []
    assert {(entry["slug"], entry["reason"]) for entry in log["removed"]} == {
        (OLD_SLUG, "unpublished"),
        ("finland-action-plan", "gone"),
    }


def test_the_migration_counts_the_changes_of_releases_made_before_the_columns(small_catalogue):
    release_create(name="2026.1", site_url="http://testserver")
    CaseFactory(title="Malawi peace committees")
    release_create(name="2026.2", site_url="http://testserver")
    Release.objects.update(previous_name="", added_count=0, changed_count=0, removed_count=0)

    migration = importlib.import_module("releases.migrations.0003_change_counts")
    migration.count_changes(apps, schema_editor=None)

    second = Release.objects.get(name="2026.2")
    assert second.previous_name == "2026.1"
    assert second.counts == {"added": 1, "changed": 0, "removed": 0}
    assert Release.objects.get(name="2026.1").counts == {"added": 2, "changed": 0, "removed": 0}


def test_completeness_is_never_a_change_only_what_it_is_read_from(small_catalogue):
    release_create(name="2026.1", site_url="http://testserver")
    # The frozen records as a release made before completeness was recorded wrote them.
    path = f"2026.1/{frozen_name('2026.1')}"
    with release_storage().open(path) as file:
        records = [json.loads(line) for line in file if line.strip()]
    for record in records:
        del record["completeness"], record["completeness_missing"]
    release_storage().delete(path)
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    release_storage().save(path, ContentFile(lines.encode()))
    Source.objects.filter(case=small_catalogue["uganda"]).update(url="https://example.org/r")

    second = release_create(name="2026.2", site_url="http://testserver")

    assert second.changelog["changed"] == [
        {
            "slug": "uganda-cities-in-the-national-strategy",
            "title": "Uganda cities in the national strategy",
            "fields": ["sources"],
        }
    ]
