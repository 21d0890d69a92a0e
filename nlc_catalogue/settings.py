"""Settings for the NLC Case Catalogue, read top to bottom by concern.

Everything that differs between machines comes from the environment, read through the small
typed helpers below. A malformed value stops start-up with ImproperlyConfigured instead of
being silently replaced by a default. Sections: environment, applications, database, cache,
security, internationalisation, static files, logging, the catalogue's own settings, the API.
"""

import ipaddress
import json
import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no), not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# --- Environment ----------------------------------------------------------------------------------

# One switch: DJANGO_ENV=production. It refuses to start without the settings a public site
# needs and turns on HTTPS-only cookies, HSTS and the HTTPS redirect. Everything else (CSP,
# login lockout, session timeout, JSON logs, replicas) applies in every environment, so
# development and tests run what production runs.
DEBUG = env_bool("DJANGO_DEBUG", False)

# The development key only ever signs local sessions; production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    _missing = [
        name
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
        if not env_str(name).strip()
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"DJANGO_ENV=production needs {', '.join(_missing)}; "
            "set them in the environment (see the README's Deployment section)."
        )
    if (
        SECRET_KEY == DEVELOPMENT_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters, "
            "e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")


# --- Applications, middleware, templates ----------------------------------------------------------

INSTALLED_APPS = [
    # Before the admin, so its translated fields appear in the admin's forms (its docs require it).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "reversion",
    "core",
    "pillars",
    "cases",
    "suggestions",
    "assessment",
    "briefing",
    "releases",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    "csp",
    "axes",
    "ops",
]

# The request log wraps everything; CSP and the replica choice come right after the security
# middleware, before sessions are read; axes goes last, as its documentation asks.
MIDDLEWARE = [
    "ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ops.middleware.ReplicaRoutingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions and before CommonMiddleware, as Django's i18n docs require: it reads the
    # language from the URL prefix (/fr/, /ar/; English has none) for i18n_patterns.
    "django.middleware.locale.LocaleMiddleware",
    # A first visit to / follows the browser's Accept-Language to /fr/ or /ar/ (core/languages).
    "core.languages.FirstVisitLanguageMiddleware",
    # The admin (unprefixed) in the editor's language: the language cookie, else Accept-Language.
    "core.languages.AdminLanguageMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nlc_catalogue.urls"
WSGI_APPLICATION = "nlc_catalogue.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# --- Database -------------------------------------------------------------------------------------

# SQLite needs no set-up; DATABASE_URL (e.g. postgres://user@host:5432/name) switches engines.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# Read replicas: DATABASE_REPLICA_URLS="postgres://...,postgres://..." adds aliases replica_1..n.
# Public GET requests read from one of them; writes, the admin, signed-in staff and any client
# that wrote in the last few seconds use the primary (ops/routers.py).
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica_{_number}"
    DATABASES[_alias] = {
        **dj_database_url.parse(
            _url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        ),
        # Tests treat a replica as the primary itself; only tests/ops/test_replicas.py differs.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["ops.routers.ReplicaRouter"]
REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache ----------------------------------------------------------------------------------------

# Facet counts are cached per filter state (cases/cache.py). With REDIS_URL (e.g.
# redis://127.0.0.1:6379/0) every app process shares one Redis cache; else, with CACHE_DIR,
# the processes of this machine share a folder of cache files (gunicorn.conf.py sets it to
# var/cache, so `make serve`'s workers share one cache); else local memory (runserver, tests).
REDIS_URL = env_str("REDIS_URL")
CACHE_DIR = env_str("CACHE_DIR")
CACHE_TIMEOUT_SECONDS = env_int("CACHE_TIMEOUT_MS", 250) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, failing fast while Redis is down (ops/cache.py): pages then
            # run uncached, limits count per process, and a frozen Redis costs one timeout.
            "BACKEND": "ops.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "nlc"),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
                "socket_timeout": CACHE_TIMEOUT_SECONDS,
                "RETRY_AFTER": env_int("CACHE_RETRY_AFTER_SECONDS", 10),
            },
        }
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "ops.cache.FileCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Entries are also invalidated by the catalogue version on every change; this only bounds size.
CATALOGUE_CACHE_TIMEOUT = env_int("CATALOGUE_CACHE_TIMEOUT", 3600)


