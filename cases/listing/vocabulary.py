"""Pillars and countries by their keys, kept in each process per catalogue version.

Every list, overview, export and API request with a pillar or country filter checks its keys
against these tables. They change rarely, and any change to them bumps the catalogue version
(cases/cache.py), so each process reads them once per version instead of once per request.
"""

import threading

# (model label, database alias) -> (catalogue version, {key: object}, in the model's order).
_known = {}
_lock = threading.Lock()


def known(queryset, key, *, version):
    """{key value: object} for every row of `queryset`, in its order, read once per version.

    The objects are shared by the requests of this process: read them, never change them.
    """
    slot = (queryset.model._meta.label, queryset.db)
    found = _known.get(slot)
    if found is None or found[0] != version:
        rows = {getattr(item, key): item for item in queryset.all()}
        with _lock:
            _known[slot] = found = (version, rows)
    return found[1]
