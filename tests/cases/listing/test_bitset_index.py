"""The bitset index counts exactly what plain SQL counts, for any filter state.

A catalogue of random cases (tests/cases/random_catalogue.py: drafts and trashed ones among
them, several pillars, countries and actors each, open and closed periods, every shape of
completeness) is filtered with random states, and every count the index gives (the list's, and
each facet option's) is compared with the count of the one FilterSet's SQL for the same state
with that option chosen.
"""

import random

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.choices import ActorKind, Level, Region
from cases.listing import bitsets
from cases.listing.facets import case_facets
from cases.listing.filters import CaseFilter
from cases.listing.pages import filtered_page
from cases.models import Case, CaseTranslation, Source
from cases.models.completeness import SCORES
from core.languages import TranslationStatus
from tests.cases.random_catalogue import COUNTRIES, PILLARS, WORDS, build_random_catalogue
from tests.factories import CaseFactory


@pytest.fixture
def random_catalogue(db):
    build_random_catalogue()


def subsets(values):
    return st.lists(st.sampled_from(values), max_size=3, unique=True)


filter_states = st.fixed_dictionaries(
    {
        "pillar": subsets([*PILLARS, "sustainability"]),
        "pillar_match": st.sampled_from(["any", "all"]),
        "country": subsets(list(COUNTRIES)),
        "region": subsets(Region.values),
        "level": subsets(Level.values),
        "kind": subsets(ActorKind.values),
        "completeness": subsets([str(score) for score in SCORES]),
        "year_min": st.one_of(st.none(), st.integers(1995, 2030)),
        "year_max": st.one_of(st.none(), st.integers(1995, 2030)),
        "q": st.one_of(st.none(), st.sampled_from([*WORDS, "harbour OR river", "-youth"])),
    }
)


def query(state, **changes):
    data = QueryDict(mutable=True)
    for name, value in {**state, **changes}.items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif value is not None:
            data[name] = str(value)
    return data


def sql_count(state, **changes):
    """How many published cases the FilterSet's SQL finds for `state` with `changes`."""
    return CaseFilter.published(query(state, **changes)).qs.count()


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=filter_states)
def test_every_count_equals_the_filtersets_sql(random_catalogue, state):
    cache.clear()
    case_filter = CaseFilter.published(query(state))
    assert case_filter.is_valid() or case_filter.error_messages()

    assert case_filter.indexed.cases().bit_count() == sql_count(state)
    for facet in case_facets(case_filter):
        for option in facet.options:
            if facet.name == "pillar" and case_filter.match_mode == "all":
                chosen = sorted({*state["pillar"], option.value})
            else:
                chosen = [option.value]
            assert option.count == sql_count(state, **{facet.name: chosen}), (
                facet.name,
                option.value,
            )


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=filter_states, sort=st.sampled_from(["relevance", "newest", "title"]))
def test_a_search_lists_the_same_cases_in_the_same_order_as_sql(random_catalogue, state, sort):
    cache.clear()
    state = {**state, "q": state["q"] or "harbour", "sort": sort}
    expected = [case.title for case in CaseFilter.published(query(state)).qs[:20]]
    page = filtered_page(CaseFilter.published(query(state)), "1", per_page=20).page

    assert [case.title for case in page.object_list] == expected


def test_drafts_and_trashed_cases_are_never_in_the_index(random_catalogue):
    index = bitsets.catalogue_index()
    public = set(Case.objects.published().values_list("pk", flat=True))

    assert set(bitsets.members(index.public)) == public
    for sets in index.values.values():
        for cases in sets.values():
            assert set(bitsets.members(cases)) <= public


def test_a_change_to_the_catalogue_gives_a_new_index(random_catalogue):
    before = bitsets.catalogue_index()
    case = Case.objects.published().first()
    case.status = Case.Status.DRAFT
    case.save()

    after = bitsets.catalogue_index()

    assert after.version != before.version
    assert case.pk in bitsets.members(before.public)
    assert case.pk not in bitsets.members(after.public)


def sets_of(index):
    return index.public, index.values, index.starts, index.ends


# An index read inside a transaction that may have written is never the base of an update
# (cases/changes.py), so the tests of updates commit their writes, as requests do.
committed = pytest.mark.django_db(transaction=True)


@committed
def test_after_a_write_the_index_reads_only_the_cases_it_changed(random_catalogue):
    from django.db import connection

    from cases import changes

    before = bitsets.catalogue_index()
    case = Case.objects.published().filter(pillars__isnull=False).first()
    case.pillars.clear()
    with connection.cursor() as cursor:
        changed = changes.changed_since(cursor, before.position, limit=100)

    after = bitsets.catalogue_index()

    assert changed == [case.pk]
    assert sets_of(after) == sets_of(bitsets.build())
    assert all(case.pk not in bitsets.members(cases) for cases in after.values["pillar"].values())


WRITES = [
    "publish",
    "unpublish",
    "trash",
    "restore",
    "delete",
    "create",
    "move period",
    "add pillar",
    "drop pillar",
    "add country",
    "drop countries",
    "add actor",
    "drop actors",
    "move actor level",
    "move country region",
    "link a source",
    "unlink sources",
    "review a translation",
    "unreview translations",
    "remove a translation",
    "clear takeaways",
]


