"""DJANGO_ENV=production refuses unsafe settings and passes Django's deployment checklist."""

import pytest

from .processes import child_env, manage

GOOD = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "k3V9-pQ_x7LmZ2rT8wYb4NcJ6hFgD1sA0eUoIiR5tWqEyPlKjHvCnMbXaSdFgHjK",
    "DJANGO_ALLOWED_HOSTS": "cases.strongcities.example",
    "DATABASE_URL": "postgres://catalogue@db.internal:5432/catalogue",
}


@pytest.mark.parametrize("preload", ["1", "0"])
def test_production_passes_check_deploy_without_warnings_with_or_without_hsts_preload(preload):
    env = child_env(**GOOD, DJANGO_HSTS_PRELOAD=preload)
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_hsts_at_all_check_deploy_still_warns():
    env = child_env(**GOOD, DJANGO_HSTS_SECONDS="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_setting(missing):
    settings = {name: value for name, value in GOOD.items() if name != missing}
    result = manage("check", env=child_env(**settings))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DJANGO_ENV=production needs {missing}" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "django-insecure-development-key-do-not-use-in-production",
        "short-but-random-9f8e7d",
        "a" * 60,
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    result = manage("check", env=child_env(**{**GOOD, "DJANGO_SECRET_KEY": key}))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak for production" in result.stderr


def test_production_refuses_debug():
    result = manage("check", env=child_env(**GOOD, DJANGO_DEBUG="1"))
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_an_unknown_environment_name_is_refused():
    result = manage("check", env=child_env(DJANGO_ENV="prod"))
    assert "DJANGO_ENV must be development or production" in result.stderr


def test_development_still_runs_the_deployment_check_with_warnings():
    # Without the switch, the checklist flags what production turns on: proof the switch matters.
    result = manage("check", "--deploy", env=child_env())
    assert "security.W004" in result.stderr or "security.W004" in result.stdout


def test_replica_urls_become_database_aliases():
    script = (
        "from django.conf import settings; "
        "print(settings.DATABASE_REPLICAS, "
        "[settings.DATABASES[a]['NAME'] for a in settings.DATABASE_REPLICAS])"
    )
    urls = "postgres://u@replica-a:5432/cat,postgres://u@replica-b:5432/cat2"
    result = manage(
        "shell", "--no-imports", "-c", script, env=child_env(DATABASE_REPLICA_URLS=urls)
    )
    assert result.stdout.strip() == "['replica_1', 'replica_2'] ['cat', 'cat2']", result.stderr
