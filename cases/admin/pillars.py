"""The pillar vocabulary's admin, here because it shows how many published cases each has."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import LANGUAGE_CODES, localized
from pillars.models import Pillar

from ..models import pillars_with_case_counts


@admin.register(Pillar)
class PillarAdmin(TabbedTranslationAdmin):
    """The name, definition and guidance in a tab per language (modeltranslation)."""

    list_display = ["name", "slug", "order", "published_cases"]
    list_editable = ["order"]
    ordering = ["order", "name"]
    search_fields = [
        localized(name, code) for name in ("name", "definition") for code in LANGUAGE_CODES
    ]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return pillars_with_case_counts(super().get_queryset(request))

    @admin.display(description="Published cases", ordering="case_count")
    def published_cases(self, obj):
        return obj.case_count
