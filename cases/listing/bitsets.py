"""The published cases of each filter value, as Python integers used as bitsets.

Bit n of a set is case n. A filter is then a union (`|`) or an intersection (`&`) of sets, and
a facet count is the size of an intersection (`int.bit_count()`): counting every option of every
facet over 100,000 cases takes a few milliseconds, where the database reads tens of thousands of
link rows per facet. The database stays the source of truth: an index is built per catalogue
version (cases/cache.py), with one grouped query per dimension, and shared through the cache, so
of several workers usually one builds it and the others load it. After a write, the next version
is the previous one with the changed cases read again (cases/changes.py logs which): a few
small queries instead of reading every case.

The sets hold the filters that do not depend on the page's language (pillars, countries,
regions, actor levels and kinds, completeness scores, years, published status). A search's
match set does; it comes from the search backend (`match_ids`) per query and is intersected
like any other set.
"""

import hashlib
import logging
import re
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import repeat

from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F

from core.languages import LANGUAGE_CODES

from .. import changes
from .. import search as full_text
from ..cache import cached, catalogue_version, versioned_key
from ..models import Actor, Case, CaseActor, CaseCountry, CasePillar, Country, completeness

logger = logging.getLogger(__name__)

ONE = re.compile("1")
# Part of the shared cache's keys: a worker never loads, nor updates, an index of another
# shape (one the code before a deploy built, say).
FORMAT = 2
# Beyond this many changed cases, reading everything again is as quick as reading them.
MOST_UPDATED = 2_000
# An index kept by this process per database alias: the latest version asked for.
_latest = {}


