"""Anyone may read the API, from any web page, within a fair rate."""


def test_any_origin_may_read_the_api(client, catalogue):
    response = client.get("/api/v1/cases/", HTTP_ORIGIN="https://notebook.example")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_browser_preflight_allows_get_only(client, catalogue):
    response = client.options(
        "/api/v1/cases/",
        HTTP_ORIGIN="https://notebook.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_cors_is_limited_to_the_api(client, catalogue):
    response = client.get("/cases/", HTTP_ORIGIN="https://notebook.example")

    assert "Access-Control-Allow-Origin" not in response


def test_the_api_is_read_only(client, catalogue):
    response = client.post("/api/v1/cases/", {"title": "New"})

    assert response.status_code == 405
    assert "not allowed" in response.json()["detail"]


def test_a_client_over_the_limit_gets_a_clear_429(client, catalogue, settings):
    settings.API_ANON_RATE = "3/minute"
    statuses = [client.get("/api/v1/pillars/").status_code for _ in range(4)]
    response = client.get("/api/v1/pillars/")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert "Too many requests: the API allows 3/minute per client." in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_a_made_up_forwarded_for_header_does_not_dodge_the_limit(client, catalogue, settings):
    settings.API_ANON_RATE = "2/minute"
    statuses = [
        client.get("/api/v1/pillars/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code
        for number in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_the_schema_describes_every_endpoint_and_the_case_filters(client):
    response = client.get("/api/schema/?format=json")

    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/cases/",
        "/api/v1/cases/{slug}/",
        "/api/v1/pillars/",
        "/api/v1/pillars/{slug}/",
        "/api/v1/countries/",
        "/api/v1/countries/{code}/",
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/releases/",
        "/api/v1/releases/{name}/",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert parameters >= {"pillar", "pillar_match", "country", "region", "level", "kind", "q"}
    assert parameters >= {"year_min", "year_max", "sort", "page"}


def test_the_schema_states_the_bounds_the_api_enforces(client):
    schema = client.get("/api/schema/?format=json").json()
    cases = schema["paths"]["/api/v1/cases/"]["get"]
    parameters = {p["name"]: p["schema"] for p in cases["parameters"]}

    for year in ("year_min", "year_max"):
        assert parameters[year] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert parameters["page"] == {"type": "integer", "minimum": 1, "maximum": 100000}
    for path, operations in schema["paths"].items():
        if "{" not in path:
            assert "400" in operations["get"]["responses"], path


def test_the_docs_page_loads_its_assets_from_this_site(client):
    page = client.get("/api/docs/").content.decode()

    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "<style" not in page
    assert "<script>" not in page
    assert "/static/css/api-docs.css" in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200
