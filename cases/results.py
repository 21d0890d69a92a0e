"""The filtered case list for the paginator, with its count and page ids cached.

At 100,000 cases, most of a list page's time goes on two questions: how many cases match, and
which ones come first. A text search ranks every match to answer the second, and the count
reads every matching id. Both answers depend only on the filter state and the catalogue. They
are cached under the filter's versioned key (cases/cache.py), which the database changes on any
write to the catalogue. A repeat visit then costs the version lookup and the page's own
cases, which are always read fresh.
"""

from core.pagination import paginate

from .cache import cached


class CachedCaseList:
    """A sliceable, countable stand-in for a filter's queryset, for Django's Paginator.

    Slicing returns the cases of that window, ready for case cards, in the filter's order.
    """

    def __init__(self, case_filter):
        self.base = case_filter.queryset  # e.g. published cases: what a page may ever show
        self.queryset = case_filter.qs
        self.key = f"{case_filter.cache_key()}:results:{case_filter.sort_key}"

    def count(self):
        return cached(f"{self.key}:count", self.queryset.count)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("CachedCaseList supports only slices without a step.")
        fetched = []

        def read_page():
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
    """One page of a CaseFilter's cases (a core.pagination.PageResult)."""
    return paginate(CachedCaseList(case_filter), raw_number, per_page=per_page)
