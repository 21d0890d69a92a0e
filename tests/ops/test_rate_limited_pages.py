"""A reader over a limit is told so in their language: the site's 429 page for a browser, a
translated sentence for a script or the API, and always when to come back (Retry-After)."""

import pytest
from django.core.cache import cache

from ops.limits import LOCAL
from releases.models import Snapshot
from tests.ops.test_export_limits import server_closes
from tests.test_translated_pages import interface_phrases, visible_text

BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SCRIPT = {"HTTP_ACCEPT": "*/*"}
# The exports' limit message in each language, up to the rule it names.
TOO_MANY = {
    "fr": "Trop de téléchargements depuis votre adresse",
    "ar": "تنزيلات كثيرة جدًا من عنوانك",
}


@pytest.fixture(autouse=True)
def one_download_an_hour(settings):
    cache.clear()
    LOCAL.clear()
    settings.EXPORTS_PER_CLIENT = 1
    settings.EXPORTS_WINDOW_SECONDS = 3600


def over_the_limit(client, path, **headers):
    first = client.get(path, **headers)
    assert first.status_code == 200
    if first.streaming:
        b"".join(first.streaming_content)
        server_closes(first)
    return client.get(path, **headers)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_browser_over_the_download_limit_gets_the_429_page_in_its_language(
    client, catalogue, language
):
    response = over_the_limit(client, f"/{language}/cases/export.csv?pillar=trust", **BROWSER)

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]
    assert f'<html lang="{language}"' in page
    assert TOO_MANY[language] in page and "3600" in page
    left_over = sorted(p for p in interface_phrases(language) if p in visible_text(page))
    assert left_over == []


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_script_over_the_download_limit_gets_one_translated_line(client, catalogue, language):
    response = over_the_limit(client, f"/{language}/cases/export.json", **SCRIPT)

    assert response.status_code == 429
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Retry-After"] == "3600"
    assert response.content.decode().startswith(TOO_MANY[language])


def test_an_english_browser_gets_the_english_page_naming_the_rule(client, catalogue):
    response = over_the_limit(client, "/cases/export.xlsx", **BROWSER)

    page = response.content.decode()
    assert response.status_code == 429 and '<html lang="en"' in page
    assert "Too many downloads from your address: at most 1 downloads in 60 minutes." in page


def test_a_briefing_pack_over_the_limit_gets_the_same_page_in_arabic(client, seeded, settings):
    slug = seeded_case_slug()

    response = over_the_limit(client, f"/ar/cases/{slug}/briefing.pdf", **BROWSER)

    page = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert '<html lang="ar" dir="rtl"' in page and TOO_MANY["ar"] in page


def test_a_frozen_lists_files_share_the_limit_and_its_french_page(client, catalogue, settings):
    settings.EXPORTS_PER_CLIENT = 2
    client.post("/data/snapshots/", {"query": "pillar=trust"})
    snapshot = Snapshot.objects.get()
    client.get("/fr/cases/export.csv")

    response = over_the_limit(client, f"/fr/data/snapshots/{snapshot.id}/export.csv", **BROWSER)

    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert TOO_MANY["fr"] in response.content.decode()
    assert "at most" not in response.content.decode()


@pytest.mark.parametrize(
    ("headers", "query", "expected"),
    [
        (
            {"HTTP_ACCEPT_LANGUAGE": "fr"},
            "",
            "Trop de requêtes : l’API accepte 2/minute par client.",
        ),
        ({}, "?lang=ar", "طلبات كثيرة جدًا: تسمح واجهة البرمجة بـ2/minute لكل عميل."),
        ({}, "", "Too many requests: the API allows 2/minute per client."),
    ],
)
def test_the_api_over_its_limit_answers_json_in_the_clients_language(
    client, catalogue, settings, headers, query, expected
):
    settings.API_ANON_RATE = "2/minute"
    for _request in range(2):
        client.get(f"/api/v1/pillars/{query}", **headers)

    response = client.get(f"/api/v1/pillars/{query}", **headers)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith(expected)


def test_too_many_suggestions_say_when_to_come_back(client, suggestion_form_data, settings):
    settings.SUGGESTIONS_PER_IP = 1
    client.post("/fr/suggest/", suggestion_form_data)

    response = client.post("/fr/suggest/", suggestion_form_data)

    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.SUGGESTIONS_WINDOW_SECONDS)
    assert '<html lang="fr"' in response.content.decode()


def seeded_case_slug():
    from cases.models import Case

    return Case.objects.published().order_by("slug").values_list("slug", flat=True).first()
