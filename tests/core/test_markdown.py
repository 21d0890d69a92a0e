"""Curators write markdown; the public only ever sees sanitised HTML."""

from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString

from core.markdown import render_markdown
from tests.factories import ActorFactory, CaseFactory


def test_emphasis_and_strong_text_are_rendered():
    html = render_markdown("Mayors *lead* and **cities** act.")

    assert html == "<p>Mayors <em>lead</em> and <strong>cities</strong> act.</p>"
    assert isinstance(html, SafeString)


def test_bulleted_and_numbered_lists_are_rendered():
    html = render_markdown("- local government;\n- civil society.\n\n1. Map\n2. Convene\n")

    assert "<ul>\n<li>local government;</li>\n<li>civil society.</li>\n</ul>" in html
    assert "<ol>\n<li>Map</li>\n<li>Convene</li>\n</ol>" in html


def test_headings_are_rendered_below_the_page_title():
    html = render_markdown("### The plan\n\nIts 43 measures.")

    assert "<h3>The plan</h3>" in html
    assert "<p>Its 43 measures.</p>" in html


def test_links_keep_their_address_and_get_a_safe_rel():
    html = render_markdown("Read [the update](https://strongcitiesnetwork.org/update).")

    assert 'href="https://strongcitiesnetwork.org/update"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert ">the update</a>" in html


def test_mailto_links_are_kept():
    html = render_markdown("[Write to us](mailto:info@example.org)")

    assert 'href="mailto:info@example.org"' in html


def test_empty_or_missing_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        pytest.param("Hi <script>alert('x')</script> there", ["<script", "alert("], id="script"),
        pytest.param('<p onclick="alert(1)">Click</p>', ["onclick", "alert(1)"], id="onclick"),
        pytest.param(
            '<a href="https://example.org" onmouseover="alert(1)">x</a>',
            ["onmouseover", "alert(1)"],
            id="onmouseover",
        ),
        pytest.param("<img src=x onerror=alert(1)>", ["<img", "onerror", "alert(1)"], id="img"),
        pytest.param(
            '<img src="x" onerror="alert(document.cookie)">',
            ["<img", "onerror", "document.cookie"],
            id="img-quoted",
        ),
        pytest.param("[click](javascript:alert(1))", ["javascript:"], id="md-javascript-link"),
        pytest.param(
            '<a href="javascript:alert(1)">click</a>', ["javascript:"], id="html-javascript-link"
        ),
        pytest.param(
            '<a href="JaVaScRiPt:alert(1)">click</a>', ["javascript:"], id="mixed-case-javascript"
        ),
        pytest.param(
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            ["data:", "base64"],
            id="md-data-link",
        ),
        pytest.param(
            '<a href="data:text/html,<script>alert(1)</script>">x</a>',
            ["data:", "<script"],
            id="html-data-link",
        ),
        pytest.param(
            '<iframe src="https://evil.example/"></iframe>',
            ["<iframe", "evil.example"],
            id="iframe",
        ),
        pytest.param(
            '<svg onload="alert(1)"><circle r="1"/></svg>', ["<svg", "onload", "alert(1)"], id="svg"
        ),
        pytest.param("<style>body{display:none}</style>", ["<style", "display:none"], id="style"),
        pytest.param(
            '<form action="https://evil.example"><input name="p"></form>',
            ["<form", "<input"],
            id="form",
        ),
        pytest.param('<object data="evil.swf"></object>', ["<object", "evil.swf"], id="object"),
    ],
)
def test_dangerous_markup_is_stripped(markdown, forbidden):
    html = render_markdown(f"Before.\n\n{markdown}\n\nAfter.").lower()

    for fragment in forbidden:
        assert fragment.lower() not in html, fragment
    # The safe text around the attack survives.
    assert "before." in html
    assert "after." in html


def test_a_link_with_a_javascript_url_keeps_its_text_but_loses_the_address():
    html = render_markdown("[click me](javascript:alert(1))")

    assert "click me" in html
    assert "javascript" not in html.lower()


XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and self.is_the_sites_own(attributes):
            return
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    @staticmethod
    def is_the_sites_own(attributes):
        """JSON-LD data blocks and the site's own static scripts are not user content."""
        own_file = (attributes.get("src") or "").startswith("/static/")
        return attributes.get("type") == "application/ld+json" or own_file


def active_content(content):
    """Script elements, images, event-handler attributes and script URLs in a page."""
    parser = ElementCollector()
    parser.feed(content)
    found = [tag for tag in parser.tags if tag in {"script", "img", "iframe", "svg"}]
    found += [name for name, _value in parser.attributes if name.startswith("on")]
    found += [
        value
        for name, value in parser.attributes
        if name in {"href", "src"} and value.strip().lower().startswith(("javascript:", "data:"))
    ]
    return found


def test_an_xss_payload_in_a_case_never_reaches_the_case_page_unescaped(client, db):
    actor = ActorFactory(name=f"Evil actor {XSS}", slug="evil-actor")
    case = CaseFactory(
        title="Case with hostile text",
        slug="hostile",
        summary=f"Summary {XSS}",
        body=f"Body text.\n\n{XSS}\n\n[link](javascript:alert(2))",
        takeaways=[f"Takeaway {XSS}"],
        actors=[(actor, f"role {XSS}")],
    )

    response = client.get(case.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert active_content(content) == []
    assert "javascript:" not in content
    # Plain-text fields are shown, escaped, rather than dropped.
    assert "Takeaway &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in content
    assert "Evil actor &lt;script&gt;" in content
    assert "Summary &lt;script&gt;" in content
    assert "role &lt;script&gt;" in content
    assert "Body text." in content


def test_an_xss_payload_in_a_case_title_is_escaped_on_list_pages(client, db):
    CaseFactory(title=f"Title {XSS}", slug="hostile-title", summary=f"Summary {XSS}")

    for url in ("/", "/cases/", "/countries/UG/", "/pillars/trust/"):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert active_content(content) == [], url
        assert "Title &lt;script&gt;" in content, url
