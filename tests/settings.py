"""Test configuration: the real settings, minus what only slows tests down."""

from nlc_catalogue.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Serve static files from the app folders, as runserver does, without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A second real database that plays a read replica, used only by tests/ops/test_replicas.py
# (pytest-django creates it only for tests that ask for it).
DATABASES["replica_test"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "TEST": {"NAME": f"test_{DATABASES['default']['NAME']}_replica"}  # noqa: F405
    if DATABASES["default"]["ENGINE"].endswith("postgresql")  # noqa: F405
    else {},
}
# The cache tests change data from a second process, which cannot reach an in-memory database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# Tests download the same exports again and again from one address; the download limits have
# tests of their own (tests/ops/test_export_limits.py), which set them low.
EXPORTS_PER_CLIENT = 100_000
