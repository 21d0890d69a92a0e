"""A practitioner takes the self-assessment, follows a recommendation and takes a pack away."""

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessment.models import Statement

from .conftest import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def assessment_site(site):
    call_command("load_statements", verbosity=0)
    return site


def answer_everything(page, low_pillar):
    for statement in Statement.objects.asked():
        answer = "Not yet" if statement.pillar.slug == low_pillar else "Developing"
        group = page.get_by_role("group", name=statement.text_en, exact=True)
        group.get_by_label(answer, exact=True).check()


def test_a_practitioner_assesses_opens_a_recommended_case_and_downloads_its_pack(
    page, assessment_site
):
    page.goto(f"{assessment_site}/self-assessment/")
    answer_everything(page, low_pillar="coordination")
    page.get_by_label("Your region (optional)").select_option("east-southern-africa")
    page.get_by_label("The level you work at (optional)").select_option("city")
    page.get_by_role("button", name="See my profile").click()

    expect(page).to_have_url(re.compile(r"/self-assessment/result/\?.*level=city"))
    expect(page.get_by_role("heading", name=re.compile("^Coordination"))).to_be_visible()
    recommended = page.locator(".recommendation .case-card__title a").first
    title = recommended.inner_text()
    recommended.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a briefing pack (PDF)").click()
    path = download_info.value.path()
    content = path.read_bytes()
    assert content.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: install poppler-utils (make system-packages does).")
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True).stdout
    assert " ".join(title.split()) in " ".join(text.decode().split())


@pytest.mark.parametrize("prefix", ["", "/fr", "/ar"])
def test_the_self_assessment_form_and_result_pass_axe_in_every_language(
    page, assessment_site, prefix
):
    statements = Statement.objects.active()
    query = "&".join(f"s{statement.pk}={statement.pk % 4}" for statement in statements)
    problems = []
    for name, path in (
        ("form", f"{prefix}/self-assessment/"),
        ("result", f"{prefix}/self-assessment/result/?{query}&region=mena&level=national"),
        ("errors", f"{prefix}/self-assessment/result/?s1=9"),
    ):
        page.goto(assessment_site + path)
        problems += [f"{prefix or '/en'} {name}: {problem}" for problem in serious_violations(page)]
    assert not problems, "\n".join(problems)
