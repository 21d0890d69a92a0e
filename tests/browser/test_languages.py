"""Readers in Arabic and French: the same journeys, right to left where it should be."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.models import Case

from .conftest import PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe.min.js"
BLOCKING = {"serious", "critical"}
WIDE = {"width": 1366, "height": 900}


def tick(page, name, value):
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def test_an_arabic_reader_filters_opens_a_case_and_carries_on_in_french(page, site):
    page.goto(f"{site}/ar/cases/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    tick(page, "pillar", "trust")
    expect(page).to_have_url(re.compile(r"pillar=trust"))
    page.locator("summary", has_text="البلد").click()
    tick(page, "country", "IN")
    expect(page).to_have_url(re.compile(r"country=IN"))
    expected = Case.objects.published().filter(pillars__slug="trust", countries__code="IN")
    expect(page.locator(".case-card")).to_have_count(expected.count())

    page.locator(".case-card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/ar/cases/[\w-]+/$"))
    slug = page.url.rstrip("/").split("/")[-1]
    page.get_by_role("navigation", name="اللغة").get_by_role("link", name="Français").click()

    expect(page).to_have_url(f"{site}/fr/cases/{slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    # Back on the Arabic list, French again: the same filters, now in French.
    page.go_back()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/ar/cases/\?.*country=IN"))
    page.get_by_role("navigation", name="اللغة").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/fr/cases/\?(?=.*pillar=trust)(?=.*country=IN)"))
    expect(page.locator('input[name="pillar"][value="trust"]')).to_be_checked()
    expect(page.locator('input[name="country"][value="IN"]')).to_be_checked()
    expect(page.locator(".case-card")).to_have_count(expected.count())
    expect(page.locator("h1")).to_have_text("Études de cas")


@pytest.mark.parametrize(("width_name", "viewport"), [("desktop", WIDE), ("phone", PHONE)])
def test_arabic_pages_read_right_to_left(page, site, artifacts, width_name, viewport):
    page.set_viewport_size(viewport)
    case = Case.objects.published().order_by("title").first()
    for name, path in {
        "home": "/ar/",
        "list": "/ar/cases/",
        "case": case.get_absolute_url(),
    }.items():
        page.goto(
            site + path.replace("/cases/", "/ar/cases/", 1) if name == "case" else site + path
        )
        page.screenshot(path=artifacts / f"ar-{name}-{width_name}.png", full_page=True)
        logo = page.locator(".site-title").bounding_box()
        header = page.locator(".site-header__inner").bounding_box()
        # The title starts the header, so in Arabic it hugs the header's right-hand edge.
        assert logo["x"] + logo["width"] > header["x"] + header["width"] - 40, name
        assert logo["x"] + logo["width"] / 2 > viewport["width"] / 2, name


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_overview_picture_fits_its_column_on_a_desktop(page, site, artifacts, language):
    page.set_viewport_size(WIDE)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{site}{prefix}/overview/")
    page.screenshot(path=artifacts / f"overview-{language}-desktop.png", full_page=True)
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.picture, .picture .table-scroll')]
            .filter(box => box.scrollWidth > box.clientWidth)
            .map(box => box.closest('.picture').querySelector('.picture__title').textContent)"""
    )
    assert overflowing == []
    page.set_viewport_size(PHONE)
    page.goto(f"{site}{prefix}/overview/")
    page.screenshot(path=artifacts / f"overview-{language}-phone.png", full_page=True)
    page_overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page_overflow <= 0  # a picture may scroll inside its box on a phone, not the page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_french_and_arabic_pages_pass_axe(page, site, language):
    case = Case.objects.published().order_by("title").first()
    paths = ["/", "/cases/?pillar=trust", f"/cases/{case.slug}/", "/overview/", "/suggest/"]
    paths += ["/countries/", "/pillars/", "/compare/", "/data/", "/no-such-page/"]
    problems = []
    for path in paths:
        page.goto(f"{site}/{language}{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        for violation in violations:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not problems, "\n".join(problems)
