"""Facet counts beside every filter option, as library catalogues show them."""

from tests.factories import ActorFactory, CaseFactory


def counts(response, facet_name):
    """{option value: count} for one facet of a list page."""
    facet = next(facet for facet in response.context["facets"] if facet.name == facet_name)
    return {option.value: option.count for option in facet.options}


def test_without_filters_each_option_counts_its_published_cases(client, catalogue):
    response = client.get("/cases/")

    # The draft (trust, Uganda) is never counted.
    assert counts(response, "pillar") == {
        "trust": 2,
        "inclusivity": 1,
        "coordination": 3,
        "communication": 1,
        "capacity": 1,
        "sustainability": 0,
    }
    assert counts(response, "country") == {"UG": 1, "MW": 1, "FI": 1, "IN": 1, "CA": 1, "US": 1}
    assert counts(response, "level") == {
        "international": 0,
        "national": 3,
        "regional": 0,
        "local": 2,
        "community": 1,
    }


def test_a_case_with_two_pillars_counts_once_under_each(client, catalogue):
    uganda = counts(client.get("/cases/?country=UG"), "pillar")

    assert uganda["trust"] == 1
    assert uganda["coordination"] == 1


def test_a_case_counts_once_per_option_however_many_links_it_has(client, catalogue):
    response = client.get("/cases/")

    # Victoria has two local actors and two North American countries: still one case each.
    assert counts(response, "region")["north-america"] == 1
    assert counts(response, "kind")["local_government"] == 2


def test_counts_follow_the_other_filters(client, catalogue):
    response = client.get("/cases/?region=east-southern-africa")

    assert counts(response, "pillar") == {
        "trust": 1,
        "inclusivity": 0,
        "coordination": 2,
        "communication": 0,
        "capacity": 0,
        "sustainability": 0,
    }
    assert counts(response, "country") == {"UG": 1, "MW": 1}


def test_a_facet_ignores_its_own_selection_so_other_options_show_what_adding_them_gives(
    client, catalogue
):
    response = client.get("/cases/?pillar=trust")

    pillar_counts = counts(response, "pillar")
    # With "any" matching, ticking coordination too would add its three cases.
    assert pillar_counts["coordination"] == 3
    assert pillar_counts["trust"] == 2
    # The other facets count within the trust cases only.
    assert counts(response, "country") == {"UG": 1, "IN": 1}
    assert counts(response, "region") == {"east-southern-africa": 1, "south-asia": 1}


def test_with_all_pillars_matching_the_pillar_counts_narrow_to_the_results(client, catalogue):
    response = client.get("/cases/?pillar=trust&pillar_match=all")

    assert counts(response, "pillar") == {
        "trust": 2,
        "inclusivity": 1,
        "coordination": 1,
        "communication": 0,
        "capacity": 0,
        "sustainability": 0,
    }


def test_a_chosen_country_without_matches_still_shows_so_it_can_be_unticked(client, catalogue):
    response = client.get("/cases/?country=FI&pillar=capacity")
    facet = next(facet for facet in response.context["facets"] if facet.name == "country")
    finland = next(option for option in facet.options if option.value == "FI")

    assert finland.selected
    assert 'name="country" value="FI" checked' in response.content.decode()


def test_counts_are_shown_beside_the_options(client, catalogue):
    page = client.get("/cases/").content.decode()

    assert '<span class="facet__label">Coordination</span>' in page
    assert '<span class="facet__count" aria-label="3 cases">3</span>' in page


def test_facets_cost_one_query_each_whatever_the_data(
    client, catalogue, pillars, countries, django_assert_max_num_queries
):
    url = "/cases/?pillar=trust&country=UG&region=east-southern-africa&level=local&kind=network"
    # The first visit after a change builds the bitset index (nine queries, whatever the data);
    # then the counts are intersections of its sets, and only labels are read.
    with django_assert_max_num_queries(19) as few:
        client.get(url)
    for number in range(30):
        CaseFactory(
            pillars=[pillars["trust"], pillars["sustainability"]],
            countries=[countries["UG"], countries["MW"]],
            actors=[ActorFactory(), ActorFactory()],
            title=f"More {number}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert counts(response, "pillar")["sustainability"] == 0
    assert counts(client.get("/cases/"), "pillar")["sustainability"] == 30