@dataclass
class CatalogueIndex:
    version: int
    # Where the change log stood when it was read (cases/changes.py); None if the index may
    # hold a transaction's uncommitted writes, so that nothing builds on it.
    position: int | tuple | None
    public: int
    values: dict  # dimension -> {value (a pk or a vocabulary code): set}
    starts: dict  # start year (or None) -> set
    ends: dict  # end year (or None) -> set
    seconds: float = 0.0
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def any_of(self, dimension, keys):
        """Cases with at least one of `keys` in `dimension`."""
        found = 0
        sets = self.values[dimension]
        for key in keys:
            found |= sets.get(key, 0)
        return found

    def all_of(self, dimension, keys):
        found = self.public
        sets = self.values[dimension]
        for key in keys:
            found &= sets.get(key, 0)
        return found

    def reaching(self, year):
        """Cases whose period reaches `year`: ending in or after it, or, lacking an end,
        starting in or after it (CaseFilter.filter_year_min)."""
        found = 0
        for end, cases in self.ends.items():
            if end is not None and end >= year:
                found |= cases
        open_ended = self.ends.get(None, 0)
        for start, cases in self.starts.items():
            if start is not None and start >= year:
                found |= cases & open_ended
        return found

    def starting_by(self, year):
        found = 0
        for start, cases in self.starts.items():
            if start is not None and start <= year:
                found |= cases
        return found

    def size_in_bytes(self):
        sets = [self.public, *self.starts.values(), *self.ends.values()]
        for by_value in self.values.values():
            sets.extend(by_value.values())
        return sum((cases.bit_length() + 7) // 8 for cases in sets)


def catalogue_index(using="default", version=None):
    """This catalogue version's index: from this process's memory, the shared cache, or read
    (updated from the latest index this process or the cache holds, when there is one).

    Each process keeps the latest one only, so memory stays one index per database.
    """
    if version is None:
        version = catalogue_version(using)
    latest = _latest.get(using)
    if latest is not None and latest.version == version:
        return latest
    prefix = f"catalogue-index:{FORMAT}:{database_identity(using)}"
    index = _cache_get(f"{prefix}:{version}")
    if index is None:
        if latest is None or latest.position is None:
            latest_version = _cache_get(f"{prefix}:latest")
            if latest_version is not None:
                latest = _cache_get(f"{prefix}:{latest_version}")
        index = build(using, earlier=latest)
        # Filed under the version it was read at (newer than `version` if a write came between).
        _cache_set(f"{prefix}:{index.version}", index)
        if index.position is not None:
            _cache_set(f"{prefix}:latest", index.version)
    _latest[using] = index
    return index


def database_identity(using):
    """Which database an index describes, for its cache keys: an alias names different
    databases in different processes (tests, a staging site sharing production's Redis), and
    an index must only ever be updated from one of its own database."""
    settings = connections[using].settings_dict
    named = repr(
        (connections[using].vendor, *(settings.get(key) for key in ("NAME", "HOST", "PORT")))
    )
    return hashlib.sha256(named.encode()).hexdigest()[:16]


def _cache_get(key):
    try:
        return cache.get(key)
    except Exception:  # a broken cache must not break the page
        logger.warning("The cache is unreachable; reading the index here.", exc_info=True)
        return None


def _cache_set(key, value):
    try:
        cache.set(key, value, 3600)
    except Exception:
        logger.warning("The cache is unreachable; not storing the index.", exc_info=True)


def build(using="default", earlier=None):
    """Read the index from the database in one snapshot, so the version and the sets agree:
    all of it, or, given an `earlier` index, only the cases changed since it.

    Link tables are read in the order of their (value, case) indexes, grouped by value, with
    each group's case ids joined into one text by the database: few rows cross to Python.
    """
    started = time.perf_counter()
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if outermost and connection.vendor == "postgresql":
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # Read first: should a write land during the build (inside a request's transaction on
        # PostgreSQL, where the snapshot is per statement), the sets are newer than their
        # version and position, never older, and what comes next is read again.
        version = catalogue_version(using)
        position = changes.position(cursor, in_transaction=not outermost)
        changed = changes.EVERYTHING
        if earlier is not None and earlier.position is not None:
            changed = changes.changed_since(cursor, earlier.position, limit=MOST_UPDATED)
        if changed is changes.EVERYTHING:
            public, values, starts, ends = _read(cursor, using)
        elif changed:
            read = _read(cursor, using, changed)
            public, values, starts, ends = _patched(earlier, bitset_of(changed), *read)
        else:  # a write that changed no case the index holds (a country renamed, say)
            public, values, starts, ends = (
                earlier.public,
                earlier.values,
                earlier.starts,
                earlier.ends,
            )
    return CatalogueIndex(
        version=version,
        position=position,
        public=public,
        values=values,
        starts=starts,
        ends=ends,
        seconds=time.perf_counter() - started,
    )


def _read(cursor, using, cases=changes.EVERYTHING):
    """The sets of `cases` (ids, or EVERYTHING): public, values, starts and ends."""

    def of_cases(queryset, field="case_id"):
        if cases is changes.EVERYTHING:
            return queryset.using(using)
        return queryset.using(using).filter(**{f"{field}__in": cases})

    actors = of_cases(Actor.objects, "case_links__case_id").distinct()
    # With each case's period, what completeness needs of its row (cases/models/
    # completeness.py): its original language and whether it has takeaways in it.
    published = of_cases(Case.objects, "id").published()
    published = published.annotate(with_takeaways=completeness.flag(completeness.takeaways_q()))
    periods = _grouped(
        cursor, published, "start_year", "end_year", "original_language", "with_takeaways", "id"
    )
    pillars = _grouped(cursor, of_cases(CasePillar.objects), "pillar_id", "case_id")
    countries = _grouped(cursor, of_cases(CaseCountry.objects), "country_id", "case_id")
    links = _grouped(cursor, of_cases(CaseActor.objects), "actor_id", "case_id")
    regions = dict(_rows(cursor, Country.objects.using(using).values_list("pk", "region")))
    kinds = _rows(cursor, actors.values_list("pk", "level", "kind"))
    # Completeness's other pieces: the cases with a linked source, and with a review that
    # holds, per language.
    pieces = {"link": of_cases(completeness.linked_sources())}
    for code in LANGUAGE_CODES:
        pieces[code] = of_cases(completeness.reviewed_translations(code))
    pieces = _labelled(cursor, pieces)
    periods = _sets_by(periods, lambda key: key)
    starts, ends = _union_by(periods, lambda key: key[0]), _union_by(periods, lambda key: key[1])
    public = 0
    for found in starts.values():
        public |= found
    countries = _sets_by(countries, lambda key: key[0], public)
    level_kind = {pk: (level, kind) for pk, level, kind in kinds}
    links = _sets_by(links, lambda key: level_kind[key[0]], public)
    values = {
        "pillar": _sets_by(pillars, lambda key: key[0], public),
        "country": countries,
        "region": _union_by(countries, regions.__getitem__),
        "level": _union_by(links, lambda key: key[0]),
        "kind": _union_by(links, lambda key: key[1]),
        "completeness": _completeness(public, periods, starts, links, pieces),
    }
    return public, values, starts, ends


def _completeness(public, periods, starts, links, pieces):
    """{"5": the cases meeting all five criteria, …, "0": …}, keyed as the filter's values."""
    Criterion = completeness.Criterion
    pieces = _sets_by(pieces, lambda key: key[0], public)
    with_actors = 0
    for found in links.values():
        with_actors |= found
    met = {
        Criterion.PERIOD: public & ~starts.get(None, 0),
        Criterion.ACTORS: with_actors,
        Criterion.SOURCE_LINK: pieces.get("link", 0),
        Criterion.TAKEAWAYS: _union_by(periods, lambda key: key[3]).get(1, 0),
        Criterion.TRANSLATIONS: completeness.translated_set(
            public,
            original=_union_by(periods, lambda key: key[2]),
            reviewed={code: pieces.get(code, 0) for code in LANGUAGE_CODES},
        ),
    }
    return completeness.score_sets(public, met)


def _patched(earlier, changed, public, values, starts, ends):
    """`earlier`'s sets with the cases in the set `changed` replaced by their sets now."""
    kept = ~changed

    def patch(old, new):
        patched = {key: found & kept for key, found in old.items()}
        for key, found in new.items():
            patched[key] = patched.get(key, 0) | found
        return {key: found for key, found in patched.items() if found}

    values = {name: patch(earlier.values[name], values.get(name, {})) for name in earlier.values}
    return (
        earlier.public & kept | public,
        values,
        patch(earlier.starts, starts),
        patch(earlier.ends, ends),
    )


def _grouped(cursor, queryset, *paths):
    """{(values at `paths`): case ids as comma-separated text} for `queryset`, whose last path
    is the case id, from one query grouped by the other paths."""
    columns = {f"c{number}": F(path) for number, path in enumerate(paths)}
    sql, params = queryset.order_by().values(**columns).query.sql_with_params()
    *keys, case = columns
    keys = ", ".join(keys)
    if cursor.db.vendor == "postgresql":
        ids = f"string_agg(CAST({case} AS text), ',')"
    else:
        ids = f"group_concat({case})"
    cursor.execute(f"SELECT {keys}, {ids} FROM ({sql}) AS pairs GROUP BY {keys}", params)
    return {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}


def _labelled(cursor, querysets):
    """As _grouped, for several querysets of rows with a case_id, each under its label:
    {(label,): case ids as comma-separated text}, from one query (a UNION ALL)."""
    parts, params = [], []
    for label, queryset in querysets.items():
        sql, part_params = queryset.order_by().values(c0=F("case_id")).query.sql_with_params()
        parts.append(f"SELECT CAST(%s AS text) AS label, part.c0 FROM ({sql}) AS part")
        params += [label, *part_params]
    union = " UNION ALL ".join(parts)
    if cursor.db.vendor == "postgresql":
        ids = "string_agg(CAST(c0 AS text), ',')"
    else:
        ids = "group_concat(c0)"
    cursor.execute(f"SELECT label, {ids} FROM ({union}) AS pairs GROUP BY label", params)
    return {(label,): ids for label, ids in cursor.fetchall()}


def _union_by(sets, value_of):
    """{value_of(key): union of the sets whose key gives it}."""
    union = {}
    for key, cases in sets.items():
        union[value_of(key)] = union.get(value_of(key), 0) | cases
    return union


def _rows(cursor, queryset):
    """The rows of a values_list() queryset as plain tuples: the generated catalogues have
    20,000 actors, whose conversion to model values would cost more than reading them."""
    sql, params = queryset.order_by().query.sql_with_params()
    cursor.execute(sql, params)
    return cursor.fetchall()


def _sets_by(groups, value_of, within=None):
    """{value_of(key): set of the cases of every group with that value} for `groups` from
    _grouped, each set intersected with `within` (links of drafts and trashed cases go here).

    The groups' texts are joined before a set is made, so each set is built once.
    """
    texts = {}
    for key, ids in groups.items():
        texts.setdefault(value_of(key), []).append(ids)
    sets = {value: bitset_of(",".join(parts)) for value, parts in texts.items()}
    if within is not None:
        sets = {value: kept for value, cases in sets.items() if (kept := cases & within)}
    return sets


def bitset_of(ids):
    """The set of `ids` (an iterable of ints, or their comma-separated text) as an integer."""
    if isinstance(ids, str):
        ids = ids.split(",") if ids else []
    ids = list(map(int, ids))
    if not ids:
        return 0
    top = max(ids)
    if len(ids) * 16 < top:
        # A sparse set: one pass over the ids, setting bits in a byte array (setting them on
        # the integer itself would copy it every time).
        buffer = bytearray((top >> 3) + 1)
        for case in ids:
            buffer[case >> 3] |= 1 << (case & 7)
        return int.from_bytes(buffer, "little")
    # A dense one: a text of binary digits, one per case id, set by map() in C.
    digits = bytearray(b"0") * (top + 1)
    deque(map(digits.__setitem__, ids, repeat(ord("1"))), maxlen=0)
    digits.reverse()
    return int(digits, 2)


def members(cases):
    """The case ids in the set `cases`, ascending."""
    digits = bin(cases)[:1:-1]  # least significant first, without the "0b"
    return [found.start() for found in ONE.finditer(digits)]


def matching(index, cleaned, *, match_mode="any", searched=None, exclude=()):
    """The published cases that a CaseFilter's valid parameters `cleaned` select, except the
    filters named in `exclude`; `searched` is the search's match set when there is a search.

    The same rules as CaseFilter's filter_* methods; tests hold the two to equal answers.
    """
    found = index.public
    if searched is not None and "q" not in exclude:
        found &= searched
    for name in ("pillar", "country"):
        chosen = cleaned.get(name)
        if chosen and name not in exclude:
            keys = [item.pk for item in chosen]
            if name == "pillar" and match_mode == "all":
                found &= index.all_of(name, keys)
            else:
                found &= index.any_of(name, keys)
    for name in ("region", "level", "kind", "completeness"):
        chosen = cleaned.get(name)
        if chosen and name not in exclude:
            found &= index.any_of(name, chosen)
    if cleaned.get("year_min") is not None and "year_min" not in exclude:
        found &= index.reaching(cleaned["year_min"])
    if cleaned.get("year_max") is not None and "year_max" not in exclude:
        found &= index.starting_by(cleaned["year_max"])
    return found


class IndexedFilter:
    """A CaseFilter's state answered from the index: its cases, and theirs without a filter.

    Only for a filter over the published cases (CaseFilter.published): the index holds nothing
    else.
    """

    def __init__(self, case_filter):
        using = case_filter.queryset.db
        self.cleaned = case_filter.cleaned
        self.match_mode = case_filter.match_mode
        self.using = using
        self.index = catalogue_index(using, case_filter.catalogue_version)
        text = self.text = self.cleaned.get("q")
        version = case_filter.catalogue_version
        self.searched = search_set(text, using=using, version=version) if text else None

    def best_matches(self, window):
        """The ids of the search's matches in `window` (a slice), best first.

        Ranked in the full-text index alone, never joined to the wide case rows: within the
        cases of the other filters when they narrow the search, else among the best matches,
        dropping the few that are not public.
        """
        backend = full_text.backend(self.using)
        candidates = self.cases()
        if candidates != self.index.public & self.searched:
            ranked = backend.ranked_ids(
                self.text, within=members(candidates), limit=window.stop, using=self.using
            )
            return ranked[window]
        limit = window.stop * 2 + 50
        ranked = backend.ranked_ids(self.text, limit=limit, using=self.using)
        kept = [case for case in ranked if candidates >> case & 1]
        if len(kept) < window.stop and len(ranked) == limit:
            ranked = backend.ranked_ids(self.text, using=self.using)
            kept = [case for case in ranked if candidates >> case & 1]
        return kept[window]

    def cases(self, exclude=()):
        return matching(
            self.index,
            self.cleaned,
            match_mode=self.match_mode,
            searched=self.searched,
            exclude=exclude,
        )


def search_set(text, *, using, version=None):
    """The cases matching the search `text` (None when it has no terms), cached per version.

    The one step that depends on the language of the text searched: it is asked of the search
    backend, whose index holds the text.
    """

    def find():
        ids = full_text.backend(using).match_ids(text, using=using)
        return None if ids is None else bitset_of(ids)

    # None cannot be cached (it reads as a miss), hence the wrapping list.
    key = versioned_key(("search-set", text), using=using, version=version)
    return cached(key, lambda: [find()])[0]
