import pytest

from cases.models import Case


@pytest.fixture
def slugs(catalogue):
    return {key: case.slug for key, case in catalogue.items()}


def columns(response):
    page = response.content.decode()
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0] if "<thead>" in page else ""
    return [case.title for case in Case.objects.all() if f">{case.title}</a><br>" in head]


def test_three_cases_side_by_side_one_row_per_field(client, slugs):
    url = f"/compare/?cases={slugs['uganda']},{slugs['finland']},{slugs['mumbai']}"
    response = client.get(url)
    page = response.content.decode()

    assert response.status_code == 200
    for row in ("Countries", "Period", "Pillars", "Takeaways", "Sources"):
        assert f'<th scope="row">{row}</th>' in page
    assert '<th scope="row">Local actors</th>' in page
    assert '<th scope="row">Community actors</th>' in page
    assert "October 2022 – October 2024" in page
    assert "Not dated" in page  # Mumbai


def test_the_chooser_address_is_turned_into_a_short_shareable_one(client, slugs):
    response = client.get(f"/compare/?cases={slugs['uganda']}&cases={slugs['malawi']}&cases=")

    assert response.status_code == 302
    assert response["Location"] == f"/compare/?cases={slugs['uganda']},{slugs['malawi']}"


def test_more_than_three_cases_shows_the_first_three_and_says_why(client, slugs):
    order = ["uganda", "malawi", "finland", "mumbai"]
    response = client.get("/compare/?cases=" + ",".join(slugs[key] for key in order))
    page = response.content.decode()

    assert response.status_code == 400
    assert "At most 3 cases can be compared" in page
    assert "Mumbai neighbourhood committees</a><br>" not in page
    assert "Finland action plan</a><br>" in page


@pytest.mark.parametrize(
    "value", ["no-such-case", "unpublished-draft-about-trust", "bad%00slug", "x" * 5000, "'; --"]
)
def test_unknown_draft_or_malformed_cases_get_a_clear_message_not_a_500(client, slugs, value):
    response = client.get(f"/compare/?cases={slugs['uganda']},{value}")
    page = response.content.decode()

    assert response.status_code == 400
    assert "is not a published case in the catalogue" in page
    assert "Uganda taskforce on the national strategy</a><br>" in page
    assert "Unpublished draft about trust</a><br>" not in page


def test_an_empty_comparison_explains_how_to_choose(client, slugs):
    for url in ("/compare/", "/compare/?cases=", "/compare/?cases=,,"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Choose two or three cases to see them side by side" in response.content.decode()


def test_the_case_list_and_case_page_offer_to_compare(client, slugs):
    listing = client.get("/cases/").content.decode()
    detail = client.get(f"/cases/{slugs['uganda']}/").content.decode()

    assert (
        f'<input type="checkbox" name="cases" value="{slugs["uganda"]}" form="compare-form">'
        in listing
    )
    assert '<form id="compare-form" method="get" action="/compare/"></form>' in listing
    assert f'href="/compare/?cases={slugs["uganda"]}">Compare this case with others' in detail


def test_the_comparison_costs_a_fixed_number_of_queries(
    client, slugs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        client.get(f"/compare/?cases={slugs['uganda']},{slugs['victoria']},{slugs['malawi']}")


def test_a_large_catalogue_sends_people_to_the_list_to_choose(client, slugs, monkeypatch):
    monkeypatch.setattr("cases.views.explore.MAX_CHOOSER_OPTIONS", 3)
    page = client.get("/compare/").content.decode()

    assert '<select id="compare-1"' not in page
    assert "tick up to three and press “Compare ticked cases”" in page
