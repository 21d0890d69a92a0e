from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.countries import localized_country_name

from .models import Suggestion
from .services import suggestion_moderate


class StateListFilter(admin.SimpleListFilter):
    """The moderation queue: waiting suggestions unless another state is asked for."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("all", _("All")), *Suggestion.State.choices]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or Suggestion.State.WAITING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Suggestion.State.WAITING
        return queryset if value == "all" else queryset.filter(state=value)


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["case_title", "country", "name", "email", "state", "submitted"]
    list_filter = [StateListFilter]
    list_select_related = ["case"]
    search_fields = ["case__title", "name", "email"]
    readonly_fields = ["case_link", "name", "email", "state", "submitted", "moderated"]
    fields = readonly_fields
    actions = ["accept", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("case__countries")

    def has_add_permission(self, request):
        return False  # suggestions come from the public form only

    @admin.display(description=_("Suggested case"), ordering="case__title")
    def case_title(self, suggestion):
        return suggestion.case.title

    @admin.display(description=_("Country"))
    def country(self, suggestion):
        countries = suggestion.case.countries.all()
        return ", ".join(localized_country_name(c.code, c.name) for c in countries)

    @admin.display(description=_("Draft case"))
    def case_link(self, suggestion):
        url = reverse("admin:cases_case_change", args=[suggestion.case_id])
        return format_html('<a href="{}">{}</a>', url, suggestion.case.title)

    @admin.action(description=_("Accept: keep the drafts for curators"), permissions=["change"])
    def accept(self, request, queryset):
        changed = suggestion_moderate(suggestions=queryset, accept=True, user=request.user)
        message = ngettext(
            "Accepted %(count)d suggestion.", "Accepted %(count)d suggestions.", changed
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Reject: move the drafts to the trash"), permissions=["delete"])
    def reject(self, request, queryset):
        changed = suggestion_moderate(suggestions=queryset, accept=False, user=request.user)
        message = ngettext(
            "Rejected %(count)d suggestion.", "Rejected %(count)d suggestions.", changed
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)
