"""The journeys practitioners, researchers, curators and keyboard users make, in Chromium."""

import csv
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cases.choices import Region
from cases.models import Actor, Case, Country

pytestmark = pytest.mark.browser


def facet_option(page, label):
    """A filter checkbox, named by its label and its count ("Trust 4 cases")."""
    return page.get_by_role(
        "checkbox", name=re.compile(rf"^{label} \d+ cases?$"), include_hidden=True
    )


def card_slugs(page):
    hrefs = page.locator(".case-card__title a").evaluate_all("links => links.map(a => a.pathname)")
    return [href.strip("/").split("/")[-1] for href in hrefs]


def test_a_practitioner_filters_opens_a_case_and_comes_back_to_the_same_filters(page, site):
    page.goto(f"{site}/cases/")
    facet_option(page, "Trust").check()
    expect(page).to_have_url(re.compile(r"pillar=trust"))
    page.locator("summary", has_text="Country").click()
    facet_option(page, "India").check()
    expect(page).to_have_url(re.compile(r"pillar=trust.*country=IN|country=IN.*pillar=trust"))
    expect(page.locator(".results__count")).to_have_text(re.compile(r"^\d+ cases?$"))
    on_screen = card_slugs(page)
    expected = Case.objects.published().filter(pillars__slug="trust", countries__code="IN")
    assert sorted(on_screen) == sorted(expected.values_list("slug", flat=True))

    page.locator(".case-card__title a").first.click()
    expect(page.locator("h1")).not_to_have_text("Case studies")
    page.go_back()

    expect(page).to_have_url(re.compile(r"country=IN"))
    expect(facet_option(page, "Trust")).to_be_checked()
    expect(facet_option(page, "India")).to_be_checked()
    assert card_slugs(page) == on_screen

    # Back again steps to the filters before the country was ticked (history.pushState).
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"country="))
    expect(facet_option(page, "India")).not_to_be_checked()


def test_a_researcher_downloads_exactly_the_cases_on_screen(page, site):
    page.goto(f"{site}/cases/?region=south-asia&sort=title")
    facet_option(page, "Capacity").check()
    expect(page).to_have_url(re.compile(r"pillar=capacity"))
    on_screen = card_slugs(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.DictReader(exported))

    assert on_screen
    assert [row["slug"] for row in rows] == on_screen
    assert download.suggested_filename.startswith("nlc-cases_pillar-capacity_region-south-asia")


def pick_autocomplete(page, field, text):
    """Choose an option in one of the admin's select2 autocomplete boxes, as a person does."""
    page.locator(f"{field} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_a_curator_adds_a_case_publishes_it_and_finds_it_in_the_list_and_on_the_map(page, site):
    get_user_model().objects.create_superuser("curator", "curator@example.org", "a-long-passphrase")
    Country.objects.create(code="KE", name="Kenya", region=Region.EAST_SOUTHERN_AFRICA)
    first, second = Actor.objects.order_by("name")[:2]

    page.goto(f"{site}/admin/login/?next=/admin/cases/case/add/")
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Log in").click()

    page.locator("#id_title_en").fill("Kenya county peace forums")  # the English tab
    pick_autocomplete(page, "#id_countries", "Kenya")
    page.get_by_label("Trust").check()
    page.get_by_label("Start year").fill("2023")
    page.get_by_label("Summary (English)").fill(
        "County forums linking the national strategy with residents."
    )
    pick_autocomplete(page, "#id_case_actors-0-actor", first.name)
    page.locator("#id_case_actors-0-role").fill("convenes the forums")
    page.get_by_text(re.compile("Add another actor in case", re.I)).click()
    pick_autocomplete(page, "#id_case_actors-1-actor", second.name)
    page.locator("#id_sources-0-title").fill("County forum report")
    page.locator("#id_sources-0-publisher").fill("County government")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    case = Case.objects.get(title="Kenya county peace forums")
    assert case.status == Case.Status.DRAFT
    assert case.case_actors.count() == 2 and case.sources.count() == 1
    page.locator(f'input[name="_selected_action"][value="{case.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish")
    page.locator("button[name=index]").click()  # "Go"
    expect(page.locator(".messagelist")).to_contain_text("Published 1 case")

    page.goto(f"{site}/cases/?q=Kenya")
    expect(page.locator(".case-card__title")).to_have_text(["Kenya county peace forums"])
    page.goto(f"{site}/overview/")
    kenya = page.locator('.world-map a[href="/countries/KE/"]')
    expect(kenya).to_have_attribute("aria-label", "Kenya: 1 case")
    kenya.click()
    expect(page.locator("h1")).to_have_text("Kenya")


def test_a_keyboard_user_reaches_every_filter_and_every_result(page, site):
    page.goto(f"{site}/cases/")
    wanted = set(
        page.locator(".filters input, .filters select, .filters button, #id_q").evaluate_all(
            # A radio group is one Tab stop; the arrow keys move within it.
            "els => els.map(e => e.type === 'radio' ? e.name : e.name + '=' + e.value)"
        )
    )
    wanted |= set(page.locator(".case-card__title a").evaluate_all("els => els.map(a => a.href)"))
    reached = set()
    for _press in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (e.tagName === 'SUMMARY' && !e.parentElement.open) return {summary: true};
              const key = e.tagName === 'A' ? e.href
                : e.type === 'radio' ? e.name : e.name + '=' + e.value;
              return {key: key,
                      footer: !!e.closest('.site-footer')};
            }"""
        )
        if focused.get("summary"):
            page.keyboard.press("Enter")  # a closed group of filters opens from the keyboard
            continue
        reached.add(focused["key"])
        if wanted <= reached:
            break
    assert not wanted - reached, f"never reached by Tab: {sorted(wanted - reached)[:5]}"
    # Focus is visible: the focused control gets the focus outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_without_javascript_the_plain_form_still_filters(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/cases/")
    facet_option(page, "Trust").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"pillar=trust"))
    expected = Case.objects.published().filter(pillars__slug="trust")
    assert sorted(card_slugs(page)) == sorted(expected.values_list("slug", flat=True))
    context.close()


def test_the_overview_pictures_follow_the_filters_as_they_change(page, site):
    page.goto(f"{site}/overview/")
    page.locator("summary", has_text="Region").click()
    page.get_by_role("checkbox", name=re.compile(r"^Europe \d+ cases?$")).check()

    expect(page).to_have_url(re.compile(r"/overview/\?region=europe$"))
    europe = Case.objects.published().filter(countries__region="europe").distinct().count()
    expect(page.locator(".results__count")).to_have_text(f"{europe} case{'s' * (europe != 1)}")
    # The pillar-by-level cells now count within Europe and keep the region in their links.
    cell = page.locator("#by-level-title ~ .table-scroll td a").first
    expect(cell).to_have_attribute("href", re.compile(r"region=europe"))
    expect(page.locator(".world-map a")).to_have_count(
        Case.objects.published()
        .filter(countries__region="europe")
        .values("countries")
        .distinct()
        .count()
    )
