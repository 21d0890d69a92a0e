"""The bitset index counts exactly what plain SQL counts, for any filter state.

A catalogue of random cases (drafts and trashed ones among them, several pillars, countries
and actors each, open and closed periods) is filtered with random states, and every count the
index gives (the list's, and each facet option's) is compared with the count of the one
FilterSet's SQL for the same state with that option chosen.
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
from cases.models import Case
from tests.factories import ActorFactory, CaseFactory, CountryFactory, PillarFactory

PILLARS = ["trust", "inclusivity", "coordination", "communication", "capacity"]
COUNTRIES = {
    "UG": Region.EAST_SOUTHERN_AFRICA,
    "KE": Region.EAST_SOUTHERN_AFRICA,
    "FI": Region.EUROPE,
    "FR": Region.EUROPE,
    "IN": Region.SOUTH_ASIA,
    "CA": Region.NORTH_AMERICA,
}
WORDS = ["harbour", "youth", "market", "river"]


@pytest.fixture
def random_catalogue(db):
    rng = random.Random(17)
    pillars = [PillarFactory(slug=slug) for slug in PILLARS]
    PillarFactory(slug="sustainability")  # a pillar without a case
    countries = [CountryFactory(code=code, region=region) for code, region in COUNTRIES.items()]
    actors = [
        ActorFactory(name=f"Actor {number}", level=rng.choice(Level.values), kind=kind)
        for number, kind in enumerate(ActorKind.values)
    ]
    for number in range(60):
        start = rng.choice([None, 1998, 2005, 2012, 2018, 2023])
        case = CaseFactory(
            title=f"Case {number} {rng.choice(WORDS)}",
            summary=f"About the {rng.choice(WORDS)} and the {rng.choice(WORDS)}.",
            pillars=rng.sample(pillars, rng.randint(0, 3)),
            countries=rng.sample(countries, rng.randint(0, 3)),
            actors=rng.sample(actors, rng.randint(0, 3)),
            start_year=start,
            start_month=None,
            end_year=rng.choice([None, start + rng.randint(0, 8)]) if start else None,
            status=rng.choice([Case.Status.PUBLISHED] * 4 + [Case.Status.DRAFT]),
        )
        if rng.random() < 0.1:
            Case.objects.filter(pk=case.pk).update(deleted_at=timezone.now())


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
