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
