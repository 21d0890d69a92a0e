"""Schemathesis throws generated requests at every API operation described by /api/schema/.

No request may give a 500, and every response must match the schema (status code, content type
and body). Examples are few and the data is the small test catalogue, so this stays fast.
Hypothesis is driven directly (rather than through schemathesis' pytest plugin, which does not
yet support pytest 9), one test per operation.

Schemathesis' "positive data acceptance" check is left out: a filter value can be well-formed
for the schema and still not exist (a pillar slug nobody uses, a page past the last one, a "from"
year after the "to" year), and those get a 400 that says so, by design.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

MAX_EXAMPLES = 15
OPERATIONS = [
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
]


@pytest.fixture
def api_schema(catalogue, settings):
    settings.API_ANON_RATE = "100000/minute"
    # As Django's test client does: requests must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", OPERATIONS)
def test_every_api_answer_matches_the_schema_and_none_is_a_server_error(api_schema, path):
    operation = api_schema[path]["GET"]
    seen = []

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        seen.append(response.status_code)

    check()
    assert seen, "schemathesis made no request"
