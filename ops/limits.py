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
    try:
        return _count(cache, key, window) > limit
    except CACHE_ERRORS:
        logger.warning("The shared cache is unreachable; counting %s in this process.", key)
        return _count(LOCAL, key, window) > limit


def _count(store, key, window):
    cache_key = f"limits:{key}"
    store.add(cache_key, 0, timeout=window)
    try:
        return store.incr(cache_key)
    except ValueError:  # expired between add and incr
        store.set(cache_key, 1, timeout=window)
        return 1


def take_slot(*, key, limit, timeout):
    """One of `limit` concurrent slots for `key` (a Slot to free), or None when all are taken.

    A slot never freed (a killed worker) lapses after `timeout` seconds, so a crash cannot lock
    a client out for good.
    """
    try:
        return _take(cache, key, limit, timeout)
    except CACHE_ERRORS:
        logger.warning("The shared cache is unreachable; counting %s in this process.", key)
        return _take(LOCAL, key, limit, timeout)


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


def _take(store, key, limit, timeout):
    cache_key = f"slots:{key}"
    store.add(cache_key, 0, timeout=timeout)
    try:
        taken = store.incr(cache_key)
    except ValueError:  # lapsed between add and incr
        store.set(cache_key, 1, timeout=timeout)
        taken = 1
    slot = Slot(store, cache_key)
    if taken > limit:
        slot.free()
        return None
    return slot
