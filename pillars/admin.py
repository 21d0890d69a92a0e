from django.contrib import admin
from django.db.models import Count

from cases.models import Case

from .models import Pillar


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "published_cases"]
    list_editable = ["order"]
    ordering = ["order", "name"]
    search_fields = ["name", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        published = Count("cases", filter=Case.published_q("cases__"))
        return super().get_queryset(request).annotate(published_count=published)

    @admin.display(description="Published cases", ordering="published_count")
    def published_cases(self, obj):
        return obj.published_count
