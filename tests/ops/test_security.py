"""Headers, the admin's path and guard rails, and the session timeout."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import CaseFactory

from .html_safety import executable_content
from .processes import child_env, manage

ADMIN = f"/{settings.ADMIN_PATH}"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-pass-1")


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_pages_work_under_the_policy(client, superuser, pillars, countries):
    """Django's admin has no inline script or style, so the site-wide CSP needs no exception."""
    case = CaseFactory(title="Admin page case", pillars=[pillars["trust"]])
    client.force_login(superuser)
    for url in (
        ADMIN,
        f"{ADMIN}cases/case/",
        f"{ADMIN}cases/case/add/",
        f"{ADMIN}cases/case/{case.pk}/change/",
        f"{ADMIN}cases/actor/add/",
        f"{ADMIN}auth/user/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert executable_content(response.content.decode()) == [], url


@pytest.mark.django_db
def test_admin_is_for_staff_only(client):
    get_user_model().objects.create_user("reader", "r@example.org", "a-long-pass-2")
    assert client.get(ADMIN).status_code == 302
    client.login(username="reader", password="a-long-pass-2")
    response = client.get(f"{ADMIN}cases/case/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")


def test_admin_path_comes_from_the_environment():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    env = child_env(DJANGO_ADMIN_PATH="backstage-7f3a")
    result = manage("shell", "--no-imports", "-c", script, env=env, check=True)
    assert result.stdout.strip() == "/backstage-7f3a/"


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(client, superuser):
    login = f"{ADMIN}login/"
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "boss", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = client.post(login, {"username": "boss", "password": "wrong"})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    # Even the right password is refused until the cool-off ends.
    response = client.post(login, {"username": "boss", "password": "a-long-pass-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(f"{ADMIN}cases/case/").status_code == 302


@pytest.mark.django_db
def test_a_correct_login_before_the_limit_works(client, superuser):
    login = f"{ADMIN}login/"
    client.post(login, {"username": "boss", "password": "wrong"})
    response = client.post(login, {"username": "boss", "password": "a-long-pass-1"})
    assert response.status_code == 302
    assert client.get(f"{ADMIN}cases/case/").status_code == 200


@pytest.mark.django_db
def test_an_idle_staff_session_expires(client, superuser):
    client.force_login(superuser)
    assert client.get(ADMIN).status_code == 200
    session = Session.objects.get()
    # Each request extends the session by SESSION_COOKIE_AGE; past it, the user is signed out.
    assert (session.expire_date - timezone.now()).total_seconds() <= settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(client, superuser):
    login = f"{ADMIN}login/"
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forged = {"X-Forwarded-For": f"203.0.113.{attempt}"}
        client.post(login, {"username": "boss", "password": "wrong"}, headers=forged)
    response = client.post(
        login,
        {"username": "boss", "password": "a-long-pass-1"},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert response.status_code == 429
