"""The bitset index counts exactly what plain SQL counts, for any filter state.

A catalogue of random cases (tests/cases/random_catalogue.py: drafts and trashed ones among
them, several pillars, countries and actors each, open and closed periods, every shape of
completeness) is filtered with random states, and every count the index gives (the list's, and
each facet option's) is compared with the count of the one FilterSet's SQL for the same state
with that option chosen.
"""

import pytest
from django.core.cache import cache
from django.http import QueryDict
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cases.choices import ActorKind, Level, Region
from cases.listing import bitsets
from cases.listing.facets import case_facets
from cases.listing.filters import CaseFilter
from cases.listing.pages import filtered_page
from cases.models import Case
from cases.models.completeness import SCORES
from tests.cases.random_catalogue import COUNTRIES, PILLARS, WORDS, build_random_catalogue


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