# --- Security -------------------------------------------------------------------------------------

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", PRODUCTION)
# How many reverse proxies stand in front of the app, each appending to X-Forwarded-For, and
# where they connect from (loopback and private networks by default).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXIES", 1 if BEHIND_PROXY else 0)
if not 0 <= TRUSTED_PROXY_COUNT <= 5:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES must be 0 to 5, not {TRUSTED_PROXY_COUNT}.")
try:
    TRUSTED_PROXY_NETWORKS = [
        ipaddress.ip_network(network, strict=False)
        for network in env_list(
            "DJANGO_TRUSTED_PROXY_NETWORKS",
            "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7",
        )
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXY_NETWORKS: {error}.") from None
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", PRODUCTION)
# Preload is a commitment for the whole domain, so the README advises leaving it off until the
# domain is ready; an operator who turns it off has decided, and check --deploy should not fail.
SILENCED_SYSTEM_CHECKS = ["security.W021"] if not SECURE_HSTS_PRELOAD else []
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Staff sessions end after an hour without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The admin lives at a path of the operator's choosing ("admin/" locally).
ADMIN_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH cannot be empty.")

# Content-Security-Policy (django-csp): no inline script or style anywhere, the admin included
# (Django 5.2's admin ships none).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): five failures for one username from one address lock it out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The site's 429 page (plain text for a script), in the reader's language, with Retry-After.
AXES_LOCKOUT_CALLABLE = "ops.views.login_locked_out"
# Every per-client rule (login lockout, suggestion limit, API throttle, request log) finds the
# client's address through ops.clients.client_ip: X-Forwarded-For is read only from a peer in
# these networks, and only the entries the trusted proxies in front of the app appended.
AXES_CLIENT_IP_CALLABLE = "ops.clients.client_ip"
AUTHENTICATION_BACKENDS = [
    "ops.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# --- Internationalisation and time ----------------------------------------------------------------

# English is the default and has no URL prefix; French and Arabic live under /fr/ and /ar/.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice (core.languages.choose_language) outlives the session, as Django's does.
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Translated model fields are ordinary columns (title_en, title_fr, title_ar): search, exports and
# the API keep reading plain columns. Fallbacks are decided per case (its original language).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "ar")
# The admin's language tabs need jQuery UI; it is served from static/vendor/ (no CDN, and the
# CSP allows scripts from this site only).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"


def _field_name_in_language(verbose_name, language):
    """How forms, errors and the history name a translated field: "title (French)"."""
    from core.languages import Language  # read when a label is shown, long after setup

    return f"{verbose_name} ({Language(language).label})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _field_name_in_language


# --- Static files and storage ---------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# --- Logging --------------------------------------------------------------------------------------

# JSON lines on stderr: one per request (ops.requests) plus Django's own warnings and errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "json": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["json"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests are logged once, by ops.requests; Django's 4xx warnings would repeat them.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        # WeasyPrint narrates every step of a briefing pack at INFO; its warnings still count.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


# --- The catalogue's own settings -----------------------------------------------------------------

# Where the seed data comes from; `manage.py load_seed` reads it.
SEED_FIXTURE = BASE_DIR / "fixtures" / "seed.json"
# The self-assessment's statements; `manage.py load_statements` reads it (after the pillars).
ASSESSMENT_FIXTURE = BASE_DIR / "fixtures" / "assessment.json"

CATALOGUE_PAGE_SIZE = env_int("CATALOGUE_PAGE_SIZE", 20)

# Uploads for the admin bulk import larger than this are refused before they are read.
CASE_IMPORT_MAX_BYTES = env_int("CASE_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# The most an XLSX upload may unpack to, and the most text its cells may hold together.
CASE_IMPORT_MAX_UNPACKED_BYTES = env_int(
    "CASE_IMPORT_MAX_UNPACKED_BYTES", 20 * CASE_IMPORT_MAX_BYTES
)
# Where a checked upload waits between its preview and the confirmed import.
CASE_IMPORT_STAGING_DIR = Path(
    env_str("CASE_IMPORT_STAGING_DIR", "") or BASE_DIR / "var" / "imports"
)
# Database connections of its own a whole-list export reads its chunks on, so that the database
# works on it with more than one core (cases/exports/parallel.py); 0 reads on the request's own
# connection. On PostgreSQL count them in the connection budget: an export holds 1 + this.
EXPORT_PARALLEL_CONNECTIONS = env_int("EXPORT_PARALLEL_CONNECTIONS", 2)
if not 0 <= EXPORT_PARALLEL_CONNECTIONS <= 8:
    raise ImproperlyConfigured(
        f"EXPORT_PARALLEL_CONNECTIONS must be 0 to 8, not {EXPORT_PARALLEL_CONNECTIONS}."
    )
# Downloads of a filtered list (every export format) one client may make: at once, and within
# the window (seconds). A slot not given back (a killed worker) lapses after EXPORT_SLOT_SECONDS.
EXPORTS_AT_ONCE_PER_CLIENT = env_int("EXPORTS_AT_ONCE_PER_CLIENT", 2)
EXPORTS_PER_CLIENT = env_int("EXPORTS_PER_CLIENT", 30)
EXPORTS_WINDOW_SECONDS = env_int("EXPORTS_WINDOW_SECONDS", 600)
EXPORT_SLOT_SECONDS = env_int("EXPORT_SLOT_SECONDS", 600)
# A briefing pack (PDF) holds at most this many cases; a larger selection is asked to narrow.
BRIEFING_MAX_CASES = env_int("BRIEFING_MAX_CASES", 50)
if not 1 <= BRIEFING_MAX_CASES <= 500:
    raise ImproperlyConfigured(f"BRIEFING_MAX_CASES must be 1 to 500, not {BRIEFING_MAX_CASES}.")
# Suggestions accepted per client IP address within the window (seconds), counted in the cache.
SUGGESTIONS_PER_IP = env_int("SUGGESTIONS_PER_IP", 5)
SUGGESTIONS_WINDOW_SECONDS = env_int("SUGGESTIONS_WINDOW_SECONDS", 3600)

# The licence of the catalogue's data, shown on /data/ and written into every export.
DATA_LICENCE = env_str("DATA_LICENCE", "CC BY 4.0")
DATA_LICENCE_URL = env_str("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
CATALOGUE_NAME = env_str("CATALOGUE_NAME", "NLC Case Catalogue")
# Who a citation names as the catalogue's publisher.
CATALOGUE_PUBLISHER = env_str("CATALOGUE_PUBLISHER", "NLC Case Catalogue")


# --- Releases and snapshots ----------------------------------------------------------------------

# Where release files are written: the "releases" storage. A folder by default; production may
# name any Django storage class (e.g. django-storages' S3 one) and its options as JSON.
RELEASES_STORAGE_DIR = Path(env_str("RELEASES_STORAGE_DIR", "") or BASE_DIR / "var" / "releases")
RELEASES_STORAGE_BACKEND = env_str(
    "RELEASES_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
try:
    RELEASES_STORAGE_OPTIONS = json.loads(env_str("RELEASES_STORAGE_OPTIONS", "") or "null")
except ValueError as error:
    raise ImproperlyConfigured(
        f"RELEASES_STORAGE_OPTIONS must be a JSON object: {error}."
    ) from None
if RELEASES_STORAGE_OPTIONS is None:
    RELEASES_STORAGE_OPTIONS = (
        {"location": str(RELEASES_STORAGE_DIR)}
        if RELEASES_STORAGE_BACKEND.endswith("FileSystemStorage")
        else {}
    )
if not isinstance(RELEASES_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured("RELEASES_STORAGE_OPTIONS must be a JSON object.")
STORAGES["releases"] = {"BACKEND": RELEASES_STORAGE_BACKEND, "OPTIONS": RELEASES_STORAGE_OPTIONS}
# The site's address, for the permalinks in a release made from the command line (the admin
# uses the address it is reached at).
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
# A frozen list ("snapshot") holds at most this many cases; anyone may make one, this many per
# client within the window (seconds).
SNAPSHOT_MAX_CASES = env_int("SNAPSHOT_MAX_CASES", 5000)
SNAPSHOTS_PER_CLIENT = env_int("SNAPSHOTS_PER_CLIENT", 10)
SNAPSHOTS_WINDOW_SECONDS = env_int("SNAPSHOTS_WINDOW_SECONDS", 3600)


# --- The API --------------------------------------------------------------------------------------

# API requests one anonymous client (by IP address) may make, e.g. "120/minute" or "5000/day".
API_ANON_RATE = env_str("API_ANON_RATE", "120/minute")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_ANON_RATE):
    raise ImproperlyConfigured(
        f"API_ANON_RATE must look like 120/minute (per second, minute, hour or day), "
        f"not {API_ANON_RATE!r}."
    )
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
REST_FRAMEWORK = {
    # Read-only and anonymous: no sessions, so no CSRF and nothing to log in to.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NLC Case Catalogue API",
    "DESCRIPTION": (
        "Read-only access to the published case studies of national-local cooperation. "
        "Case filters are the same as those of the /cases/ list."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name for each vocabulary the records use in several fields.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "core.languages.Language",
        "TranslationStateEnum": "core.languages.TranslationState",
    },
}

# Anyone may read the API from a browser on another site; nothing else is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
