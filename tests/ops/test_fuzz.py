"""Random and hostile query strings and form posts at every public URL.

Whatever arrives, the answer is never a 5xx and the data never changes. The URLs are
discovered from the resolver (public_routes.py), so new pages are fuzzed once they exist.
"""

import json
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .public_routes import public_urls

KNOWN_PARAMETERS = [
    "q", "pillar", "pillar_match", "country", "region", "level", "kind", "year_min", "year_max",
    "sort", "page", "format", "limit", "offset", "cursor", "slug", "id", "search", "ordering",
]  # fmt: skip
HOSTILE_VALUES = [
    "' OR 1=1 --",
    "1; DROP TABLE cases_case; --",
    "%' UNION SELECT username, password FROM auth_user --",
    "\\",
    "\x00",
    "a\x00b",
    "NUL\x00' OR '1'='1",
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2024-13-45",
    "../../etc/passwd",
    "%00",
    "%zz",
    "<script>alert(1)</script>",
    "\ud7ff\ue000\U0010ffff",
    "🙂" * 100,
    "x" * 5000,
    "ＵＧ",
    "İstanbul",
    "ǅ",
    "",
    " ",
]
RAW_QUERY_STRINGS = ["&&&", "=", "q", "q=%", "q=%zz%", "page=%00", "%00=%00", "a=1&a=2&a=3" * 50]

text = st.text(max_size=300)
values = st.one_of(st.sampled_from(HOSTILE_VALUES), text, st.integers().map(str))
parameters = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=30))
pairs = st.lists(st.tuples(parameters, values), max_size=12)

FUZZ = hypothesis_settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def project_models():
    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if config.path.startswith(base) and ".venv" not in config.path:
            # Unmanaged models are views onto derived data (the SQLite full-text index), not rows.
            yield from (model for model in config.get_models() if model._meta.managed)


def snapshot(client):
    """Every row of the project's own tables, and the public JSON export without its timestamp."""
    rows = {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in project_models()
    }
    response = client.get("/cases/export.json")
    export = json.loads(b"".join(response))
    export["meta"].pop("exported_at")
    return rows, export


def encode(items):
    return urlencode([(key, value.replace("\x00", "")) for key, value in items]) + "".join(
        f"&{quote(key)}={quote(value)}" for key, value in items if "\x00" in value
    )


@pytest.fixture
def site(client, public_and_private):
    urls = sorted(public_urls(client))
    assert "/cases/" in urls
    return {"urls": urls, "before": snapshot(client)}


@pytest.mark.django_db
def test_hostile_query_strings_never_fail_or_change_data(client, site):
    @given(url=st.sampled_from(site["urls"]), items=pairs, raw=st.sampled_from(RAW_QUERY_STRINGS))
    def fuzz(url, items, raw):
        for query in (encode(items), raw):
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, (url, query, response.status_code)
            if response.streaming:
                b"".join(response)

    hypothesis_settings(FUZZ, max_examples=150)(fuzz)()
    assert snapshot(client) == site["before"]


@pytest.mark.django_db
def test_hostile_form_posts_never_fail_or_change_data(client, site):
    @given(url=st.sampled_from(site["urls"]), items=pairs)
    def fuzz(url, items):
        data = {}
        for key, value in items:
            data.setdefault(key, []).append(value)
        response = client.post(url, data)
        assert response.status_code < 500, (url, data, response.status_code)

    hypothesis_settings(FUZZ, max_examples=100)(fuzz)()
    assert snapshot(client) == site["before"]
