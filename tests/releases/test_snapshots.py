"""A researcher freezes a filtered list and cites it; the list stays as it was."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from cases.services.workflow import case_trash
from releases.models import Snapshot, SnapshotEntry
from releases.services.release import release_create
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def freeze(client, query=""):
    return client.post("/data/snapshots/", {"query": query})


def test_freezing_a_filtered_list_gives_a_permanent_page_of_those_cases(
    client, small_catalogue, django_assert_max_num_queries
):
    response = freeze(client, "country=ug&pillar=trust&sort=title")
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert response["Location"] == f"/data/snapshots/{snapshot.id}/"
    assert len(snapshot.id) == 10 and snapshot.case_count == 1
    assert snapshot.query == "pillar=trust&country=UG&sort=title"
    assert snapshot.release is None

    with django_assert_max_num_queries(4):
        page = client.get(response["Location"]).content.decode()
    assert "Uganda cities in the national strategy" in page
    assert "Pillar: Trust; Country: Uganda; Sort: Title A–Z" in page
    assert "Unfinished draft" not in page and "Finland" not in page
    assert "no release had been published yet" in page


def test_a_snapshot_keeps_its_cases_and_text_after_they_change_or_are_unpublished(
    client, small_catalogue, editor
):
    freeze(client, "")
    snapshot = Snapshot.objects.get()
    uganda, finland = small_catalogue["uganda"], small_catalogue["finland"]
    uganda.title = "A new title"
    uganda.summary = "Rewritten."
    uganda.save()
    case_trash(case=finland, user=editor)

    page = client.get(snapshot.get_absolute_url()).content.decode()
    assert "Uganda cities in the national strategy" in page and "Finland action plan" in page
    records = [
        json.loads(line)
        for line in b"".join(
            client.get(f"/data/snapshots/{snapshot.id}/export.ndjson").streaming_content
        ).splitlines()
    ]
    # In the list's order then (newest first; same period, so the later case first).
    assert [r["title"] for r in records] == [
        "Finland action plan",
        "Uganda cities in the national strategy",
    ]
    assert records[1]["summary"] == "Local officials join the steering committee."
    csv = b"".join(client.get(f"/data/snapshots/{snapshot.id}/export.csv").streaming_content)
    assert "Finland action plan" in csv.decode("utf-8-sig")


def test_every_export_format_of_a_snapshot_is_written_from_its_frozen_records(
    client, small_catalogue
):
    freeze(client, "country=UG")
    snapshot = Snapshot.objects.get()
    live = {}
    for fmt in ("csv", "ndjson", "ris", "csl.json"):
        frozen = client.get(f"/data/snapshots/{snapshot.id}/export.{fmt}")
        assert frozen.status_code == 200
        assert f"snapshot-{snapshot.id}" in frozen["Content-Disposition"]
        live[fmt] = b"".join(client.get(f"/cases/export.{fmt}?country=UG").streaming_content)
        assert b"".join(frozen.streaming_content) == live[fmt], fmt
    document = json.loads(
        b"".join(client.get(f"/data/snapshots/{snapshot.id}/export.json").streaming_content)
    )
    assert document["meta"]["query"] == "country=UG" and document["meta"]["count"] == 1
    xlsx = client.get(f"/data/snapshots/{snapshot.id}/export.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    bib = b"".join(client.get(f"/data/snapshots/{snapshot.id}/export.bib").streaming_content)
    assert b"@misc{nlc-uganda-cities-in-the-national-strategy-source-1" in bib
    assert client.get(f"/data/snapshots/{snapshot.id}/export.pdf").status_code == 404


def test_a_snapshot_never_holds_a_draft(client, small_catalogue):
    freeze(client, "q=unfinished")
    snapshot = Snapshot.objects.get()
    assert snapshot.case_count == 0
    assert not SnapshotEntry.objects.filter(slug="unfinished-draft").exists()


def test_a_snapshot_names_the_release_it_was_based_on(client, small_catalogue):
    release_create(name="2026.1", site_url="http://testserver")
    freeze(client, "")
    unchanged = Snapshot.objects.get()
    assert unchanged.release.name == "2026.1" and not unchanged.changed_since_release
    CaseFactory(title="Published after the release")
    freeze(client, "")
    changed = Snapshot.objects.exclude(pk=unchanged.pk).get()
    assert changed.changed_since_release
    page = client.get(changed.get_absolute_url()).content.decode()
    assert "may have changed since release" in page


def test_bad_filters_give_a_clear_error_and_no_snapshot(client, small_catalogue):
    response = freeze(client, "pillar=nope&year_min=abc")
    assert response.status_code == 400
    page = response.content.decode()
    assert "“nope” is not a pillar." in page and "Enter a whole number." in page
    too_long = freeze(client, "q=" + "x" * 5000)
    assert too_long.status_code == 400 and "longer than 4000" in too_long.content.decode()
    assert not Snapshot.objects.exists()


def test_a_list_over_the_size_limit_is_refused_with_advice(client, settings, small_catalogue):
    settings.SNAPSHOT_MAX_CASES = 1
    response = freeze(client, "")
    assert response.status_code == 400
    assert "This list has 2 cases; a frozen list holds at most 1 case." in (
        response.content.decode()
    )
    assert "Narrow the filters" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_one_client_may_freeze_only_so_many_lists(client, settings, small_catalogue):
    settings.SNAPSHOTS_PER_CLIENT = 2
    statuses = [freeze(client, "").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    refused = freeze(client, "")
    assert refused["Retry-After"] == str(settings.SNAPSHOTS_WINDOW_SECONDS)
    assert "frozen 2 lists in the last 60 minutes" in refused.content.decode()
    assert Snapshot.objects.count() == 2


def test_freezing_needs_a_post_with_a_csrf_token(small_catalogue):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/data/snapshots/", {"query": ""}).status_code == 403
    assert strict.get("/data/snapshots/").status_code == 405
    page = strict.get("/cases/?country=UG").content.decode()
    assert 'action="/data/snapshots/"' in page and 'name="csrfmiddlewaretoken"' in page
    assert 'name="query" value="country=UG"' in page
    assert not Snapshot.objects.exists()


def csrf_token_in(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_second_visitor_freezes_from_a_list_page_the_cache_built_for_the_first(
    small_catalogue,
):
    """The list's count, page of ids and facet HTML are cached per catalogue version; the
    freeze form, and so its CSRF token, is rendered for every visitor afresh."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    list_url = "/cases/?pillar=coordination&sort=title"
    with CaptureQueriesContext(connection) as uncached:
        first_page = first.get(list_url).content.decode()
    with CaptureQueriesContext(connection) as cached:
        second_page = second.get(list_url).content.decode()
    assert len(cached) < len(uncached)  # the second page came largely from the cache

    second_token = csrf_token_in(second_page)
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    # The first visitor's token is no good with the second visitor's cookie...
    refused = second.post(
        "/data/snapshots/",
        {
            "query": "pillar=coordination&sort=title",
            "csrfmiddlewaretoken": csrf_token_in(first_page),
        },
    )
    assert refused.status_code == 403 and not Snapshot.objects.exists()
    # ...and the second visitor's own page carries one that is.
    frozen = second.post(
        "/data/snapshots/",
        {"query": "pillar=coordination&sort=title", "csrfmiddlewaretoken": second_token},
    )
    assert frozen.status_code == 302
    assert Snapshot.objects.get().case_count == 2


