"""Run manage.py or gunicorn in a child process with a chosen environment."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

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


@contextmanager
def gunicorn(base_url, *, env, workers=2, wait=30):
    """A gunicorn serving the app at `base_url` (http://127.0.0.1:PORT) until the block ends."""
    bind = base_url.removeprefix("http://")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", bind, "--workers", str(workers)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_database_url():
    """A DATABASE_URL for the test database, for a server in a child process to use."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
