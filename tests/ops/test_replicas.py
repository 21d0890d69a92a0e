"""Public reads go to a replica; writes, the admin and a client that just wrote use the primary.

Two real databases: the test database and a second one playing the replica (on SQLite, two
separate databases). They hold different cases, so each page shows which one it read.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings

from cases.models import Case
from ops import routers
from ops.middleware import PIN_COOKIE

pytestmark = [
    pytest.mark.django_db(databases=["default", "replica_test"]),
]
ADMIN = f"/{settings.ADMIN_PATH}"


@pytest.fixture
def two_databases():
    for alias, title in (("default", "On the primary"), ("replica_test", "On the replica")):
        Case.objects.using(alias).create(
            title=title,
            slug=f"case-{alias.replace('_', '-')}",
            summary=f"{title}.",
            status=Case.Status.PUBLISHED,
        )
    with override_settings(DATABASE_REPLICAS=["replica_test"]):
        yield


def test_anonymous_pages_and_exports_read_from_the_replica(client, two_databases):
    page = client.get("/cases/").content.decode()
    assert "On the replica" in page and "On the primary" not in page
    export = b"".join(client.get("/cases/export.json")).decode()
    assert "On the replica" in export and "On the primary" not in export
    assert client.get("/cases/case-replica-test/").status_code == 200


def test_a_client_that_just_wrote_reads_from_the_primary(client, two_databases):
    response = client.post(f"{ADMIN}login/", {"username": "nobody", "password": "wrong"})
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_PIN_SECONDS
    page = client.get("/cases/").content.decode()
    assert "On the primary" in page and "On the replica" not in page
    # When the pin expires the browser drops the cookie and reads go back to the replica.
    client.cookies.pop(PIN_COOKIE)
    assert "On the replica" in client.get("/cases/").content.decode()


def test_the_admin_reads_from_the_primary(client, two_databases):
    user = get_user_model().objects.create_superuser("boss", "b@example.org", "a-long-pass-1")
    client.force_login(user)
    changelist = client.get(f"{ADMIN}cases/case/").content.decode()
    assert "On the primary" in changelist and "On the replica" not in changelist
    # Signed-in staff see the primary on public pages too.
    assert "On the primary" in client.get("/cases/").content.decode()


def test_writes_during_a_replica_request_go_to_the_primary(two_databases):
    assert routers.begin_request(use_replica=True) == "replica_test"
    try:
        assert Case.objects.get().title == "On the replica"
        Case.objects.create(title="Written", slug="written", summary="S.")
    finally:
        routers.end_request()
    assert Case.objects.using("default").filter(slug="written").exists()
    assert not Case.objects.using("replica_test").filter(slug="written").exists()


def test_without_replicas_everything_uses_the_primary(client, two_databases):
    with override_settings(DATABASE_REPLICAS=[]):
        assert "On the primary" in client.get("/cases/").content.decode()


def test_code_outside_requests_reads_from_the_primary(two_databases):
    assert Case.objects.get().title == "On the primary"
