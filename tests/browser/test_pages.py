"""Every public page type: an axe-core audit and screenshots at desktop and phone widths."""

from pathlib import Path

import pytest

from cases.models import Actor, Case

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe.min.js"
BLOCKING = {"serious", "critical"}


def public_pages():
    case = Case.objects.published().order_by("title").first()
    others = Case.objects.published().exclude(pk=case.pk).order_by("title")[:2]
    actor = Actor.objects.filter(case_links__case=case).first()
    country = case.countries.first()
    pillar = case.pillars.first()
    return {
        "home": "/",
        "case-list": "/cases/?pillar=trust",
        "case-list-bad-input": "/cases/?pillar=nonsense&year_min=abc",
        "case-detail": case.get_absolute_url(),
        "overview": "/overview/",
        "compare": "/compare/?cases=" + ",".join([case.slug, *(c.slug for c in others)]),
        "actor": actor.get_absolute_url(),
        "pillars": "/pillars/",
        "pillar": pillar.get_absolute_url(),
        "countries": "/countries/",
        "country": country.get_absolute_url(),
        "not-found": "/no-such-page/",
    }


def test_every_public_page_type_passes_axe_and_is_photographed(page, site, artifacts):
    problems = []
    for name, path in public_pages().items():
        for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(site + path)
            page.screenshot(path=artifacts / f"{name}-{width_name}.png", full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{name} ({width_name}): the page is {overflow}px too wide")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        for violation in violations:
            if violation["impact"] in BLOCKING:
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not problems, "\n".join(problems)


def test_the_case_page_prints_without_navigation(page, site, artifacts):
    case = Case.objects.published().order_by("title").first()
    page.goto(site + case.get_absolute_url())
    page.emulate_media(media="print")

    # The main navigation and the language switcher.
    assert all(nav.is_hidden() for nav in page.locator(".site-header nav").all())
    assert page.locator(".related").count() == 0 or page.locator(".related").is_hidden()
    assert page.locator(".case__actions").is_hidden()
    assert page.locator("h1").is_visible()
    page.pdf(path=artifacts / "case-detail-print.pdf")
