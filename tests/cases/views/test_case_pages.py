"""A practitioner reads a case, browses by country and lands on the home page."""

import html
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from cases.choices import ActorKind, Level, Region
from cases.models import Actor, Case, Country, Source
from tests.factories import ActorFactory, CaseFactory, CountryFactory

CARD_TITLE = re.compile(r'class="case-card__title"><a href="[^"]+">([^<]+)</a>')

# Measured: a first visit to a case page runs 15 queries: 5 for the case and its countries,
# pillars, actors and sources, 2 reading the catalogue version (once for the case, once for its
# related cases), and 8 for the related cases: the curators' pins and hides, three bounded
# queries for candidates, their cards (3) and their actors' levels.
# A repeat visit takes the case and the related cards from the cache: only the 2 version reads.
# Both are the same with 1 or 12 actors, sources, pillars and related cases.
CASE_DETAIL_QUERIES = 15
CASE_DETAIL_REPEAT_QUERIES = 2
# Measured: 7 queries for a first visit to a country page (one reads the catalogue version, one
# lists the bodies its cases name; the national framework comes with the country), however
# many cases it lists.
COUNTRY_PAGE_QUERIES = 7
# Measured: 16 queries for the home page on an empty cache, ten of them building the bitset
# index that counts the facets and the cases (cases/listing/bitsets.py), however many cases and
# countries there are; on PostgreSQL one more reads the change log's position (its snapshot),
# which SQLite skips inside the test's transaction.
HOME_QUERIES = 17


def card_titles(response):
    """The titles of the case cards a person sees, in order."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def text(response):
    """The page as a person reads it: no tags, entities decoded, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    words = " ".join(html.unescape(without_tags).split())
    return re.sub(r" ([,.:;)])", r"\1", words)


@pytest.fixture
def uganda_case(pillars, countries):
    nansana = ActorFactory(
        name="Nansana Municipality", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )
    nctc = ActorFactory(
        name="National Counter Terrorism Centre",
        level=Level.NATIONAL,
        kind=ActorKind.NATIONAL_AGENCY,
    )
    network = ActorFactory(
        name="Strong Cities Network", level=Level.INTERNATIONAL, kind=ActorKind.NETWORK
    )
    youth = ActorFactory(
        name="Ugandan youth leaders", level=Level.COMMUNITY, kind=ActorKind.COMMUNITY_BODY
    )
    case = CaseFactory(
        title="Uganda: cities in the national strategy",
        slug="uganda-cities",
        summary="Municipalities gain a defined part in the national strategy.",
        body=(
            "### The taskforce\n\n"
            "Chaired by **Regina Bakitte**, Mayor of Nansana.\n\n"
            "- local government;\n- civil society."
        ),
        takeaways=["Research can turn evidence into a commitment.", "A taskforce keeps it moving."],
        start_year=2022,
        start_month=10,
        end_year=2024,
        end_month=10,
        pillars=[pillars["inclusivity"], pillars["coordination"]],
        countries=[countries["UG"]],
        actors=[
            (youth, "members of the taskforce"),
            (nansana, "its mayor chairs the taskforce"),
            (nctc, "reviews the strategy"),
            (network, "convened the April 2023 meeting"),
        ],
    )
    Source.objects.create(
        case=case,
        title="National-Local Cooperation: A Practice Update",
        publisher="Strong Cities Network",
        url="https://strongcitiesnetwork.org/resource/nlc-practice-update/",
        published=date(2024, 11, 27),
    )
    Source.objects.create(case=case, title="Programme page", order=1)
    return case


# The case page


