"""A researcher freezes a filtered list and takes its CSV; releases and the data pages pass axe."""

import csv
import re

import pytest
from django.http import QueryDict
from playwright.sync_api import expect

from cases.listing.filters import CaseFilter
from releases.models import Snapshot
from releases.services.release import release_create
from releases.services.snapshot import snapshot_create

from .conftest import serious_violations

pytestmark = pytest.mark.browser

FILTERS = "pillar=trust&sort=title"


@pytest.fixture
def data_site(site, settings, tmp_path):
    """The seeded live server, with release files kept in the test's own folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "releases")},
        },
    }
    return site


def filtered_slugs(query):
    return list(CaseFilter.published(QueryDict(query)).qs.values_list("slug", flat=True))


def test_a_researcher_freezes_a_filtered_list_without_javascript_and_downloads_its_csv(
    browser, browser_context_args, data_site
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{data_site}/cases/?{FILTERS}")
    expected = filtered_slugs(FILTERS)
    assert len(expected) > 1

    page.get_by_role("button", name="Freeze this list").click()

    expect(page).to_have_url(re.compile(r"/data/snapshots/[a-z2-9]{10}/$"))
    snapshot = Snapshot.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(snapshot.id)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="csv", exact=True).click()
    with open(download_info.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert [row["slug"] for row in rows] == expected
    context.close()


def test_a_researcher_finds_a_release_reads_its_changes_and_downloads_its_csv(page, data_site):
    release = release_create(name="2026.1", notes="The **seed** cases.", site_url=data_site)

    page.goto(f"{data_site}/data/")
    page.get_by_role("link", name="Release 2026.1").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Release 2026.1")
    page.get_by_role("link", name="All releases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data releases")
    page.get_by_role("link", name="2026.1", exact=True).click()

    expect(page.get_by_role("heading", name=f"Added ({release.case_count})")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="nlc-cases-2026.1.csv").click()
    with open(download_info.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert [row["slug"] for row in rows] == filtered_slugs("")


@pytest.mark.parametrize("prefix", ["", "/fr", "/ar"])
def test_the_data_release_and_snapshot_pages_pass_axe_in_every_language(page, data_site, prefix):
    release_create(name="2026.1", site_url=data_site)
    snapshot = snapshot_create(
        case_filter=CaseFilter.published(QueryDict(FILTERS)),
        permalink_prefix=f"{data_site}/cases/",
    )
    problems = []
    for name, path in (
        ("data", "/data/"),
        ("releases", "/data/releases/"),
        ("release", "/data/releases/2026.1/"),
        ("snapshot", f"/data/snapshots/{snapshot.id}/"),
    ):
        page.goto(data_site + prefix + path)
        expect(page.locator("html")).to_have_attribute("lang", prefix.strip("/") or "en")
        problems += [f"{prefix or '/en'} {name}: {problem}" for problem in serious_violations(page)]
    assert not problems, "\n".join(problems)
