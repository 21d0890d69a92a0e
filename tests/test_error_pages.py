from django.template.loader import render_to_string


def test_a_missing_page_gets_the_site_design_and_a_way_on(client, db):
    response = client.get("/no-such-page/")
    page = response.content.decode()

    assert response.status_code == 404
    assert 'class="site-header"' in page
    assert "<h1>Page not found</h1>" in page
    assert 'action="/cases/"' in page


def test_the_server_error_page_stands_alone_in_the_site_design():
    # Rendered without a request or database, as Django does when something has failed.
    page = render_to_string("500.html")

    assert 'class="site-header"' in page
    assert "<h1>Something went wrong</h1>" in page
    assert 'href="/static/css/site.css"' in page