def write(kind, rng):
    """One write of `kind` to a random case of the random catalogue, as editors make them."""
    from cases.models import Actor, Country
    from pillars.models import Pillar

    cases = list(Case.objects.order_by("pk"))
    if not cases:
        kind = "create"
    case = rng.choice(cases) if kind != "create" else None
    if kind == "publish":
        Case.objects.filter(pk=case.pk).update(status=Case.Status.PUBLISHED)
    elif kind == "unpublish":
        Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    elif kind == "trash":
        Case.objects.filter(pk=case.pk).update(deleted_at=timezone.now())
    elif kind == "restore":
        Case.objects.filter(pk=case.pk).update(deleted_at=None)
    elif kind == "delete":
        case.delete()
    elif kind == "create":
        CaseFactory(
            pillars=[rng.choice(list(Pillar.objects.all()))],
            countries=[rng.choice(list(Country.objects.all()))],
            actors=[rng.choice(list(Actor.objects.all()))],
            start_year=rng.choice([None, 2001, 2019]),
            start_month=None,
        )
    elif kind == "move period":
        Case.objects.filter(pk=case.pk).update(start_year=2020, end_year=rng.choice([None, 2024]))
    elif kind == "add pillar":
        case.pillars.add(rng.choice(list(Pillar.objects.all())))
    elif kind == "drop pillar":
        case.pillars.remove(*case.pillars.all()[:1])
    elif kind == "add country":
        case.countries.add(rng.choice(list(Country.objects.all())))
    elif kind == "drop countries":
        case.countries.clear()
    elif kind == "add actor":
        case.case_actors.get_or_create(actor=rng.choice(list(Actor.objects.all())))
    elif kind == "drop actors":
        case.case_actors.all().delete()
    elif kind == "move actor level":
        Actor.objects.filter(
            pk=rng.choice(list(Actor.objects.values_list("pk", flat=True)))
        ).update(level=rng.choice(Level.values), kind=rng.choice(ActorKind.values))
    elif kind == "move country region":
        Country.objects.filter(
            pk=rng.choice(list(Country.objects.values_list("pk", flat=True)))
        ).update(region=rng.choice(Region.values))
    elif kind == "link a source":
        Source.objects.create(case=case, title="Report", url="https://example.org/r")
    elif kind == "unlink sources":
        Source.objects.filter(case=case).update(url="")
    elif kind == "review a translation":
        CaseTranslation.objects.update_or_create(
            case=case,
            language=rng.choice(["en", "fr", "ar"]),
            defaults={"status": TranslationStatus.REVIEWED},
        )
    elif kind == "unreview translations":
        CaseTranslation.objects.filter(case=case).update(status=TranslationStatus.UNREVIEWED)
    elif kind == "remove a translation":
        language = rng.choice(["fr", "ar"])
        Case.objects.filter(pk=case.pk).update(**{f"title_{language}": ""})
    elif kind == "clear takeaways":
        Case.objects.filter(pk=case.pk).update(takeaways=[], takeaways_en=[], takeaways_fr=[])


@committed
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    writes=st.lists(st.sampled_from(WRITES), min_size=1, max_size=6),
    seed=st.integers(0, 1000),
)
def test_an_index_updated_after_writes_equals_one_read_afresh(random_catalogue, writes, seed):
    rng = random.Random(seed)
    earlier = bitsets.build()
    for kind in writes:
        write(kind, rng)

    updated = bitsets.build(earlier=earlier)

    assert sets_of(updated) == sets_of(bitsets.build())


@committed
def test_a_region_change_reads_everything_again(random_catalogue):
    from django.db import connection

    from cases import changes
    from cases.models import Country

    earlier = bitsets.build()
    Country.objects.filter(code="FR").update(region=Region.SOUTH_ASIA)
    with connection.cursor() as cursor:
        changed = changes.changed_since(cursor, earlier.position, limit=100)

    assert changed is changes.EVERYTHING
    assert sets_of(bitsets.build(earlier=earlier)) == sets_of(bitsets.build())


@committed
def test_a_renamed_country_changes_no_case(random_catalogue):
    from django.db import connection

    from cases import changes
    from cases.models import Country

    earlier = bitsets.build()
    Country.objects.filter(code="FR").update(name="République française")
    with connection.cursor() as cursor:
        assert changes.changed_since(cursor, earlier.position, limit=100) == []


@committed
def test_a_trimmed_change_log_makes_older_readers_read_everything(random_catalogue):
    """The log keeps its latest rows; a reader from before a trim must not miss a change."""
    from django.db import connection

    from cases import changes

    earlier = bitsets.build()
    case = Case.objects.published().first()
    with connection.cursor() as cursor:
        for _ in range(changes.TRIM_EVERY):
            cursor.execute("INSERT INTO catalogue_change (case_id) VALUES (%s)", [case.pk])
        changed = changes.changed_since(cursor, earlier.position, limit=10 * changes.TRIM_EVERY)

    assert changed is changes.EVERYTHING


