"""The case admin's inline for related cases curators pin or hide."""

from django.contrib import admin

from ..models import RelatedCaseOverride


class RelatedCaseOverrideInline(admin.TabularInline):
    model = RelatedCaseOverride
    fk_name = "case"
    extra = 0
    autocomplete_fields = ["other"]
    fields = ["other", "kind", "order"]
