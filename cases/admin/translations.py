"""The case list's translation filters and review actions, one of each per language."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.languages import LANGUAGE_CODES, Language, TranslationState

from ..services.translations import translation_mark_reviewed


def translation_filter(language):
    """A list filter on the state of the `language` text ("Needs French review", …), read
    through CaseQuerySet.in_translation_state, the queryset form of the one rule."""
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


def mark_translation_reviewed_action(language):
    """The admin action "Mark the French translation reviewed" (staff who may change cases)."""

    @admin.action(
        description=format_lazy(
            gettext_lazy("Mark the {language} translation reviewed"),
            language=Language(language).label,
        ),
        permissions=["change"],
    )
    def action(modeladmin, request, queryset):
        report_translation_review(modeladmin, request, queryset, language)

    action.__name__ = f"mark_{language}_translation_reviewed"
    return action


def report_translation_review(modeladmin, request, queryset, language):
    """Mark the translations reviewed and tell the user what was done, and what was not."""
    name = Language(language).label
    try:
        result = translation_mark_reviewed(cases=queryset, language=language, user=request.user)
    except PermissionDenied as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    if result.marked:
        modeladmin.message_user(
            request,
            ngettext(
                "Marked the %(language)s translation of %(count)d case reviewed.",
                "Marked the %(language)s translations of %(count)d cases reviewed.",
                len(result.marked),
            )
            % {"language": name, "count": len(result.marked)},
            messages.SUCCESS,
        )
    if result.missing:
        modeladmin.message_user(
            request,
            _(
                "Not marked, as there is no %(language)s translation to review (its title or "
                "summary is empty): %(cases)s."
            )
            % {"language": name, "cases": ", ".join(str(case) for case in result.missing)},
            messages.ERROR,
        )
    if result.original:
        modeladmin.message_user(
            request,
            _("Not marked, as %(language)s is the original language of: %(cases)s.")
            % {"language": name, "cases": ", ".join(str(case) for case in result.original)},
            messages.WARNING,
        )


REVIEW_ACTIONS = [mark_translation_reviewed_action(language) for language in LANGUAGE_CODES]
