"""Settings come from the environment; a malformed value stops start-up loudly."""

import ast
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from nlc_catalogue.settings import env_bool, env_int, env_list, env_str

NAME = "NLC_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1", True),
        ("0", False),
        ("true", True),
        ("false", False),
        ("True", True),
        ("FALSE", False),
        ("yes", True),
        ("no", False),
        ("on", True),
        ("off", False),
        (" yes ", True),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME) is value
    assert env_bool(NAME, default=not value) is value


@pytest.mark.parametrize("raw", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME)


def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch):
    assert env_bool(NAME) is False
    assert env_bool(NAME, default=True) is True
    monkeypatch.setenv(NAME, "")
    assert env_bool(NAME, default=True) is True


def test_env_int_reads_whole_numbers(monkeypatch):
    monkeypatch.setenv(NAME, "25")

    assert env_int(NAME, 20) == 25


@pytest.mark.parametrize("raw", ["ten", "2.5", "20 cases"])
def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be a whole number"):
        env_int(NAME, 20)


def test_env_int_falls_back_to_the_default_when_unset_or_empty(monkeypatch):
    assert env_int(NAME, 20) == 20
    monkeypatch.setenv(NAME, "")
    assert env_int(NAME, 20) == 20


def test_env_list_splits_on_commas_and_strips_spaces(monkeypatch):
    monkeypatch.setenv(NAME, " example.org, www.example.org ,,localhost ")

    assert env_list(NAME) == ["example.org", "www.example.org", "localhost"]


def test_env_list_uses_the_default_when_unset(monkeypatch):
    assert env_list(NAME, "localhost,127.0.0.1") == ["localhost", "127.0.0.1"]
    assert env_list(NAME) == []


def test_env_str_reads_the_value_or_the_default(monkeypatch):
    assert env_str(NAME, "fallback") == "fallback"
    monkeypatch.setenv(NAME, "value")
    assert env_str(NAME, "fallback") == "value"


# The real settings module, loaded in a fresh interpreter with a chosen environment.


def run_python(code, **environ):
    """Run `code` in a new interpreter with only the given Django environment variables."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "CATALOGUE_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "nlc_catalogue.settings"
    env.update(environ)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def setting(expression, **environ):
    """The value of `expression` (about `settings`) in a fresh interpreter."""
    result = run_python(f"from django.conf import settings; print(repr({expression}))", **environ)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


def test_debug_is_off_unless_asked_for():
    assert setting("settings.DEBUG") is False
    assert setting("settings.DEBUG", DJANGO_DEBUG="1") is True


def test_a_malformed_environment_value_stops_start_up():
    result = run_python("from django.conf import settings; settings.DEBUG", DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_sqlite_is_the_default_database():
    database = setting("settings.DATABASES['default']['ENGINE']")

    assert database == "django.db.backends.sqlite3"
    assert setting("str(settings.DATABASES['default']['NAME'])").endswith("db.sqlite3")


def test_database_url_switches_to_postgresql():
    url = "postgres://catalogue@db.example:5432/nlc"

    assert setting("settings.DATABASES['default']['ENGINE']", DATABASE_URL=url) == (
        "django.db.backends.postgresql"
    )
    assert setting("settings.DATABASES['default']['NAME']", DATABASE_URL=url) == "nlc"


def test_allowed_hosts_and_secret_key_come_from_the_environment():
    hosts = setting("settings.ALLOWED_HOSTS", DJANGO_ALLOWED_HOSTS="nlc.example.org, www.nlc.org")
    assert hosts == ["nlc.example.org", "www.nlc.org"]
    assert setting("settings.SECRET_KEY", DJANGO_SECRET_KEY="a-real-secret") == "a-real-secret"
    assert "localhost" in setting("settings.ALLOWED_HOSTS")


def test_production_starts_with_a_real_secret_key():
    result = run_python("import nlc_catalogue.wsgi", DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
