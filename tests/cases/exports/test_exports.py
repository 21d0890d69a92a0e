"""A researcher downloads exactly the list on screen as CSV or JSON."""

import csv
import io
import json

import pytest
from django.utils import timezone

from cases.exports.formats.csv import CSV_COLUMNS
from tests.cases.conftest import titles
from tests.factories import CaseFactory


def download(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body):
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "pillar=trust&pillar=capacity",
        "pillar=trust&pillar=coordination&pillar_match=all",
        "region=north-america",
        "level=national&sort=title",
        "q=strategy&sort=oldest",
        "year_min=2024&sort=country",
    ],
)
def test_the_csv_lists_exactly_the_cases_of_the_list_in_the_same_order(
    client, catalogue, settings, query
):
    settings.CATALOGUE_PAGE_SIZE = 2
    pages = client.get(f"/cases/?{query}").context["page"].paginator.num_pages
    on_screen = []
    for page in range(1, pages + 1):
        on_screen += titles(client.get(f"/cases/?{query}&page={page}"))

    response, body = download(client, f"/cases/export.csv?{query}")

    assert response.status_code == 200
    assert [row["title"] for row in csv_rows(body)] == on_screen


def test_the_json_lists_exactly_the_cases_of_the_list(client, catalogue):
    on_screen = titles(client.get("/cases/?pillar=coordination"))

    response, body = download(client, "/cases/export.json?pillar=coordination")
    data = json.loads(body)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert [case["title"] for case in data["cases"]] == on_screen
    assert data["meta"]["count"] == 3
    assert data["meta"]["query"] == "pillar=coordination"


def test_the_ndjson_is_the_json_exports_records_one_a_line(client, catalogue):
    _response, whole = download(client, "/cases/export.json?pillar=coordination&sort=title")
    response, body = download(client, "/cases/export.ndjson?pillar=coordination&sort=title")

    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ndjson"')
    lines = body.decode().split("\n")
    assert lines[-1] == ""  # every record ends its line, the last one too
    assert [json.loads(line) for line in lines[:-1]] == json.loads(whole)["cases"]
    assert len(lines[:-1]) == 3


def test_a_csv_row_joins_many_values_and_links_back_to_the_case(client, catalogue):
    _response, body = download(client, "/cases/export.csv?country=CA")
    [row] = csv_rows(body)

    assert list(row) == list(CSV_COLUMNS)
    assert row["title"] == "Victoria cross-city conference"
    assert row["permalink"] == "http://testserver/cases/victoria-cross-city-conference/"
    assert row["countries"] == "Canada; United States"
    assert row["country_codes"] == "CA; US"
    assert row["regions"] == "north-america"
    assert row["period_start"] == "2024-10"
    assert row["period_end"] == ""
    assert row["pillars"] == "Capacity"
    assert row["actors"] == "Nansana Municipality (Local); City of Victoria (Local)"
    assert row["actor_levels"] == "local"
    assert row["takeaways"] == "Cooperation needs a shared plan."
    assert row["licence"] == "CC BY 4.0"


def test_a_json_record_nests_countries_pillars_actors_and_sources(client, pillars, countries):
    from cases.choices import ActorKind, Level
    from tests.factories import ActorFactory

    ministry = ActorFactory(
        name="Ministry of the Interior", level=Level.NATIONAL, kind=ActorKind.NATIONAL_AGENCY
    )
    CaseFactory(
        title="Finland action plan",
        pillars=[pillars["coordination"]],
        countries=[countries["FI"]],
        actors=[(ministry, "announced the plan")],
        sources=["A Practice Update"],
        start_year=2024,
        start_month=7,
    )

    _response, body = download(client, "/cases/export.json")
    [record] = json.loads(body)["cases"]

    assert record["countries"] == [{"code": "FI", "name": "Finland", "region": "europe"}]
    assert record["pillars"] == [{"slug": "coordination", "name": "Coordination"}]
    assert record["actors"] == [
        {
            "slug": "ministry-of-the-interior",
            "name": "Ministry of the Interior",
            "kind": "national_agency",
            "level": "national",
            "role": "announced the plan",
        }
    ]
    assert record["sources"] == [
        {
            "title": "A Practice Update",
            "publisher": "Strong Cities Network",
            "url": "",
            "published": None,
        }
    ]
    assert record["period"] == {
        "start_year": 2024,
        "start_month": 7,
        "end_year": None,
        "end_month": None,
    }


def test_exports_contain_every_matching_case_not_just_one_page(client, catalogue, settings):
    settings.CATALOGUE_PAGE_SIZE = 2

    _response, body = download(client, "/cases/export.csv")

    assert len(csv_rows(body)) == 5


def test_drafts_never_appear_in_exports(client, catalogue):
    _csv_response, csv_body = download(client, "/cases/export.csv?pillar=trust")
    _json_response, json_body = download(client, "/cases/export.json?country=UG")

    assert b"Unpublished draft" not in csv_body
    assert b"Unpublished draft" not in json_body
    assert json.loads(json_body)["meta"]["count"] == 1


def test_file_names_say_what_was_exported(client, catalogue):
    response, _body = download(client, "/cases/export.csv?pillar=trust&country=ug&q=Taskforce")
    today = timezone.now().date().isoformat()

    assert response["Content-Disposition"] == (
        f'attachment; filename="nlc-cases_pillar-trust_country-ug_search-taskforce_{today}.csv"'
    )


def test_an_export_with_invalid_filters_is_refused_rather_than_dumping_everything(
    client, catalogue
):
    response, body = download(client, "/cases/export.csv?pillar=nope&year_min=abc")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "“nope” is not a pillar." in body.decode()
    assert "Enter a whole number." in body.decode()
    assert b"Uganda" not in body


def test_an_unknown_export_format_is_not_found(client, catalogue):
    assert client.get("/cases/export.pdf").status_code == 404


def test_cells_that_excel_would_run_as_formulas_are_kept_as_text(client, pillars, countries):
    CaseFactory(title='=HYPERLINK("http://evil")', summary="@SUM(1+1)")

    _response, body = download(client, "/cases/export.csv")
    [row] = csv_rows(body)

    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["summary"] == "'@SUM(1+1)"


@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson"])
def test_an_export_runs_the_same_queries_for_5_or_65_cases(
    client, catalogue, pillars, countries, django_assert_max_num_queries, fmt
):
    url = f"/cases/export.{fmt}?pillar=trust&pillar=capacity&country=UG&country=CA&sort=title"
    with django_assert_max_num_queries(12) as few:
        download(client, url)
    local = catalogue["uganda"].actors.first()
    for number in range(60):
        CaseFactory(
            title=f"Extra {number}",
            pillars=[pillars["trust"]],
            countries=[countries["UG"]],
            actors=[local],
            sources=["One source", "Another source"],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        _response, body = download(client, url)

    assert body.count(b"Extra ") >= 60
