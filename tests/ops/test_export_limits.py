"""One client cannot take every worker with downloads: a few at a time, a few dozen an hour.

Downloads are held open (not read) to stand for exports still being written or sent.
"""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import close_old_connections

from ops.limits import LOCAL


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    LOCAL.clear()


@pytest.fixture
def low_limits(settings):
    settings.EXPORTS_AT_ONCE_PER_CLIENT = 2
    settings.EXPORTS_PER_CLIENT = 5
    settings.EXPORTS_WINDOW_SECONDS = 600


def from_address(address):
    return {"REMOTE_ADDR": address}


def server_closes(response):
    """What the web server does when a download ends or its client leaves: close it.

    As Django's test client does itself, the test's database connection is kept open.
    """
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_a_third_download_at_once_waits_with_a_429_that_says_when_to_retry(
    client, catalogue, low_limits
):
    first = client.get("/cases/export.xlsx")
    second = client.get("/cases/export.csv")
    third = client.get("/cases/export.json")

    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)
    assert third["Retry-After"] == "10"
    assert "at most 2 downloads at a time" in third.content.decode()
    other_client = client.get("/cases/export.json", **from_address("192.0.2.44"))
    assert other_client.status_code == 200
    server_closes(other_client)

    server_closes(first)  # sent, or abandoned: its slot is free again
    fourth = client.get("/cases/export.json")
    assert fourth.status_code == 200
    assert b"Uganda taskforce" in b"".join(fourth.streaming_content)
    server_closes(second)


def test_a_download_abandoned_midway_gives_its_slot_back(client, catalogue, low_limits):
    for _attempt in range(4):
        response = client.get("/cases/export.csv")
        assert response.status_code == 200
        next(iter(response.streaming_content))  # the client reads a little, then leaves
        server_closes(response)


def test_repeated_downloads_are_limited_per_client_and_window(client, catalogue, low_limits):
    statuses = []
    for _download in range(6):
        response = client.get("/cases/export.csv")
        statuses.append(response.status_code)
        if response.status_code == 200:
            b"".join(response.streaming_content)

    assert statuses == [200] * 5 + [429]
    assert "at most 5 downloads in 10 minutes" in response.content.decode()
    assert response["Retry-After"] == "600"
    elsewhere = client.get("/cases/export.csv", **from_address("192.0.2.45"))
    assert elsewhere.status_code == 200
    server_closes(elsewhere)


def test_invalid_filters_are_refused_before_they_count(client, catalogue, low_limits):
    for _attempt in range(8):
        assert client.get("/cases/export.csv?year_min=abc").status_code == 400
    response = client.get("/cases/export.csv")
    assert response.status_code == 200
    server_closes(response)
