from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cases.admin.history import HistoryAdmin

from .models import Statement


# The plain TranslationAdmin shows the English, French and Arabic texts one under another.
# Its tabbed variant needs jQuery UI, which modeltranslation loads from a CDN: the site's
# Content-Security-Policy (and the no-CDN rule) keep it out.
@admin.register(Statement)
class StatementAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("text", "pillar", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("pillar", "active")
    list_select_related = ("pillar",)
    search_fields = ("text_en", "text_fr", "text_ar", "key")
    fields = ("pillar", "text", "order", "active", "key")
    readonly_fields = ()
