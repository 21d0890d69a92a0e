"""User text never becomes script: hostile payloads in every field, on every public page.

Cases (title, summary, body, takeaways), actors (name, role), sources (title, publisher, URL),
a pillar (name, definition, guidance), a country name and the search box all carry payloads.
"""

import pytest

from cases.models import Source
from tests.factories import ActorFactory, CaseFactory, CountryFactory, PillarFactory

from .html_safety import executable_content
from .public_routes import public_urls

PAYLOADS = [
    '<script>alert("xss-script")</script>',
    '"><script>alert("xss-break-out")</script>',
    "'><img src=x onerror=alert('xss-img')>",
    '<img src="x" onerror="alert(\'xss-img2\')">',
    "<svg onload=alert('xss-svg')>",
    "<svg><script>alert('xss-svg-script')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('xss-svg-link')\"><text>go</text></a></svg>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-math")>',
    "<a href=\"javascript:alert('xss-link')\">click</a>",
    "<a href=\"JaVa&#09;ScRiPt:alert('xss-entity')\">click</a>",
    "[markdown link](javascript:alert('xss-md'))",
    "![markdown image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<details open ontoggle=alert('xss-details')>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "</textarea><script>alert('xss-textarea')</script>",
    "<object data=\"javascript:alert('xss-object')\"></object>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
HOSTILE_URLS = [
    "javascript:alert('xss-source')",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


@pytest.fixture
def hostile_catalogue(pillars, countries):
    """Published cases whose every user-written field holds an XSS payload."""
    cases = []
    hostile_pillar = PillarFactory(
        slug="hostile",
        name=PAYLOADS[0][:80],
        definition=PAYLOADS[4],
        guidance="\n\n".join(PAYLOADS),
    )
    hostile_country = CountryFactory(code="NZ", name=PAYLOADS[2][:100])
    for number, payload in enumerate(PAYLOADS):
        actor = ActorFactory(name=f"{payload} actor {number}"[:200], slug=f"actor-{number}")
        case = CaseFactory(
            title=payload[:200],
            slug=f"hostile-{number}",
            summary=f"Summary {payload}",
            body=f"Body text.\n\n{payload}\n\n* a list item {payload}",
            takeaways=[payload, f"Second {payload}"],
            pillars=[pillars["trust"], hostile_pillar],
            countries=[countries["UG"], hostile_country],
            actors=[(actor, f"role {payload}")],
            start_year=2020,
        )
        Source.objects.create(case=case, title=f"Source {payload}"[:300], publisher=payload[:200])
        cases.append(case)
    for url in HOSTILE_URLS:
        # Written straight to the table, as a careless import might, skipping validation.
        Source.objects.create(case=cases[0], title="Hostile link", url=url)
    return cases


def assert_safe(url, html):
    problems = executable_content(html)
    assert not problems, f"{url} could run injected content: {problems}"
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in html, f"{url} shows {payload!r} unescaped"


@pytest.mark.django_db
def test_payloads_in_every_field_never_run_on_any_public_page(client, hostile_catalogue):
    pages = public_urls(client)
    assert "/cases/hostile-0/" in pages and "/pillars/hostile/" in pages
    assert "/countries/NZ/" in pages
    for url, content in pages.items():
        if content.lstrip().startswith((b"<!doctype", b"<!DOCTYPE", b"<html")):
            assert_safe(url, content.decode())


@pytest.mark.django_db
def test_case_page_shows_payloads_as_text(client, hostile_catalogue):
    case = hostile_catalogue[0]
    html = client.get(case.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;xss-script&quot;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html.lower()
    assert_safe(case.get_absolute_url(), html)


@pytest.mark.django_db
def test_search_terms_are_echoed_as_text(client, pillars, countries):
    for payload in PAYLOADS:
        response = client.get("/cases/", {"q": payload})
        assert response.status_code in (200, 400)
        assert_safe(f"/cases/?q={payload}", response.content.decode())
        assert response.content.decode().count('name="q"') == 1


@pytest.mark.django_db
def test_hostile_source_urls_are_not_links(client, hostile_catalogue):
    html = client.get(hostile_catalogue[0].get_absolute_url()).content.decode()
    # Each source is still listed, as a citation rather than a link.
    assert html.count("<cite>Hostile link</cite>") == len(HOSTILE_URLS)
    # The case itself; its related cards may show other hostile cases' titles, as escaped text
    # (the check below still covers the whole page).
    assert "javascript:" not in html.split('id="related-title"')[0].lower()
    assert not [p for p in executable_content(html) if "script URL" in p]
