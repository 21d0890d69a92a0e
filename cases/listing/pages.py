"""Case lists for the paginator, with their count and page ids cached.

At 100,000 cases, most of a list page's time goes on two questions: how many cases match, and
which ones come first. A text search ranks every match to answer the second, and the count
reads every matching id. Both answers depend only on the list's query and the catalogue. They
are cached under a versioned key (cases/cache.py), which the database changes on any write
to the catalogue. A repeat visit then costs the version lookup and the page's own cases, which
are always read fresh.
"""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core.pagination import paginate

from ..cache import cached, versioned_key
from ..models import Case
from .facets import case_facets, rendered_facets


class CachedCaseList:
    """A sliceable, countable stand-in for a queryset of cases, for Django's Paginator.

    Slicing returns the cases of that window, ready for case cards, in the queryset's order.
    `base` is what a page may ever show (e.g. published cases); `key` names the query.
    """

    def __init__(self, queryset, *, base, key, count=None, page_ids=None):
        self.queryset = queryset
        self.base = base
        self.key = key
        self.counter = count or queryset.count
        # page_ids(window) -> the ids in that window, when something faster than the queryset
        # knows them (the best matches of a search, ranked in the full-text index alone).
        self.page_ids = page_ids

    def count(self):
        return cached(f"{self.key}:count", self.counter)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("CachedCaseList supports only slices without a step.")
        fetched = []

        def read_page():
            if self.page_ids is not None:
                return self.page_ids(window)
            # On a miss the page's cases are read whole, in one go with the ranking.
            fetched.extend(self.queryset.for_cards()[window])
            return [case.pk for case in fetched]

        ids = cached(f"{self.key}:ids:{window.start}:{window.stop}", read_page)
        if fetched:
            return fetched
        cases = self.base.filter(pk__in=ids).for_cards().in_bulk()
        # A case unpublished since the ids were cached has changed the catalogue version too, so
        # this only happens in a race with that write; leaving it out beats showing it.
        return [cases[pk] for pk in ids if pk in cases]


def filtered_page(case_filter, raw_number, *, per_page):
    """One page of a CaseFilter's cases (a core.pagination.PageResult).

    Keyed by the filter's canonical state, so parameters in another order share an entry.
    """
    key = f"{case_filter.cache_key()}:results:{case_filter.sort_key}"
    count = page_ids = None
    if case_filter.public:
        # Counted, and a search's best matches found, with the bitset index (bitsets.py).
        count = lambda: case_filter.indexed.cases().bit_count()  # noqa: E731
        if case_filter.sort_key == "relevance" and case_filter.indexed.searched is not None:
            page_ids = case_filter.indexed.best_matches
    cases = CachedCaseList(
        case_filter.qs, base=case_filter.queryset, key=key, count=count, page_ids=page_ids
    )
    return paginate(cases, raw_number, per_page=per_page)


def published_page(request, **filters):
    """A page of the published cases matching `filters` (e.g. pillars=pillar), newest first,
    for a pillar's or a country's page; keyed by the query's SQL."""
    published = Case.objects.published()
    cases = published.filter(**filters).sorted_by("newest")
    key = versioned_key(("cases", cases.query.sql_with_params()), using=cases.db)
    return paginate(
        CachedCaseList(cases, base=published, key=key),
        request.GET.get("page"),
        per_page=settings.CATALOGUE_PAGE_SIZE,
    )


def list_page_context(request, case_filter):
    """What a page built around the filter form needs: one page of cases, facets, errors.

    Shared by the case list and the overview, so both read the filters the same way.
    """
    result = filtered_page(
        case_filter, request.GET.get("page"), per_page=settings.CATALOGUE_PAGE_SIZE
    )
    case_filter.highlight(result.page.object_list)
    errors = case_filter.error_messages()
    if result.error:
        errors.append((_("Page"), result.error))
    return {
        "filter": case_filter,
        "page": result.page,
        # Both come from the cache while the catalogue is unchanged; computed only on a miss.
        "facets": SimpleLazyObject(lambda: case_facets(case_filter)),
        "facets_html": SimpleLazyObject(lambda: rendered_facets(case_filter)),
        "active_filters": case_filter.active_filters(),
        "errors": errors,
        "query": case_filter.query_string(),
    }
