"""Translation review in the admin, the same for cases and pillars: a list filter on each
language's state, a "Mark the French translation reviewed" action per language, and a panel on
the change form with each language's state and a button to mark it reviewed.

A model admin takes the mixin and lists TRANSLATION_FILTERS and REVIEW_ACTIONS; the model's
queryset is a core.languages.TranslatedQuerySet and its reviews are related as `translations`.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.languages import LANGUAGE_CODES, Language, TranslationState

from ..services.translations import (
    may_review_translations,
    review_note,
    translation_mark_reviewed,
)


def translation_filter(language):
    """A list filter on the state of the `language` text ("Needs French review", …), read
    through TranslatedQuerySet.in_translation_state, the queryset form of the one rule."""
    name = Language(language).label

    class TranslationStateFilter(admin.SimpleListFilter):
        title = format_lazy(gettext_lazy("{language} translation"), language=name)
        parameter_name = f"translation_{language}"

        def lookups(self, request, model_admin):
            return [
                (TranslationState.MISSING, _("%(language)s missing") % {"language": name}),
                (TranslationState.UNREVIEWED, _("Needs %(language)s review") % {"language": name}),
                (TranslationState.REVIEWED, _("%(language)s reviewed") % {"language": name}),
                (TranslationState.ORIGINAL, _("Written in %(language)s") % {"language": name}),
            ]

        def queryset(self, request, queryset):
            if self.value() in TranslationState.values:
                return queryset.in_translation_state(language, self.value())
            return queryset

    TranslationStateFilter.__name__ = f"TranslationStateFilter_{language}"
    return TranslationStateFilter


TRANSLATION_FILTERS = [translation_filter(language) for language in LANGUAGE_CODES]


def review_label(language):
    return format_lazy(
        gettext_lazy("Mark the {language} translation reviewed"),
        language=Language(language).label,
    )


def mark_translation_reviewed_action(language):
    """The admin action "Mark the French translation reviewed" (staff who may change the
    model's objects)."""

    @admin.action(description=review_label(language), permissions=["change"])
    def action(modeladmin, request, queryset):
        report_translation_review(modeladmin, request, queryset, language)

    action.__name__ = f"mark_{language}_translation_reviewed"
    return action


REVIEW_ACTIONS = [mark_translation_reviewed_action(language) for language in LANGUAGE_CODES]


def report_translation_review(modeladmin, request, queryset, language):
    """Mark the translations reviewed and tell the user what was done, and what was not."""
    name = Language(language).label
    try:
        result = translation_mark_reviewed(objects=queryset, language=language, user=request.user)
    except PermissionDenied as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    for obj in result.marked:
        modeladmin.log_change(request, obj, review_note(language))
    if result.marked:
        count = len(result.marked)
        modeladmin.message_user(
            request,
            modeladmin.translations_marked_message % {"language": name, "count": count},
            messages.SUCCESS,
        )
    if result.missing:
        modeladmin.message_user(
            request,
            _("Not marked, as there is no %(language)s translation to review (%(why)s): %(names)s.")
            % {
                "language": name,
                "why": modeladmin.translation_missing_reason,
                "names": ", ".join(str(obj) for obj in result.missing),
            },
            messages.ERROR,
        )
    if result.original:
        modeladmin.message_user(
            request,
            _("Not marked, as %(language)s is the original language of: %(names)s.")
            % {"language": name, "names": ", ".join(str(obj) for obj in result.original)},
            messages.WARNING,
        )


class TranslationReviewAdmin:
    """The change form's translation panel: each language's state, who reviewed it and when,
    and for a translation no person has checked, a button that marks it reviewed (a POST to
    its own URL, permission-checked, recorded like the list's action)."""

    change_form_template = "admin/translation_review/change_form.html"
    # "Marked the French translation of 2 cases reviewed.": an ngettext_lazy counting "count".
    translations_marked_message = None
    # Why a translation counts as missing: "its title or summary is empty".
    translation_missing_reason = None

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(require_POST(self.review_translation_view))
        return [
            path(
                "<path:object_id>/translations/<str:language>/review/",
                view,
                name="{}_{}_review_translation".format(*info),
            ),
            *super().get_urls(),
        ]

    def review_translation_view(self, request, object_id, language):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or language not in LANGUAGE_CODES:
            raise Http404(_("No such record or language."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        queryset = self.model._default_manager.filter(pk=obj.pk)
        report_translation_review(self, request, queryset, language)
        info = self.opts.app_label, self.opts.model_name
        change_url = reverse(
            "admin:{}_{}_change".format(*info), args=[obj.pk], current_app=self.admin_site.name
        )
        return HttpResponseRedirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["translation_panel"] = self.translation_panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translation_panel(self, request, obj):
        """One row per language: its name, state, review and the button's URL (if any)."""
        reviews = type(obj).translations.rel.related_model.objects.select_related("reviewed_by")
        prefetch_related_objects([obj], Prefetch("translations", queryset=reviews))
        may_review = self.has_change_permission(request, obj) and may_review_translations(
            request.user, self.model
        )
        info = self.opts.app_label, self.opts.model_name
        rows = []
        for language in LANGUAGE_CODES:
            state = obj.translation_state(language)
            review = next(
                (r for r in obj.translations.all() if r.language == language and r.is_reviewed),
                None,
            )
            rows.append(
                {
                    "language": language,
                    "language_name": Language(language).label,
                    "state": TranslationState(state).label,
                    "review": review if state == TranslationState.REVIEWED else None,
                    "button": review_label(language),
                    "review_url": reverse(
                        "admin:{}_{}_review_translation".format(*info),
                        args=[obj.pk, language],
                        current_app=self.admin_site.name,
                    )
                    if may_review and state == TranslationState.UNREVIEWED
                    else None,
                }
            )
        return rows
