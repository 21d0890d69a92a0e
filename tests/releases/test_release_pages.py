"""A researcher finds releases on /data/, reads one's page and cites it; an editor makes one."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from cases.exports.formats.csv import CSV_COLUMNS
from releases.models import Release
from releases.services.release import release_create
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(small_catalogue):
    first = release_create(name="2026.1", notes="The **seed** cases.", site_url="http://testserver")
    small_catalogue["finland"].title = "Finland's action plan, updated"
    small_catalogue["finland"].save()
    second = release_create(name="2026.2", site_url="http://testserver")
    return first, second


def jsonld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_releases_are_listed_newest_first_and_linked_from_the_data_page(
    client, releases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        page = client.get("/data/releases/").content.decode()
    assert page.index("2026.2") < page.index("2026.1")
    data_page = client.get("/data/").content.decode()
    assert 'href="/data/releases/2026.2/"' in data_page
    assert 'href="/data/releases/"' in data_page


def test_the_release_list_runs_a_fixed_number_of_queries_and_reads_no_changelog(
    client, small_catalogue, django_assert_max_num_queries
):
    for number in range(1, 6):
        CaseFactory(title=f"Case added for release {number}")
        release_create(name=f"2026.{number}", site_url="http://testserver")

    with django_assert_max_num_queries(3) as queries:
        page = client.get("/data/releases/").content.decode()
    with django_assert_max_num_queries(3):
        client.get("/api/v1/releases/")
    with django_assert_max_num_queries(5):
        client.get("/data/")

    assert all(f'href="/data/releases/2026.{number}/"' in page for number in range(1, 6))
    # 2026.1 held the two published cases and the one added; each release after adds one.
    assert re.search(r"2026\.5</a></th><td>.*?</td><td>7</td><td>1</td><td>0</td><td>0</td>", page)
    assert re.search(r"2026\.1</a></th><td>.*?</td><td>3</td><td>3</td><td>0</td><td>0</td>", page)
    selects = [
        query["sql"] for query in queries.captured_queries if "releases_release" in query["sql"]
    ]
    assert selects and not any("changelog" in sql for sql in selects)


def test_a_release_page_shows_its_citation_counts_files_changes_and_dataset_metadata(
    client, releases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get("/data/releases/2026.2/")
    page = response.content.decode()
    assert "Release 2026.2" in page
    assert "Since release 2026.1: 0 added, 1 changed, 0 removed." in page
    assert "Finland&#x27;s action plan, updated" in page and "(title)" in page
    assert "NLC Case Catalogue, release 2026.2 [Data set]. Version 2026.2" in page
    release = Release.objects.get(name="2026.2")
    for file in release.files.all():
        assert f'href="/data/releases/2026.2/files/{file.name}"' in page
        assert file.sha256 in page

    data = jsonld(page)
    assert data["@type"] == "Dataset" and data["version"] == "2026.2"
    assert data["datePublished"] == release.published.isoformat()
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["temporalCoverage"] == "2023/2023"
    assert {c["identifier"] for c in data["spatialCoverage"]} == {"UG", "FI"}
    zip_download = next(d for d in data["distribution"] if d["name"].endswith(".zip"))
    assert zip_download["encodingFormat"] == "application/zip"
    assert zip_download["contentUrl"].startswith("http://testserver/data/releases/2026.2/files/")


def test_release_notes_are_rendered_markdown_without_scripts(client, small_catalogue):
    release_create(
        name="2026.1", notes="**Bold** <script>alert(1)</script>", site_url="http://testserver"
    )
    page = client.get("/data/releases/2026.1/").content.decode()
    assert "<strong>Bold</strong>" in page and "<script>alert" not in page


def test_a_release_is_cited_in_ris_and_bibtex(client, releases):
    ris = client.get("/data/releases/2026.1/cite.ris")
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    text = ris.content.decode()
    assert "TY  - DATA" in text and "TI  - NLC Case Catalogue, release 2026.1" in text
    assert "UR  - http://testserver/data/releases/2026.1/" in text
    bib = client.get("/data/releases/2026.1/cite.bib").content.decode()
    assert bib.startswith("@misc{nlc-release-2026.1,") and "year = {" in bib
    assert client.get("/data/releases/2026.1/cite.pdf").status_code == 404


def test_unknown_releases_and_files_are_404(client, releases):
    assert client.get("/data/releases/1999.1/").status_code == 404
    assert client.get("/data/releases/2026.1/files/passwords.txt").status_code == 404
    assert client.get("/data/releases/2026.1/files/..%2F..%2Fsettings.py").status_code == 404


def test_the_api_lists_releases_with_their_files(client, releases, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        listing = client.get("/api/v1/releases/").json()
    assert [r["name"] for r in listing["results"]] == ["2026.2", "2026.1"]
    detail = client.get("/api/v1/releases/2026.2/").json()
    assert detail["changes"] == {"previous": "2026.1", "added": 0, "changed": 1, "removed": 0}
    assert detail["case_count"] == 2
    zip_file = next(f for f in detail["files"] if f["name"].endswith(".zip"))
    assert zip_file["url"] == (
        "http://testserver/data/releases/2026.2/files/nlc-cases-2026.2.datapackage.zip"
    )
    assert len(zip_file["sha256"]) == 64
    assert client.get("/api/v1/releases/nope/").status_code == 404
    assert client.get("/api/v1/releases/a%00b/").status_code == 404


def test_an_editor_creates_a_release_in_the_admin_and_can_only_view_it(
    client, editor, small_catalogue
):
    client.force_login(editor)
    response = client.post(
        reverse("admin:releases_release_add"), {"name": "2026.1", "notes": "From the admin."}
    )
    assert response.status_code == 302
    release = Release.objects.get()
    assert release.created_by == editor and release.files.count() == 9
    assert release.site_url == "http://testserver/"
    view = client.get(reverse("admin:releases_release_change", args=[release.pk]))
    assert view.status_code == 200 and "SHA256SUMS" in view.content.decode()
    # No change, no delete.
    client.post(reverse("admin:releases_release_change", args=[release.pk]), {"name": "x"})
    assert Release.objects.get().name == "2026.1"
    deleting = client.post(reverse("admin:releases_release_delete", args=[release.pk]))
    assert deleting.status_code == 403


def test_the_admin_refuses_a_bad_or_taken_name_without_writing(client, editor, small_catalogue):
    client.force_login(editor)
    bad = client.post(reverse("admin:releases_release_add"), {"name": "../x", "notes": ""})
    assert bad.status_code == 200 and "Use letters and digits" in bad.content.decode()
    assert not Release.objects.exists()


def test_a_curator_cannot_make_a_release(client, curator, small_catalogue):
    client.force_login(curator)
    response = client.post(reverse("admin:releases_release_add"), {"name": "2026.1"})
    assert response.status_code == 403
    assert not Release.objects.exists()


def test_the_data_page_states_how_the_data_is_made_and_its_limits(client, small_catalogue):
    page = client.get("/data/").content.decode()
    assert "Data quality" in page
    assert "translated by the catalogue&#x27;s developers" in page.lower() or (
        "Translated by the catalogue" in page
    )
    assert "Checked by a named editor." in page
    assert "Takeaways are the catalogue" in page


def release_text(client, name, filename):
    response = client.get(f"/data/releases/{name}/files/{filename}")
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_release_files_are_in_english_whatever_the_editors_language(
    client, editor, small_catalogue, language
):
    from cases.choices import Level
    from cases.models import Actor

    Actor.objects.filter(name="Nansana Municipality").update(level=Level.COMMUNITY)
    client.force_login(editor)
    # The admin is unprefixed, so Django answers it in English whatever the browser asks
    # for; the editor's browser still says French or Arabic.
    response = client.post(
        reverse("admin:releases_release_add"),
        {"name": "2026.1", "notes": "Notes."},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302
    # The same service, called while French or Arabic is active (a shell, a translated admin).
    with translation.override(language):
        release_create(name="2026.2", site_url="http://testserver")

    for name in ("2026.1", "2026.2"):
        rows = csv.DictReader(io.StringIO(release_text(client, name, f"nlc-cases-{name}.csv")))
        assert tuple(rows.fieldnames) == CSV_COLUMNS
        uganda = next(row for row in rows if row["title"].startswith("Uganda cities"))
        assert uganda["language"] == "en"
        assert uganda["actors"] == "Nansana Municipality (Community)"  # not "Communautaire"
        assert uganda["permalink"] == (
            "http://testserver/cases/uganda-cities-in-the-national-strategy/"
        )
        changelog_md = release_text(client, name, "CHANGELOG.md")
        assert changelog_md.startswith(f"# Release {name}\n\nPublished ")
    assert "## Added (2)" in release_text(client, "2026.1", "CHANGELOG.md")


def test_the_admin_lists_releases_with_their_counts_and_frozen_lists_in_fixed_queries(
    client, editor, small_catalogue, django_assert_max_num_queries
):
    for number in range(1, 4):
        CaseFactory(title=f"Case added for release {number}")
        release_create(name=f"2026.{number}", site_url="http://testserver")
        client.post("/data/snapshots/", {"query": "pillar=coordination"})
    client.force_login(editor)

    with django_assert_max_num_queries(10) as release_queries:
        releases = client.get(reverse("admin:releases_release_changelist"))
    with django_assert_max_num_queries(10) as snapshot_queries:
        snapshots = client.get(reverse("admin:releases_snapshot_changelist"))

    assert releases.status_code == 200 and "2026.3" in releases.content.decode()
    assert snapshots.status_code == 200 and "pillar=coordination" in snapshots.content.decode()
    for query in [*release_queries.captured_queries, *snapshot_queries.captured_queries]:
        assert "changelog" not in query["sql"]
