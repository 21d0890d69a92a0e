"""Django's Redis cache, made to fail fast: a Redis that is down or frozen costs one short
timeout, then nothing, until it is tried again a little later.

Every caller already treats a cache error as "compute without the cache" (cases.cache,
ops.limits, the API throttle). What this adds is speed: without it, each cache call of every
request would wait out its socket timeout again, turning a frozen Redis into pages of several
seconds.
"""

import logging
import time

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class RedisCache(DjangoRedisCache):
    """OPTIONS take RETRY_AFTER (seconds to skip Redis after a failure, 10 by default) beside
    redis-py's own options, such as socket_timeout."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 10))
        super().__init__(server, {**params, "OPTIONS": options})
        self.down_until = 0.0

    @cached_property
    def _cache(self):
        return _FailFast(super()._cache, self)

    def is_marked_down(self):
        return time.monotonic() < self.down_until


class _FailFast:
    """The Redis client, with each call refused at once while the cache is marked down."""

    def __init__(self, client, owner):
        self._client = client
        self._owner = owner

    def __getattr__(self, name):
        method = getattr(self._client, name)
        if not callable(method):
            return method

        def call(*args, **kwargs):
            if self._owner.is_marked_down():
                raise RedisConnectionError("The cache was unreachable moments ago; not trying.")
            try:
                return method(*args, **kwargs)
            except (RedisError, OSError) as error:
                self._owner.down_until = time.monotonic() + self._owner.retry_after
                logger.warning(
                    "The cache is unreachable (%s); skipping it for %ss.",
                    error,
                    self._owner.retry_after,
                )
                raise

        return call


class FileCache(FileBasedCache):
    """Django's file-based cache, shared by the processes of one machine (gunicorn's workers
    without Redis), culling its folder on one write in CULL_EVERY rather than on every write:
    Django's lists the whole folder each time, which costs more than the write itself once it
    holds a few thousand entries."""

    cull_every = 50

    def __init__(self, directory, params):
        super().__init__(directory, params)
        self.writes = 0

    def _cull(self):
        self.writes += 1
        if self.writes % self.cull_every == 0:
            super()._cull()
