"""Back up and restore the whole database.

PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction.
Any other engine (SQLite): a portable JSON dump (dumpdata with natural keys), restored by
flush + loaddata in one transaction, so a failed restore leaves the database as it was.
"""

import os
import subprocess
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction

# Rebuilt by migrate, or worthless in a restore (sessions).
JSON_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
# JSON with datetimes to the microsecond (ops/serializers.py); it loads as plain json.
EXACT_JSON = "json-exact"
# Drop and recreate everything, in one transaction, stopping at the first error.
PG_RESTORE = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
PG_RESTORE += ["--single-transaction", "--exit-on-error"]


class RestoreError(Exception):
    """The backup could not be restored; the database is as it was before."""


def _derived_models():
    """Unmanaged models: views onto data the database derives itself (the full-text index)."""
    return [model._meta.label for model in apps.get_models() if not model._meta.managed]


def _is_postgres(alias):
    return connections[alias].vendor == "postgresql"


def default_suffix(alias="default"):
    return ".dump" if _is_postgres(alias) else ".json"


def _pg_args(alias):
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def database_backup(*, path, alias="default"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _is_postgres(alias):
        args, env = _pg_args(alias)
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(path),
                *args,
            ],
            env=env,
            check=True,
        )
    else:
        serializers.register_serializer(EXACT_JSON, "ops.serializers")
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            *[f"--exclude={name}" for name in [*JSON_EXCLUDE, *_derived_models()]],
            format=EXACT_JSON,
            output=str(path),
            database=alias,
            verbosity=0,
        )
    return path


def database_restore(*, path, alias="default"):
    """Replace the database with the backup at `path`, all or nothing, then empty the cache.

    The cache is emptied because its entries describe the database as it was before.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No backup at {path}.")
    if _is_postgres(alias):
        _restore_postgres(path, alias)
    else:
        _restore_json(path, alias)
    cache.clear()


def _restore_postgres(path, alias):
    args, env = _pg_args(alias)
    connections[alias].close()
    result = subprocess.run(
        [*PG_RESTORE, *args, str(path)], env=env, capture_output=True, text=True
    )
    if result.returncode:
        reason = (result.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise RestoreError(f"pg_restore could not restore {path}: {reason}. Nothing was changed.")
    # pg_restore brings back the apps' own tables as they were, bypassing their triggers (a
    # change log the bitset index reads, say); migrate's post_migrate hooks put them right.
    call_command("migrate", database=alias, verbosity=0, interactive=False)


def _restore_json(path, alias):
    if path.suffix != ".json":
        raise ValueError(f"{path} is not a JSON backup; this database restores .json files.")
    call_command("migrate", database=alias, verbosity=0, interactive=False)
    try:
        with transaction.atomic(using=alias):
            call_command("flush", database=alias, interactive=False, verbosity=0)
            call_command("loaddata", str(path), database=alias, verbosity=0)
    except (DeserializationError, DatabaseError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise RestoreError(
            f"{path} could not be restored: {first_line}. Nothing was changed."
        ) from error