def test_unknown_snapshots_are_404(client, db):
    assert client.get("/data/snapshots/abcdefghjk/").status_code == 404
    assert client.get("/data/snapshots/abcdefghjk/export.csv").status_code == 404


def test_a_snapshot_cannot_be_changed(client, small_catalogue):
    from releases.models import FrozenError

    freeze(client, "")
    snapshot = Snapshot.objects.get()
    snapshot.query = "pillar=trust"
    with pytest.raises(FrozenError):
        snapshot.save()
    assert Case.objects.count() == 3


def test_a_list_frozen_by_completeness_says_so_and_an_older_record_exports_without_it(
    client, small_catalogue
):
    freeze(client, "completeness=3")
    snapshot = Snapshot.objects.get()
    assert snapshot.query == "completeness=3" and snapshot.case_count == 1
    assert "Completeness: 3 of 5" in client.get(snapshot.get_absolute_url()).content.decode()
    # A record frozen before completeness was recorded has none: its cells stay empty.
    entry = snapshot.entries.get()
    record = json.loads(entry.record)
    assert (record["completeness"], record["completeness_missing"]) == (
        3,
        ["source_link", "translations"],
    )
    del record["completeness"], record["completeness_missing"]
    SnapshotEntry.objects.filter(pk=entry.pk).update(record=json.dumps(record))

    body = b"".join(client.get(f"/data/snapshots/{snapshot.id}/export.csv").streaming_content)
    row = next(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert row["slug"] == "uganda-cities-in-the-national-strategy"
    assert (row["completeness"], row["completeness_missing"]) == ("", "")
    assert client.get(f"/data/snapshots/{snapshot.id}/export.xlsx").status_code == 200
