"""Cached counts, pages and cases, invalidated by a catalogue version the database bumps.

Every write to a case, its links or sources, actors, pillars or countries fires a trigger that
increments `catalogue_version`, whatever the write path: save(), queryset.update(),
bulk_create(), imports, another process or raw SQL. Cache keys include the version, so a change
makes every older entry unreachable at once (and the cache's own expiry clears them later). The
cache is Django's (locmem by default, Redis with REDIS_URL), so several app processes share
it; a cache that is down only costs the queries, never the page.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from core.languages import current_language

from . import changes

logger = logging.getLogger(__name__)

WATCHED_TABLES = (
    "cases_case",
    "cases_case_countries",
    "cases_case_pillars",
    "cases_caseactor",
    "cases_source",
    # A review changes what the pages say about a translation.
    "cases_casetranslation",
    "pillars_pillartranslation",
    "cases_relatedcaseoverride",
    "cases_actor",
    "cases_country",
    "pillars_pillar",
)


def catalogue_version(using=DEFAULT_DB_ALIAS):
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT number FROM catalogue_version WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def versioned_key(key_parts, *, using, version=None):
    """A key for `key_parts` that changes whenever the catalogue changes.

    `using` is the database the cases are read from (a queryset's `.db`, a replica perhaps):
    a replica that lags behind still has the old version, so what it computes is never filed
    under the primary's newer one. The alias is part of the key as well, since two databases
    need not number their versions alike. `version`, when the caller has read it already.

    The active language is part of every key: what is cached (rendered facets, case cards,
    a case's rendered body) is in one language, and /fr/ must never be served the English copy.
    """
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()[:32]
    if version is None:
        version = catalogue_version(using)
    return f"catalogue:{using}:{version}:{current_language()}:{digest}"


def cached(key, compute):
    """compute(), cached under `key` (from versioned_key)."""
    try:
        value = cache.get(key)
    except Exception:  # a broken cache must not break the page
        logger.warning("The cache is unreachable; computing without it.", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, settings.CATALOGUE_CACHE_TIMEOUT)
        except Exception:
            logger.warning("The cache is unreachable; not storing.", exc_info=True)
    return value


# The version row changes with the transaction (others see a new number only once the change
# is committed) and every statement gets a random 64-bit number, never one used before: not by a
# transaction that was rolled back, whose number may still name entries in the cache, and not
# after a restore, which brings back the row (a counter would count the same numbers again).
BUMP = {
    "postgresql": "UPDATE catalogue_version SET number = "
    "('x' || translate(gen_random_uuid()::text, '-', ''))::bit(64)::bigint WHERE id = 1",
    "sqlite": "UPDATE catalogue_version SET number = random() WHERE id = 1",
}


def bump(connection):
    with connection.cursor() as cursor:
        cursor.execute(BUMP[connection.vendor])


def install(connection):
    """Create the version row and the triggers that bump it (idempotent), and bump it: writes
    made while the triggers were away (a migration, a bulk load) were not counted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS catalogue_version "
            "(id integer PRIMARY KEY, number bigint NOT NULL)"
        )
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO catalogue_version VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
            )
            cursor.execute("DROP SEQUENCE IF EXISTS catalogue_version_seq")
            cursor.execute(
                "CREATE OR REPLACE FUNCTION catalogue_version_bump() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {BUMP['postgresql']}; RETURN NULL; END $$;"
            )
            for table in WATCHED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_version_bump ON {table}")
                cursor.execute(
                    "CREATE TRIGGER catalogue_version_bump AFTER INSERT OR UPDATE OR DELETE "
                    f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                    "EXECUTE FUNCTION catalogue_version_bump()"
                )
        else:
            cursor.execute("INSERT OR IGNORE INTO catalogue_version VALUES (1, 0)")
            for table in WATCHED_TABLES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS catalogue_version_{table}_{event} "
                        f"AFTER {event.upper()} ON {table} BEGIN {BUMP['sqlite']}; END"
                    )
    bump(connection)
    # Which cases changed, for the bitset index; kept by the same writes.
    changes.install(connection)


def uninstall_triggers(connection):
    """Drop the triggers, for a migration (SQLite) or a bulk load; install() after it."""
    changes.uninstall_triggers(connection)
    with connection.cursor() as cursor:
        for table in WATCHED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_version_bump ON {table}")
            else:
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS catalogue_version_{table}_{event}")