@committed
def test_too_many_changed_cases_read_everything_again(random_catalogue):
    from django.db import connection

    from cases import changes

    earlier = bitsets.build()
    Case.objects.update(title="Renamed")
    with connection.cursor() as cursor:
        assert changes.changed_since(cursor, earlier.position, limit=10) is changes.EVERYTHING
        assert len(changes.changed_since(cursor, earlier.position, limit=1000)) == 60


@committed
def test_a_worker_without_an_index_updates_the_one_another_worker_shared(random_catalogue):
    shared = bitsets.catalogue_index()
    bitsets._latest.clear()  # another process: nothing in its memory, the cache in common
    case = Case.objects.published().first()
    case.countries.clear()

    index = bitsets.catalogue_index()

    assert index.version != shared.version
    assert sets_of(index) == sets_of(bitsets.build())


@committed
def test_an_index_read_inside_a_transaction_that_wrote_is_not_built_upon(random_catalogue):
    """Its writes may yet be rolled back; an update from it would keep them."""
    from django.db import transaction

    with transaction.atomic():
        Case.objects.update(status=Case.Status.DRAFT)
        inside = bitsets.build()
        transaction.set_rollback(True)

    assert inside.position is None
    assert inside.public == 0
    assert sets_of(bitsets.build(earlier=inside)) == sets_of(bitsets.build())
    assert bitsets.build().public != 0


@committed
def test_a_write_committed_after_a_later_one_is_not_missed(random_catalogue):
    """PostgreSQL numbers the log's rows before commit: a transaction that began first may
    commit after a later one and after an index was read. The index's position (its
    snapshot's oldest running transaction) still reaches it."""
    from django.db import connection, connections

    from cases import changes
    from pillars.models import Pillar

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time")
    slow = Case.objects.published().exclude(pillars__slug="sustainability").first()
    sustainability = Pillar.objects.get(slug="sustainability")
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute(
                "INSERT INTO cases_case_pillars (case_id, pillar_id) VALUES (%s, %s)",
                [slow.pk, sustainability.pk],
            )
        with connection.cursor() as cursor:  # a later row, committed first
            cursor.execute("INSERT INTO catalogue_change (case_id) VALUES (%s)", [slow.pk + 1])
            cursor.execute("SELECT max(id) FROM catalogue_change")
            later = cursor.fetchone()[0]
        earlier = bitsets.build()
        other.commit()
    finally:
        other.close()
    with connection.cursor() as cursor:
        changed = changes.changed_since(cursor, earlier.position, limit=100)
        cursor.execute("SELECT min(id) FROM catalogue_change WHERE case_id = %s", [slow.pk])
        slow_row = cursor.fetchone()[0]

    updated = bitsets.build(earlier=earlier)

    assert slow_row < later  # by the rows' ids, the index had seen past it
    assert changed is not changes.EVERYTHING and slow.pk in changed
    assert slow.pk in bitsets.members(updated.values["pillar"][sustainability.pk])
    assert sets_of(updated) == sets_of(bitsets.build())


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=filter_states)
def test_every_number_on_the_overview_is_the_number_its_link_lists(random_catalogue, state):
    from cases.listing import pictures as draw
    from pillars.models import Pillar

    cache.clear()
    case_filter = CaseFilter.published(query(state))
    case_filter.is_valid()
    pictures = {
        "region_matrix": draw.pillar_region_matrix(case_filter),
        "level_matrix": draw.pillar_level_matrix(case_filter),
        "map": draw.world_map(case_filter),
        "timeline": draw.timeline(case_filter),
    }
    slugs = dict(Pillar.objects.values_list("name", "slug"))

    for matrix, column, values in (
        (pictures["region_matrix"], "region", Region.values),
        (pictures["level_matrix"], "level", Level.values),
    ):
        assert [column_value for column_value, *_ in matrix.columns] == values
        for name, _url, cells in matrix.rows:
            pillar = slugs[name]
            for cell, value in zip(cells, values, strict=True):
                expected = sql_count(state, pillar=[pillar], pillar_match=None, **{column: [value]})
                assert cell.count == expected, (column, pillar, value)
    for country in pictures["map"]["countries"]:
        if country.code in COUNTRIES:
            assert country.count == sql_count(state, country=[country.code]), country.code
    for bar in pictures["timeline"]["bars"]:
        assert bar.count == sql_count(state, year_min=bar.year, year_max=bar.year), bar.year


def test_an_index_is_only_ever_updated_from_one_of_its_own_database(random_catalogue, settings):
    """Two databases under one alias (the test runs, a staging site on production's Redis)
    must not share an index, and a position from another engine means nothing here."""
    from django.db import connection

    from cases import changes

    here = bitsets.database_identity("default")
    connection.settings_dict["NAME"], name = "elsewhere", connection.settings_dict["NAME"]
    try:
        elsewhere = bitsets.database_identity("default")
    finally:
        connection.settings_dict["NAME"] = name
    foreign = 7 if connection.vendor == "postgresql" else (7, ())
    with connection.cursor() as cursor:
        changed = changes.changed_since(cursor, foreign, limit=100)

    assert here != elsewhere
    assert changed is changes.EVERYTHING
