"""Admins for the national frameworks shown on country pages and the documents they cite."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..models import NationalFramework, Publication
from .history import HistoryAdmin


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published"]
    search_fields = ["title", "publisher"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(NationalFramework)
class NationalFrameworkAdmin(HistoryAdmin, TranslationAdmin):
    """Each statement beside its source; the language tabs come from modeltranslation."""

    list_display = ["country", "strategy_name", "strategy_year", "translations_reviewed", "updated"]
    list_filter = ["translations_reviewed", "country__region"]
    list_select_related = ["country"]
    search_fields = ["country__name", "country__code", "strategy_name", "coordinating_body"]
    autocomplete_fields = ["country"]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["country", "translations_reviewed"]}),
        (
            _("National strategy"),
            {
                "fields": [
                    "strategy_name",
                    ("strategy_year", "strategy_month"),
                    "strategy_status",
                    ("strategy_source", "strategy_where"),
                ]
            },
        ),
        (
            _("National body"),
            {
                "fields": [
                    "coordinating_body",
                    ("coordinating_body_source", "coordinating_body_where"),
                ]
            },
        ),
        (
            _("Role of local government"),
            {
                "fields": [
                    "local_government_role",
                    ("local_government_role_source", "local_government_role_where"),
                ]
            },
        ),
        (
            _("National-local structures"),
            {"fields": ["structures", ("structures_source", "structures_where")]},
        ),
        (_("Record"), {"fields": [("created", "updated")]}),
    ]
