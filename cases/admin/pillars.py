"""The pillar vocabulary's admin, here because it shows how many published cases each has."""

from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from core.languages import LANGUAGE_CODES, localized
from pillars.models import Pillar

from ..models import pillars_with_case_counts
from .translations import REVIEW_ACTIONS, TRANSLATION_FILTERS, TranslationReviewAdmin


@admin.register(Pillar)
class PillarAdmin(TranslationReviewAdmin, TabbedTranslationAdmin):
    """The name, definition and guidance in a tab per language (modeltranslation), with the
    case admin's translation filters, review actions and review panel."""

    translations_marked_message = ngettext_lazy(
        "Marked the %(language)s translation of %(count)d pillar reviewed.",
        "Marked the %(language)s translations of %(count)d pillars reviewed.",
        "count",
    )
    translation_missing_reason = gettext_lazy("its name or definition is empty")
    list_display = ["name", "slug", "order", "published_cases"]
    list_filter = TRANSLATION_FILTERS
    actions = REVIEW_ACTIONS
    list_editable = ["order"]
    ordering = ["order", "name"]
    search_fields = [
        localized(name, code) for name in ("name", "definition") for code in LANGUAGE_CODES
    ]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return pillars_with_case_counts(super().get_queryset(request))

    @admin.display(description=gettext_lazy("Published cases"), ordering="case_count")
    def published_cases(self, obj):
        return obj.case_count
