"""Per-client limits counted in the shared cache, and what they do when that cache is down.

A limit must neither break the page nor vanish when Redis is unreachable: each process then
counts in its own memory until the shared cache answers again. With several processes a client
gets a little more than its quota meanwhile, never an error page.
"""

import logging

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a cache that is down or frozen raises (Django's Redis backend lets redis-py's errors
# through; a socket timeout is an OSError).
CACHE_ERRORS = (RedisError, OSError)
LOCAL = LocMemCache("ops-limits-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def limit_reached(*, key, limit, window):
    """Count one attempt for `key`; True once more than `limit` fall within `window` seconds."""
    _store, count = _counted(f"limits:{key}", window)
    return count > limit


def take_slot(*, key, limit, timeout):
    """One of `limit` concurrent slots for `key` (a Slot to free), or None when all are taken.

    A slot never freed (a killed worker) lapses after `timeout` seconds, so a crash cannot lock
    a client out for good.
    """
    cache_key = f"slots:{key}"
    store, taken = _counted(cache_key, timeout)
    slot = Slot(store, cache_key)
    if taken > limit:
        slot.free()
        return None
    return slot


class Slot:
    def __init__(self, store, cache_key):
        self.store, self.cache_key, self.freed = store, cache_key, False

    def free(self):
        if self.freed:
            return
        self.freed = True
        try:
            self.store.decr(self.cache_key)
        except (*CACHE_ERRORS, ValueError):  # lapsed already, or the cache is gone
            pass


def _counted(cache_key, timeout):
    """(store, count): `cache_key` counted up by one in the shared cache, or in this process's
    memory while the shared cache is unreachable."""
    try:
        return cache, _increment(cache, cache_key, timeout)
    except CACHE_ERRORS:
        logger.warning("The shared cache is unreachable; counting %s in this process.", cache_key)
        return LOCAL, _increment(LOCAL, cache_key, timeout)


def _increment(store, cache_key, timeout):
    store.add(cache_key, 0, timeout=timeout)
    try:
        return store.incr(cache_key)
    except ValueError:  # lapsed between add and incr
        store.set(cache_key, 1, timeout=timeout)
        return 1
