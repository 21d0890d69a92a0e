"""Behind a proxy, every per-client rule sees the visitor's own address, and nobody can borrow one.

The requests arrive as a reverse proxy on the same host (127.0.0.1) forwards them: the proxy
appends the address it was reached from to whatever X-Forwarded-For the client sent, as nginx's
$proxy_add_x_forwarded_for does.
"""

import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory

from ops.clients import client_ip

ADMIN_LOGIN = f"/{settings.ADMIN_PATH}login/"
PROXY = "127.0.0.1"


def through_proxy(client_address, sent_by_client=""):
    """The request headers the proxy passes on for a client at `client_address`."""
    chain = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_account(db):
    return get_user_model().objects.create_user(
        "editor", "editor@example.org", "a-long-pass-1", is_staff=True
    )


def wrong_logins(client, count, **meta):
    for _attempt in range(count):
        client.post(ADMIN_LOGIN, {"username": "editor", "password": "wrong"}, **meta)


def test_failed_logins_from_one_visitor_do_not_lock_out_the_editor_elsewhere(
    client, one_proxy, editor_account
):
    wrong_logins(client, settings.AXES_FAILURE_LIMIT, **through_proxy("203.0.113.66"))
    attacker = client.post(
        ADMIN_LOGIN,
        {"username": "editor", "password": "a-long-pass-1"},
        **through_proxy("203.0.113.66"),
    )
    assert attacker.status_code == 429

    editor = client.post(
        ADMIN_LOGIN,
        {"username": "editor", "password": "a-long-pass-1"},
        **through_proxy("198.51.100.7"),
    )
    assert editor.status_code == 302


def test_a_visitor_cannot_lock_out_another_address_by_claiming_it(
    client, one_proxy, editor_account
):
    # The attacker writes the editor's address into its own header; the proxy appends the
    # attacker's real one, and that is the one counted.
    claimed = through_proxy("203.0.113.66", sent_by_client="198.51.100.7")
    wrong_logins(client, settings.AXES_FAILURE_LIMIT, **claimed)

    editor = client.post(
        ADMIN_LOGIN,
        {"username": "editor", "password": "a-long-pass-1"},
        **through_proxy("198.51.100.7"),
    )
    assert editor.status_code == 302


def test_a_client_reaching_the_app_directly_cannot_choose_its_address(one_proxy):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert client_ip(request) == "198.51.100.9"


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, through_proxy("198.51.100.7"), PROXY),  # no proxy configured: the header is noise
        (1, through_proxy("198.51.100.7"), "198.51.100.7"),
        (1, through_proxy("198.51.100.7", sent_by_client="10.9.9.9, 1.2.3.4"), "198.51.100.7"),
        (2, through_proxy("192.0.2.10", sent_by_client="198.51.100.7"), "198.51.100.7"),
        (1, through_proxy("not-an-address"), PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "[2001:db8::7]"}, "2001:db8::7"),
        (1, {"REMOTE_ADDR": ""}, None),
    ],
)
def test_the_client_address_is_read_from_the_entries_our_proxies_appended(
    settings, proxies, meta, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_suggestions_from_many_visitors_do_not_use_up_a_new_visitors_quota(
    client, one_proxy, settings, suggestion_form_data
):
    settings.SUGGESTIONS_PER_IP = 1
    for number in range(5):
        client.post("/suggest/", {}, **through_proxy(f"203.0.113.{number}"))

    newcomer = client.post("/suggest/", suggestion_form_data, **through_proxy("198.51.100.7"))
    again = client.post("/suggest/", suggestion_form_data, **through_proxy("198.51.100.7"))

    assert newcomer.status_code == 302
    assert again.status_code == 429


def test_api_clients_each_have_their_own_quota(client, one_proxy, settings, db):
    settings.API_ANON_RATE = "2/minute"
    for number in range(10):
        for _request in range(2):
            response = client.get("/api/v1/pillars/", **through_proxy(f"203.0.113.{number}"))
            assert response.status_code == 200

    newcomer = client.get("/api/v1/pillars/", **through_proxy("198.51.100.7"))
    over = client.get("/api/v1/pillars/", **through_proxy("203.0.113.0"))

    assert newcomer.status_code == 200
    assert over.status_code == 429


def test_the_request_log_names_the_client_address(client, one_proxy, db, caplog):
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        client.get("/healthz", **through_proxy("198.51.100.7", sent_by_client="6.6.6.6"))

    (record,) = [r for r in caplog.records if r.name == "ops.requests"]
    assert record.client == "198.51.100.7"
