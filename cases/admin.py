from django.contrib import admin, messages
from django.db import models
from django.db.models import Count

from .choices import Region
from .forms import CaseAdminForm
from .models import Actor, Case, CaseActor, Country, Source


class CaseActorInline(admin.TabularInline):
    model = CaseActor
    extra = 1
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "order"]


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [("title", "publisher"), ("url", "published"), "order"]


class RegionListFilter(admin.SimpleListFilter):
    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return Region.choices

    def queryset(self, request, queryset):
        if self.value():
            matching = Country.objects.filter(region=self.value())
            return queryset.filter(
                pk__in=Case.countries.through.objects.filter(country__in=matching).values("case_id")
            )
        return queryset


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = CaseAdminForm
    list_display = ["title", "country_list", "status", "pillar_list", "updated"]
    list_filter = ["status", "pillars", RegionListFilter, "countries"]
    search_fields = ["title", "slug", "summary"]
    autocomplete_fields = ["countries"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "updated"]
    inlines = [CaseActorInline, SourceInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "countries", "pillars"]}),
        ("Period", {"fields": [("start_year", "start_month"), ("end_year", "end_month")]}),
        ("Text", {"fields": ["summary", "body", "takeaways"]}),
        ("Record", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries", "pillars")

    @admin.display(description="Countries")
    def country_list(self, case):
        return ", ".join(country.name for country in case.countries.all())

    @admin.display(description="Pillars")
    def pillar_list(self, case):
        return ", ".join(pillar.name for pillar in case.pillars.all())

    @admin.action(description="Publish the selected cases", permissions=["change"])
    def publish(self, request, queryset):
        changed = queryset.exclude(status=Case.Status.PUBLISHED).update(
            status=Case.Status.PUBLISHED
        )
        self.message_user(request, f"Published {changed} case(s).", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected cases (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        changed = queryset.exclude(status=Case.Status.DRAFT).update(status=Case.Status.DRAFT)
        self.message_user(request, f"Moved {changed} case(s) back to draft.", messages.SUCCESS)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "case_count"]
    # The count annotation drops Meta.ordering; without this the autocomplete pages unordered.
    ordering = ["name"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_total=Count("cases"))

    @admin.display(description="Cases (all statuses)", ordering="case_total")
    def case_count(self, country):
        return country.case_total


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "country", "case_count"]
    ordering = ["name"]  # as for countries: the annotation drops Meta.ordering
    list_filter = ["level", "kind"]
    list_select_related = ["country"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_total=Count("case_links"))

    @admin.display(description="Cases (all statuses)", ordering="case_total")
    def case_count(self, actor):
        return actor.case_total
