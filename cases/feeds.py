"""An Atom feed of newly published cases, for any filtered list: every saved search is a feed."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from core.languages import current_language

FEED_LENGTH = 50


class CaseFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, case_filter):
        super().__init__()
        self.case_filter = case_filter

    def title(self):
        chips = [chip.label for chip in self.case_filter.active_filters()]
        suffix = f": {', '.join(chips)}" if chips else ""
        return f"{settings.CATALOGUE_NAME}: new cases{suffix}"

    def subtitle(self):
        return f"Newly published case studies. Data licence: {settings.DATA_LICENCE}."

    def link(self):
        return self._with_query(reverse("cases:list"))

    def feed_url(self):
        return self._with_query(reverse("cases:feed"))

    def _with_query(self, path):
        query = self.case_filter.query_string()
        return f"{path}?{query}" if query else path

    def items(self):
        # Most recently published first, whatever order the list itself is sorted in.
        newest = F("published_at").desc(nulls_last=True)
        return self.case_filter.qs.for_cards().order_by(newest, "-id")[:FEED_LENGTH]

    def item_title(self, case):
        # The page's language (/fr/cases/feed.atom), the original where it is not translated;
        # the feed's own language and its links follow the active language too.
        return case.text_in(current_language()).title

    def item_description(self, case):
        return case.text_in(current_language()).summary

    def item_pubdate(self, case):
        return case.published_at or case.created

    def item_updateddate(self, case):
        return case.updated

    def item_categories(self, case):
        return [pillar.name for pillar in case.pillars.all()]

    def item_author_name(self, case):
        return settings.CATALOGUE_PUBLISHER
