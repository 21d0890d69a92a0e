"""Every saved search is a feed; search engines find every public page."""

import re
from xml.etree import ElementTree

from django.utils import timezone

from cases.models import Case
from tests.factories import CaseFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entries(response):
    feed = ElementTree.fromstring(response.content)
    return feed, [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_the_feed_lists_newly_published_cases_newest_first(client, catalogue, pillars):
    Case.objects.filter(slug="finland-action-plan").update(
        published_at=timezone.now() + timezone.timedelta(days=1)
    )

    response = client.get("/cases/feed.atom")
    _feed, titles = entries(response)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles[0] == "Finland action plan"
    assert len(titles) == 5
    assert "Unpublished draft about trust" not in titles


def test_a_filtered_feed_honours_the_list_parameters(client, catalogue):
    response = client.get("/cases/feed.atom?pillar=trust&country=UG")
    feed, titles = entries(response)

    assert titles == ["Uganda taskforce on the national strategy"]
    assert "Pillar: Trust" in feed.find(f"{ATOM}title").text
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/cases/feed.atom?pillar=trust&country=UG"


def test_a_feed_with_invalid_filters_is_a_400(client, catalogue):
    response = client.get("/cases/feed.atom?country=ZZ")

    assert response.status_code == 400
    assert "“ZZ” is not a country in the catalogue." in response.content.decode()


def test_the_feed_costs_a_fixed_number_of_queries(
    client, catalogue, pillars, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8) as few:
        client.get("/cases/feed.atom?pillar=trust")
    for number in range(20):
        CaseFactory(title=f"Trust {number}", pillars=[pillars["trust"]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/cases/feed.atom?pillar=trust")


def test_the_sitemap_lists_every_public_page_and_no_draft(client, catalogue):
    response = client.get("/sitemap.xml")
    urls = {
        loc.text.removeprefix("http://testserver")
        for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")
    }

    assert {"/", "/cases/", "/data/", "/pillars/", "/countries/"} <= urls
    assert "/cases/finland-action-plan/" in urls
    assert "/pillars/trust/" in urls
    assert "/countries/UG/" in urls
    assert not any(re.search("unpublished", url) for url in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url
