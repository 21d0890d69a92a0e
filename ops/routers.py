"""Send public reads to a read replica, everything else to the primary.

The choice is made once per request by ReplicaRoutingMiddleware and held in a context
variable, so code outside a request (commands, migrations, the shell, tests) always uses the
primary, and a streamed export keeps reading from the same replica until its last row.
"""

import random
from contextvars import ContextVar

from django.conf import settings

PRIMARY = "default"
_read_alias = ContextVar("read_alias", default=PRIMARY)


def begin_request(*, use_replica):
    """Pick the database this request reads from; returns the alias."""
    replicas = settings.DATABASE_REPLICAS
    alias = random.choice(replicas) if use_replica and replicas else PRIMARY
    _read_alias.set(alias)
    return alias


def end_request(**kwargs):
    _read_alias.set(PRIMARY)


def current_read_alias():
    return _read_alias.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _read_alias.get()

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary, so objects from either may be related.
        return True
