import re

import pytest

from cases.listing.pictures import legend, shade
from tests.cases.conftest import titles
from tests.factories import CaseFactory

CELL = re.compile(r'<td class="shade-(\d)"><a href="([^"]+)" aria-label="([^"]+)">(\d+)</a>')
MAP_LINK = re.compile(
    r'<a href="/countries/([A-Z]{2})/" aria-label="([^"]+)"><path class="([^"]+)"'
)
BAR = re.compile(r'<a href="([^"]+)" aria-label="(\d{4}): (\d+) cases?"><rect')


def cells(page):
    return [
        (int(shade), url.replace("&amp;", "&"), label, int(count))
        for shade, url, label, count in CELL.findall(page)
    ]


@pytest.fixture
def page(client, catalogue):
    return client.get("/overview/").content.decode()


def test_every_heatmap_cell_links_to_exactly_the_cases_it_counts(client, page):
    found = cells(page)
    assert found, "the overview shows no heatmap cell with cases"
    for _shade, url, label, count in found:
        assert len(titles(client.get(url))) == count, label


def test_the_pillar_by_region_heatmap_counts_published_cases_only(page):
    labels = {label for _shade, _url, label, _count in cells(page)}

    # Uganda (trust, coordination) is published; the draft about trust in Uganda is not.
    assert "Trust, East and Southern Africa: 1 case" in labels
    assert "Coordination, East and Southern Africa: 2 cases" in labels
    assert "Capacity, North America: 1 case" in labels


def test_the_pillar_by_level_heatmap_counts_each_case_once_per_level(page):
    labels = {label for _shade, _url, label, _count in cells(page)}

    # Victoria has two local actors but is one case.
    assert "Capacity, Local: 1 case" in labels
    assert "Coordination, National: 3 cases" in labels


def test_the_pictures_follow_the_current_filters(client, catalogue):
    page = client.get("/overview/?country=FI").content.decode()
    labels = {label for _shade, _url, label, _count in cells(page)}

    assert labels == {
        "Coordination, Europe: 1 case",
        "Communication, Europe: 1 case",
        "Coordination, National: 1 case",
        "Communication, National: 1 case",
    }
    # Every cell keeps the country filter.
    assert all("country=FI" in url for _shade, url, _label, _count in cells(page))


def test_the_map_links_each_country_with_cases_to_its_page(client, page):
    links = {code: label for code, label, _classes in MAP_LINK.findall(page)}

    assert links["UG"] == "Uganda: 1 case"
    assert links["US"] == "United States: 1 case"
    assert "MW" in links and "FI" in links
    assert "FR" not in links  # no case there: drawn, but not a link
    assert client.get("/countries/UG/").status_code == 200


def test_the_map_shades_and_hatches_follow_the_counts(client, pillars, countries):
    for number in range(4):
        CaseFactory(title=f"Uganda {number}", countries=[countries["UG"]])
    CaseFactory(title="Malawi one", countries=[countries["MW"]])
    page = client.get("/overview/").content.decode()
    classes = {code: css for code, _label, css in MAP_LINK.findall(page)}

    assert "map-shade-4" in classes["UG"]
    assert "map-shade-1" in classes["MW"]
    assert '<pattern id="hatch-4"' in page  # not colour alone


def test_a_chosen_country_is_outlined_on_the_map(client, catalogue):
    page = client.get("/overview/?country=UG").content.decode()
    classes = {code: css for code, _label, css in MAP_LINK.findall(page)}

    assert "map-country--selected" in classes["UG"]
    assert "map-country--selected" not in classes["MW"]


def test_the_timeline_counts_a_case_in_each_year_it_reaches(client, page):
    bars = {
        int(year): (int(count), url.replace("&amp;", "&")) for url, year, count in BAR.findall(page)
    }

    # Uganda runs 2022–2024; three more cases start in 2024; Mumbai is undated.
    assert bars[2022][0] == 1
    assert bars[2024][0] == 4
    assert "1 case without a date is not shown." in page
    for count, url in bars.values():
        assert len(titles(client.get(url))) == count


def test_every_picture_has_a_data_table(page):
    assert page.count('<table class="heatmap">') == 2
    assert "<summary>Data table: cases by country</summary>" in page
    assert "<summary>Data table: cases by year</summary>" in page
    assert (
        '<th scope="row"><a href="/countries/UG/">Uganda</a></th>'
        "<td>East and Southern Africa</td><td>1</td>" in page
    )


def test_the_overview_lists_the_filtered_cases_beside_the_pictures(client, catalogue):
    page = client.get("/overview/?pillar=trust").content.decode()

    assert "Uganda taskforce on the national strategy" in page
    assert "Mumbai neighbourhood committees" in page
    assert "Finland action plan" not in page
    assert 'href="/cases/?pillar=trust">Open these cases in the full list' in page


def test_the_overview_with_bad_filters_says_so_and_still_draws(client, catalogue):
    response = client.get("/overview/?pillar=nonsense&year_min=abc")

    assert response.status_code == 400
    page = response.content.decode()
    assert "“nonsense” is not a pillar." in page
    assert '<table class="heatmap">' in page


def test_the_overview_of_an_empty_catalogue_draws_empty_pictures(client, db):
    response = client.get("/overview/")

    assert response.status_code == 200
    assert "No dated case matches these filters." in response.content.decode()


def test_the_overview_runs_a_fixed_number_of_queries(
    client, catalogue, pillars, countries, django_assert_max_num_queries
):
    # A first visit, on an empty cache (building the bitset index takes 10 of them, 11 on
    # PostgreSQL, which reads where the change log stands even inside a test's transaction).
    with django_assert_max_num_queries(23) as few:
        client.get("/overview/?level=local")
    for number in range(20):
        CaseFactory(
            title=f"More {number}",
            countries=[countries["IN"], countries["CA"]],
            pillars=[pillars["trust"], pillars["capacity"]],
            start_year=2000 + number,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/overview/?level=local")


@pytest.mark.parametrize("largest", [1, 2, 3, 4, 5, 7, 10, 41])
def test_the_key_names_the_shade_of_every_possible_count(largest):
    rows = dict(legend(largest))
    for count in range(1, largest + 1):
        label = rows[shade(count, largest)]
        low, _dash, high = label.split()[0].partition("–")
        assert int(low) <= count <= int(high or low), (count, label)
    assert shade(0, largest) == 0 and rows[0] == "no case"
