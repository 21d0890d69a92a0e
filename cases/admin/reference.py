"""Admins for the countries and actors that cases refer to."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Actor, Country
from .history import HistoryAdmin


@admin.register(Country)
class CountryAdmin(HistoryAdmin):
    list_display = ["name", "code", "region", "case_count"]
    # Explicit, because Meta.ordering does not apply to the annotated (GROUP BY) queryset.
    ordering = ["name"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_total=Count("cases"))

    @admin.display(description=_("Cases (all statuses)"), ordering="case_total")
    def case_count(self, country):
        return country.case_total


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "level", "country", "case_count"]
    ordering = ["name"]
    list_filter = ["level", "kind"]
    list_select_related = ["country"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_total=Count("case_links"))

    @admin.display(description=_("Cases (all statuses)"), ordering="case_total")
    def case_count(self, actor):
        return actor.case_total
