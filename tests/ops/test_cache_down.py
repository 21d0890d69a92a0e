"""With Redis down or frozen, the site answers uncached and the limits still count.

"Down" is a port where nothing listens; "frozen" is a server that accepts connections and
never answers, as a Redis stopped with SIGSTOP does.
"""

import socket
import threading

import pytest
from django.core.cache import caches

from ops.limits import LOCAL
from tests.cases.conftest import titles

DEAD_REDIS = "redis://127.0.0.1:9/0"


def redis_cache_at(url):
    return {
        "default": {
            "BACKEND": "ops.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": 0.2,
                "socket_timeout": 0.2,
                "RETRY_AFTER": 60,
            },
        }
    }


@pytest.fixture(autouse=True)
def _fresh_fallback_counts():
    LOCAL.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache_at(DEAD_REDIS)


class FrozenServer:
    """Accepts TCP connections and never sends a byte; counts the connections it was offered."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def redis_frozen(settings):
    server = FrozenServer()
    settings.CACHES = redis_cache_at(f"redis://127.0.0.1:{server.port}/0")
    yield server
    server.close()


def test_pages_the_api_and_the_exports_work_without_the_cache(client, catalogue, redis_down):
    assert "Uganda taskforce on the national strategy" in titles(client.get("/cases/?q=uganda"))
    assert client.get(catalogue["uganda"].get_absolute_url()).status_code == 200
    assert client.get("/overview/").status_code == 200
    api = client.get("/api/v1/cases/?pillar=trust")
    assert api.status_code == 200 and api.json()["count"] >= 1
    export = client.get("/cases/export.csv")
    assert b"Uganda taskforce" in b"".join(export.streaming_content)


def test_suggestions_are_taken_and_still_limited_without_the_cache(
    client, redis_down, settings, suggestion_form_data
):
    settings.SUGGESTIONS_PER_IP = 2
    statuses = [client.post("/suggest/", suggestion_form_data).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]


def test_the_api_throttle_still_counts_without_the_cache(client, catalogue, redis_down, settings):
    settings.API_ANON_RATE = "2/minute"
    statuses = [client.get("/api/v1/pillars/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_health_check_reports_the_cache(client, db, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_a_frozen_cache_is_tried_once_then_skipped(client, catalogue, redis_frozen):
    for _visit in range(5):
        assert client.get("/cases/?pillar=trust").status_code == 200
        assert client.get("/api/v1/cases/").status_code == 200

    # One connection timed out; every later cache call was refused at once without a socket.
    assert len(redis_frozen.accepted) == 1


def test_the_cache_is_tried_again_after_a_while(client, catalogue, redis_down, settings):
    client.get("/cases/")
    backend = caches["default"]
    assert backend.is_marked_down()
    backend.down_until = 0  # as if RETRY_AFTER had passed
    assert not backend.is_marked_down()
    client.get("/cases/")
    assert backend.is_marked_down()  # tried, failed again, skipped again
