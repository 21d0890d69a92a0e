"""Without Redis, gunicorn's workers still share one cache: files in var/cache.

Each worker keeping its own cache in memory would count every facet and rebuild the bitset
index once per worker after each change to the catalogue.
"""

import os
import runpy
from pathlib import Path

from django.conf import settings

from .processes import child_env, manage

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"
SHOW_CACHE = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def test_gunicorn_points_the_workers_at_a_shared_cache_folder_without_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CACHE_DIR", raising=False)
    runpy.run_path(str(CONFIG))

    assert os.environ["CACHE_DIR"] == str(Path(settings.BASE_DIR) / "var" / "cache")


def test_with_redis_gunicorn_leaves_the_cache_to_redis(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.delenv("CACHE_DIR", raising=False)
    runpy.run_path(str(CONFIG))

    assert "CACHE_DIR" not in os.environ


def test_a_cache_folder_gives_the_file_cache_and_none_gives_local_memory(tmp_path):
    with_folder = manage("shell", "-c", SHOW_CACHE, env=child_env(CACHE_DIR=str(tmp_path)))
    without = manage("shell", "-c", SHOW_CACHE, env=child_env())

    assert with_folder.stdout.split()[-1] == "ops.cache.FileCache"
    assert without.stdout.split()[-1] == "django.core.cache.backends.locmem.LocMemCache"