def test_case_page_shows_the_rendered_body_and_the_summary(client, uganda_case):
    response = client.get("/cases/uganda-cities/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Uganda: cities in the national strategy</h1>" in content
    assert "Municipalities gain a defined part in the national strategy." in content
    assert "<h3>The taskforce</h3>" in content
    assert "<strong>Regina Bakitte</strong>" in content
    assert "<li>local government;</li>" in content
    assert "**Regina" not in content


def test_case_page_shows_pillars_countries_and_period(client, uganda_case):
    response = client.get("/cases/uganda-cities/")

    content = response.content.decode()
    assert '<a class="tag" href="/pillars/inclusivity/">Inclusivity</a>' in content
    assert '<a class="tag" href="/pillars/coordination/">Coordination</a>' in content
    assert '<a class="tag" href="/pillars/trust/">' not in content
    assert '<a href="/countries/UG/">Uganda</a>' in content
    assert "Period October 2022 – October 2024" in text(response)


def test_case_page_groups_actors_by_level_with_their_roles(client, uganda_case):
    response = client.get("/cases/uganda-cities/")

    page = text(response)
    who = page[page.index("Who took part, by level") : page.index("Sources")]
    assert who == (
        "Who took part, by level "
        "International Strong Cities Network (Network): convened the April 2023 meeting "
        "National National Counter Terrorism Centre (National ministry or agency): "
        "reviews the strategy "
        "Local Nansana Municipality (Local government): its mayor chairs the taskforce "
        "Community Ugandan youth leaders (Community body): members of the taskforce "
    )


def test_case_page_lists_takeaways_and_sources_with_links(client, uganda_case):
    response = client.get("/cases/uganda-cities/")

    content = response.content.decode()
    assert "<li>Research can turn evidence into a commitment.</li>" in content
    assert "<li>A taskforce keeps it moving.</li>" in content
    assert (
        '<a href="https://strongcitiesnetwork.org/resource/nlc-practice-update/" '
        'rel="noopener noreferrer">National-Local Cooperation: A Practice Update</a>'
    ) in content
    assert "(Strong Cities Network, 27 November 2024)" in content
    assert "<cite>Programme page</cite>" in content


def test_case_page_without_takeaways_or_period_leaves_those_parts_out(client, db):
    CaseFactory(slug="undated", takeaways=[], start_year=None, start_month=None)

    response = client.get("/cases/undated/")

    assert response.status_code == 200
    assert "Takeaways for NLC" not in response.content.decode()
    assert "Period" not in text(response)


def test_case_page_suggests_published_cases_sharing_a_pillar_country_or_region(
    client, uganda_case, pillars, countries
):
    CaseFactory(
        title="India shares nothing", pillars=[pillars["trust"]], countries=[countries["IN"]]
    )
    CaseFactory(
        title="Malawi shares the country region only",
        pillars=[pillars["trust"]],
        countries=[countries["MW"]],
    )
    CaseFactory(
        title="Finland shares a pillar",
        pillars=[pillars["coordination"]],
        countries=[countries["FI"]],
    )
    CaseFactory(
        title="Another Ugandan case", pillars=[pillars["trust"]], countries=[countries["UG"]]
    )
    CaseFactory(
        title="Draft sharing everything",
        status=Case.Status.DRAFT,
        pillars=[pillars["inclusivity"], pillars["coordination"]],
        countries=[countries["UG"]],
    )

    response = client.get("/cases/uganda-cities/")

    content = response.content.decode()
    related = content[content.index('id="related-title"') :]
    assert set(CARD_TITLE.findall(related)) == {
        "Finland shares a pillar",
        "Another Ugandan case",
        "Malawi shares the country region only",
    }


def test_related_cases_sharing_most_pillars_and_countries_come_first(client, pillars, countries):
    CaseFactory(
        title="Subject",
        slug="subject",
        pillars=[pillars["trust"], pillars["capacity"]],
        countries=[countries["IN"]],
    )
    # Shares one pillar; its three other countries share nothing.
    CaseFactory(
        title="A shares one pillar",
        pillars=[pillars["trust"]],
        countries=[countries["FI"], countries["MW"], countries["UG"], countries["CA"]],
    )
    CaseFactory(
        title="B shares two pillars and the country",
        pillars=[pillars["trust"], pillars["capacity"]],
        countries=[countries["IN"]],
    )
    CaseFactory(
        title="C shares a pillar and the country",
        pillars=[pillars["capacity"]],
        countries=[countries["IN"]],
    )

    response = client.get("/cases/subject/")

    content = response.content.decode()
    related = content[content.index('id="related-title"') :]
    assert CARD_TITLE.findall(related) == [
        "B shares two pillars and the country",
        "C shares a pillar and the country",
        "A shares one pillar",
    ]


def test_related_cases_follow_changes_to_the_catalogue_at_once(client, pillars, countries):
    """The related cards are cached, but a new, renamed or unpublished case shows straight away."""
    CaseFactory(slug="subject", pillars=[pillars["trust"]], countries=[countries["UG"]])
    neighbour = CaseFactory(
        title="Ugandan neighbour", pillars=[pillars["trust"]], countries=[countries["UG"]]
    )
    assert card_titles(client.get("/cases/subject/")) == ["Ugandan neighbour"]

    CaseFactory(
        title="A newly published neighbour",
        pillars=[pillars["trust"]],
        countries=[countries["UG"]],
    )
    neighbour.title = "Ugandan neighbour, renamed"
    neighbour.save()
    assert card_titles(client.get("/cases/subject/")) == [
        "A newly published neighbour",
        "Ugandan neighbour, renamed",
    ]

    Case.objects.filter(pk=neighbour.pk).update(status=Case.Status.DRAFT)
    assert card_titles(client.get("/cases/subject/")) == ["A newly published neighbour"]


def test_case_page_without_related_cases_has_no_related_section(client, db):
    CaseFactory(slug="alone")

    response = client.get("/cases/alone/")

    assert response.status_code == 200
    assert "Related cases" not in response.content.decode()


def test_a_draft_case_page_is_not_found(client, db):
    CaseFactory(slug="draft-case", status=Case.Status.DRAFT)

    response = client.get("/cases/draft-case/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_unknown_case_slug_is_not_found(client, db):
    response = client.get("/cases/no-such-case/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.parametrize("size", [1, 12])
def test_case_page_runs_a_fixed_number_of_queries(
    client, pillars, countries, size, django_assert_max_num_queries
):
    pillar_list = list(pillars.values())
    actors = [
        ActorFactory(name=f"Actor {index:02d}", level=list(Level.values)[index % 5])
        for index in range(size)
    ]
    case = CaseFactory(
        slug="subject",
        pillars=pillar_list[: min(size, 6)],
        countries=[countries["UG"]],
        actors=[(actor, f"role {index}") for index, actor in enumerate(actors)],
        sources=[f"Source {index}" for index in range(size)],
    )
    for index in range(size):
        CaseFactory(
            title=f"Related {index:02d}",
            pillars=[pillar_list[index % 6]],
            countries=[countries["UG"]],
        )

    with django_assert_max_num_queries(CASE_DETAIL_QUERIES):
        first = client.get(case.get_absolute_url())
    with django_assert_max_num_queries(CASE_DETAIL_REPEAT_QUERIES):
        response = client.get(case.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count("<cite>Source ") == size
    assert f"Actor {size - 1:02d}" in response.content.decode()
    assert card_titles(response) == card_titles(first)
    assert len(card_titles(response)) == min(size, 4)


# Countries


def test_country_list_shows_countries_with_published_cases_and_their_counts(
    client, pillars, countries
):
    CaseFactory(countries=[countries["UG"]])
    CaseFactory(countries=[countries["UG"]])
    CaseFactory(countries=[countries["CA"], countries["US"]])
    CaseFactory(countries=[countries["FI"]], status=Case.Status.DRAFT)

    response = client.get("/countries/")

    assert response.status_code == 200
    page = text(response)
    assert "Canada 1 case" in page
    assert "Uganda 2 cases" in page
    assert "United States 1 case" in page
    assert "Finland" not in page
    assert "Malawi" not in page
    content = response.content.decode()
    assert '<a href="/countries/UG/">Uganda</a>' in content


def test_country_page_shows_its_region_and_published_cases(client, pillars, countries):
    CaseFactory(title="Uganda taskforce", countries=[countries["UG"]], start_year=2024)
    CaseFactory(title="Uganda mapping", countries=[countries["UG"]], start_year=2022)
    CaseFactory(title="Uganda draft", countries=[countries["UG"]], status=Case.Status.DRAFT)
    CaseFactory(title="Malawi roadmap", countries=[countries["MW"]])

    response = client.get("/countries/UG/")

    assert response.status_code == 200
    page = text(response)
    assert "Uganda (UG) is in the East and Southern Africa region." in page
    assert "2 published cases took place here." in page
    assert card_titles(response) == ["Uganda taskforce", "Uganda mapping"]
    assert '?country=UG"' in response.content.decode()


def test_a_case_spanning_two_countries_shows_on_both_country_pages(client, pillars, countries):
    CaseFactory(title="Victoria conference", countries=[countries["CA"], countries["US"]])

    assert card_titles(client.get("/countries/CA/")) == ["Victoria conference"]
    assert card_titles(client.get("/countries/US/")) == ["Victoria conference"]


def test_a_lowercase_country_code_redirects_permanently_to_the_capitalised_one(client, countries):
    response = client.get("/countries/ug/")

    assert response.status_code == 301
    assert response.url == "/countries/UG/"


@pytest.mark.parametrize("code", ["ZZ", "UGA", "zz"])
def test_an_unknown_country_code_is_not_found(client, countries, code):
    response = client.get(f"/countries/{code}/", follow=True)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_country_without_published_cases_says_so(client, db):
    CountryFactory(code="NL", name="Netherlands", region=Region.EUROPE)

    response = client.get("/countries/NL/")

    assert response.status_code == 200
    assert "No published case yet." in response.content.decode()


def test_a_bad_page_number_on_a_country_page_explains_and_still_lists_cases(
    client, countries, settings
):
    settings.CATALOGUE_PAGE_SIZE = 2
    for index in range(3):
        CaseFactory(
            title=f"Uganda case {index}", countries=[countries["UG"]], start_year=2020 + index
        )

    response = client.get("/countries/UG/?page=abc")

    assert response.status_code == 400
    assert "The page number must be a whole number." in text(response)
    assert card_titles(response) == ["Uganda case 2", "Uganda case 1"]

    response = client.get("/countries/UG/?page=7")

    assert response.status_code == 400
    assert "There is no page 7; this is the last page, 2." in text(response)
    assert card_titles(response) == ["Uganda case 0"]


@pytest.mark.parametrize("size", [2, 25])
def test_country_page_runs_a_fixed_number_of_queries(
    client, pillars, countries, size, django_assert_max_num_queries
):
    pillar_list = list(pillars.values())
    for index in range(size):
        CaseFactory(pillars=pillar_list[: index % 6 + 1], countries=[countries["UG"]])

    with django_assert_max_num_queries(COUNTRY_PAGE_QUERIES):
        first = client.get("/countries/UG/")
    # The count and the page's ids come from the cache the second time.
    with django_assert_max_num_queries(COUNTRY_PAGE_QUERIES - 1):
        response = client.get("/countries/UG/")
    assert card_titles(response) == card_titles(first)

    assert response.status_code == 200
    assert len(card_titles(response)) == min(size, 20)


# The home page


def test_home_page_counts_published_cases_per_pillar(client, pillars, countries):
    CaseFactory(pillars=[pillars["trust"], pillars["capacity"]])
    CaseFactory(pillars=[pillars["trust"]])
    CaseFactory(pillars=[pillars["trust"], pillars["capacity"]], status=Case.Status.DRAFT)

    response = client.get("/")

    assert response.status_code == 200
    page = text(response)
    pillar_section = page[page.index("The six pillars") : page.index("Countries covered")]
    assert pillar_section == (
        "The six pillars Trust 2 cases Inclusivity 0 cases Coordination 0 cases "
        "Communication 0 cases Capacity 1 case Sustainability 0 cases "
    )
    assert "collects 2 published case studies" in page


def test_home_page_lists_the_countries_covered_by_published_cases(client, pillars, countries):
    CaseFactory(countries=[countries["UG"]])
    CaseFactory(countries=[countries["CA"], countries["US"]])
    CaseFactory(countries=[countries["FI"]], status=Case.Status.DRAFT)

    response = client.get("/")

    page = text(response)
    covered = page[page.index("Countries covered") : page.index("Recently added")]
    assert covered == "Countries covered Canada (1) Uganda (1) United States (1) "
    assert '<a href="/countries/UG/">Uganda</a>' in response.content.decode()


def test_home_page_shows_the_most_recently_added_published_cases(client, pillars, countries):
    for index in range(8):
        CaseFactory(title=f"Case added {index}")
    CaseFactory(title="Newest draft", status=Case.Status.DRAFT)

    response = client.get("/")

    assert card_titles(response) == [f"Case added {index}" for index in range(7, 1, -1)]
    assert "Newest draft" not in response.content.decode()


def test_home_page_with_only_drafts_counts_nothing(client, pillars, countries):
    CaseFactory(title="Secret draft", status=Case.Status.DRAFT, pillars=[pillars["trust"]])

    response = client.get("/")

    page = text(response)
    assert "collects 0 published case studies" in page
    assert "Trust 0 cases" in page
    assert "Secret draft" not in page
    assert "No cases yet." in page


@pytest.mark.parametrize("size", [2, 30])
def test_home_page_runs_a_fixed_number_of_queries(
    client, pillars, countries, size, django_assert_max_num_queries
):
    pillar_list = list(pillars.values())
    country_list = list(countries.values())
    for index in range(size):
        CaseFactory(
            pillars=pillar_list[: index % 6 + 1],
            countries=[country_list[index % len(country_list)]],
        )

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert len(card_titles(response)) == min(size, 6)


# Every public page


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")


@pytest.fixture
def catalogue_pages(client, uganda_case, pillars, countries):
    CaseFactory(title="Malawi roadmap", countries=[countries["MW"]], pillars=[pillars["trust"]])
    CaseFactory(title="Draft", slug="draft", status=Case.Status.DRAFT)
    return client


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/cases/", 200),
        ("/cases/?pillar=trust&country=UG", 200),
        ("/cases/?year_min=abc", 400),
        ("/cases/uganda-cities/", 200),
        ("/cases/draft/", 404),
        ("/cases/no-such-case/", 404),
        ("/countries/", 200),
        ("/countries/UG/", 200),
        ("/countries/UG/?page=abc", 400),
        ("/countries/ZZ/", 404),
        ("/pillars/", 200),
        ("/pillars/coordination/", 200),
        ("/pillars/trust/?page=99", 400),
        ("/pillars/nope/", 404),
    ],
)
def test_every_page_is_a_complete_document_with_one_h1_and_a_main_landmark(
    catalogue_pages, url, status
):
    response = catalogue_pages.get(url)

    assert response.status_code == status
    content = response.content.decode()
    assert content.lstrip().lower().startswith("<!doctype html>")
    assert content.rstrip().endswith("</html>")
    structure = PageStructure()
    structure.feed(content)
    assert structure.html_lang == "en"
    for tag in ("html", "head", "title", "body", "header", "nav", "footer"):
        assert structure.tags.count(tag) >= 1, tag
    assert structure.tags.count("h1") == 1
    assert structure.tags.count("main") == 1
    assert re.search(r"<title>[^<]+ · NLC Case Catalogue</title>", content)


def test_a_cached_case_page_shows_every_change_at_once(client, pillars, countries, cache_backend):
    actor = ActorFactory(name="Town hall")
    case = CaseFactory(
        slug="subject",
        body="First **draft**.",
        countries=[countries["UG"]],
        actors=[actor],
        sources=["A report"],
    )
    url = case.get_absolute_url()
    assert "<strong>draft</strong>" in client.get(url).content.decode()

    # Each write goes round the models (a queryset update, as an import or a script does), and
    # the page is visited after each, so each must make the cached copy stale on its own.
    Case.objects.filter(pk=case.pk).update(body="Final *text*.")
    assert "<em>text</em>" in client.get(url).content.decode()
    Source.objects.filter(case=case).update(title="A revised report")
    assert "A revised report" in client.get(url).content.decode()
    Actor.objects.filter(pk=actor.pk).update(name="City council")
    assert "City council" in client.get(url).content.decode()
    Country.objects.filter(code="UG").update(name="Republic of Uganda")
    assert "Republic of Uganda" in client.get(url).content.decode()
