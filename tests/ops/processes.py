"""Run manage.py or gunicorn in a child process with a chosen environment."""

import os
import subprocess
import sys

from django.conf import settings

KEEP = ("PATH", "HOME", "LANG", "VIRTUAL_ENV", "PGHOST", "PGPORT", "PGUSER")


def child_env(**overrides):
    """The parent's basics, the real (not the test) settings module, and `overrides`."""
    env = {name: os.environ[name] for name in KEEP if name in os.environ}
    env["DJANGO_SETTINGS_MODULE"] = "nlc_catalogue.settings"
    env.update(overrides)
    return env


def manage(*args, env, check=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )
