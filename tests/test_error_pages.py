import pytest
from django.template.loader import render_to_string


def test_a_missing_page_gets_the_site_design_and_a_way_on(client, db):
    response = client.get("/no-such-page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert 'class="site-header"' in page
    assert "<h1>Page not found</h1>" in page
    assert 'action="/cases/"' in page


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("500.html", "<h1>Something went wrong</h1>"),
        ("503.html", "<h1>The catalogue is briefly unavailable</h1>"),
    ],
)
def test_the_failure_pages_share_the_site_design_without_a_request(template, heading):
    # Rendered without a request or database, as ops.views.server_error does.
    page = render_to_string(template)
    base = render_to_string("base.html")

    assert heading in page
    assert 'href="/static/css/site.css"' in page
    # The same header and footer as every other page: both extend base.html.
    for landmark in ('<header class="site-header">', '<footer class="site-footer">'):
        assert page.split(landmark)[1][:400] == base.split(landmark)[1][:400]
