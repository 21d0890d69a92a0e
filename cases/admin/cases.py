"""The case admin: editing, the workflow actions, the trash and the bulk import."""

from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.csrf import csrf_exempt
from modeltranslation.admin import TabbedTranslationAdmin

from core.countries import localized_country_name
from core.languages import LANGUAGE_CODES, localized

from ..choices import Region
from ..models import Case, CaseActor, CaseCountry, Country, Source
from ..services.history import case_revert
from ..services.imports.apply import import_apply
from ..services.imports.files import ImportFileError, read_records, stage_upload, staged_upload
from ..services.imports.plan import import_plan
from ..services.workflow import (
    can_set_status,
    case_mark_reviewed,
    case_restore,
    case_set_status,
    case_trash,
)
from .forms import CaseAdminForm, CaseImportForm
from .history import HistoryAdmin
from .related import RelatedCaseOverrideInline
from .translations import REVIEW_ACTIONS, TRANSLATION_FILTERS, TranslationReviewAdmin


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
    title = gettext_lazy("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return Region.choices

    def queryset(self, request, queryset):
        if self.value():
            matching = Country.objects.filter(region=self.value())
            return queryset.filter(
                pk__in=CaseCountry.objects.filter(country__in=matching).values("case_id")
            )
        return queryset


class TrashListFilter(admin.SimpleListFilter):
    """Trashed cases are hidden from the case list unless this filter asks for them."""

    title = gettext_lazy("trash")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("1", _("In the trash"))]

    def queryset(self, request, queryset):
        return queryset.trashed() if self.value() == "1" else queryset.live()


def refuse_oversized(view, *, url):
    """Turn away an upload larger than the limit before anything reads its body.

    Exempt from the CSRF middleware only because that would read the body to find the
    token; the wrapped admin view still checks CSRF, after the size.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.CASE_IMPORT_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # A little room for the form's other fields and the multipart boundaries.
        if request.method == "POST" and length > limit + 64 * 1024:
            messages.error(
                request,
                _(
                    "The file was not imported: the upload is %(size)s, more than the %(limit)s "
                    "limit. Split it into smaller files."
                )
                % {"size": filesizeformat(length), "limit": filesizeformat(limit)},
            )
            return HttpResponseRedirect(url())
        return view(request, *args, **kwargs)

    return wrapper


@admin.register(Case)
class CaseAdmin(TranslationReviewAdmin, TabbedTranslationAdmin, HistoryAdmin):
    """Each language's title, summary, body and takeaways in tabs of one form
    (django-modeltranslation; jQuery UI is vendored in static/vendor/)."""

    translations_marked_message = ngettext_lazy(
        "Marked the %(language)s translation of %(count)d case reviewed.",
        "Marked the %(language)s translations of %(count)d cases reviewed.",
        "count",
    )
    translation_missing_reason = gettext_lazy("its title or summary is empty")

    form = CaseAdminForm
    list_display = ["title", "country_list", "status", "pillar_list", "reviewed_at", "updated"]
    list_filter = [
        TrashListFilter,
        "status",
        "pillars",
        RegionListFilter,
        "countries",
        "original_language",
        *TRANSLATION_FILTERS,
    ]
    search_fields = [
        "slug",
        *(localized(name, code) for name in ("title", "summary") for code in LANGUAGE_CODES),
    ]
    autocomplete_fields = ["countries"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "reviewed_at", "created", "updated"]
    inlines = [CaseActorInline, SourceInline]
    inlines += [RelatedCaseOverrideInline]
    actions = [
        "submit_for_review",
        "publish",
        "mark_reviewed",
        "archive",
        "back_to_draft",
        "delete_selected",
        "restore",
        *REVIEW_ACTIONS,
    ]
    change_list_template = "admin/cases/case/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "status",
                    "original_language",
                    "countries",
                    "pillars",
                    "lock_version",
                ]
            },
        ),
        (
            gettext_lazy("Period"),
            {"fields": [("start_year", "start_month"), ("end_year", "end_month")]},
        ),
        (gettext_lazy("Text"), {"fields": ["summary", "body", "takeaways"]}),
        (
            gettext_lazy("Record"),
            {
                "fields": [("published_at", "reviewed_at"), ("created", "updated")],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries", "pillars")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        import_url = "admin:{}_{}_import".format(*info)
        view = refuse_oversized(
            self.admin_site.admin_view(self.import_view), url=lambda: reverse(import_url)
        )
        return [path("import/", view, name="{}_{}_import".format(*info)), *super().get_urls()]

    def has_publish_permission(self, request):
        return request.user.has_perm("cases.publish_case")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.in_trash and request.method == "GET":
            messages.warning(
                request,
                _(
                    "This case is in the trash, so it is not public whatever its status. "
                    "Restore it from the Trash list to bring it back."
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revert_version(self, request, obj, version):
        case_revert(case=obj, version=version, user=request.user)

    # Trash: deleting moves to the trash; the relations stay, so restoring is whole.

    def delete_model(self, request, obj):
        case_trash(case=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for case in queryset:
            case_trash(case=case, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted: the confirmation lists only the cases going to the trash.
        to_trash = [f"{self.opts.verbose_name.capitalize()}: {obj}" for obj in objs]
        return to_trash, {self.opts.verbose_name_plural: len(to_trash)}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        messages.info(
            request, _("It is in the trash: filter the list by “In the trash” to restore it.")
        )
        return super().response_delete(request, obj_display, obj_id)

    @admin.action(
        description=gettext_lazy("Restore the selected cases from the trash"),
        permissions=["delete"],
    )
    def restore(self, request, queryset):
        cases = list(queryset.trashed())
        for case in cases:
            case_restore(case=case, user=request.user)
        message = ngettext("Restored %(count)d case.", "Restored %(count)d cases.", len(cases))
        self.message_user(request, message % {"count": len(cases)}, messages.SUCCESS)

    # Workflow

    @admin.display(description=gettext_lazy("Countries"))
    def country_list(self, case):
        return ", ".join(
            localized_country_name(country.code, country.name) for country in case.countries.all()
        )

    @admin.display(description=gettext_lazy("Pillars"))
    def pillar_list(self, case):
        return ", ".join(pillar.name for pillar in case.pillars.all())

    def _set_status(self, request, queryset, status, done):
        """`done` counts the cases changed: an ngettext_lazy of "count"."""
        try:
            changed = case_set_status(cases=queryset, status=status, user=request.user)
        except PermissionDenied as error:
            message = _("Nothing was changed: %(reason)s") % {"reason": error}
            self.message_user(request, message, messages.ERROR)
            return
        self.message_user(request, done % {"count": changed}, messages.SUCCESS)

    @admin.action(
        description=gettext_lazy("Submit the selected cases for review"), permissions=["change"]
    )
    def submit_for_review(self, request, queryset):
        done = ngettext_lazy(
            "Submitted %(count)d case for review.", "Submitted %(count)d cases for review.", "count"
        )
        self._set_status(request, queryset, Case.Status.REVIEW, done)

    @admin.action(description=gettext_lazy("Publish the selected cases"), permissions=["publish"])
    def publish(self, request, queryset):
        done = ngettext_lazy("Published %(count)d case.", "Published %(count)d cases.", "count")
        self._set_status(request, queryset, Case.Status.PUBLISHED, done)

    @admin.action(
        description=gettext_lazy("Mark the selected cases as reviewed today"),
        permissions=["publish"],
    )
    def mark_reviewed(self, request, queryset):
        changed = case_mark_reviewed(cases=queryset, user=request.user)
        message = ngettext(
            "Marked %(count)d case as reviewed.", "Marked %(count)d cases as reviewed.", changed
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Archive the selected cases"), permissions=["publish"])
    def archive(self, request, queryset):
        done = ngettext_lazy("Archived %(count)d case.", "Archived %(count)d cases.", "count")
        self._set_status(request, queryset, Case.Status.ARCHIVED, done)

    @admin.action(
        description=gettext_lazy("Move the selected cases back to draft"), permissions=["change"]
    )
    def back_to_draft(self, request, queryset):
        done = ngettext_lazy(
            "Moved %(count)d case back to draft.", "Moved %(count)d cases back to draft.", "count"
        )
        self._set_status(request, queryset, Case.Status.DRAFT, done)

    # Bulk import with a dry-run preview

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import cases"),
            "max_size": settings.CASE_IMPORT_MAX_BYTES,
        }
        if request.method == "POST" and "token" in request.POST:
            return self._import_confirmed(request, context)
        form = CaseImportForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method != "POST" or not form.is_valid():
            return render(request, "admin/cases/case/import.html", context)
        upload, status = form.cleaned_data["file"], form.cleaned_data["status"]
        if not can_set_status(request.user, old=None, new=status):
            form.add_error("status", _("Only editors can import cases as published."))
            return render(request, "admin/cases/case/import.html", context)
        if upload.size > settings.CASE_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(context["max_size"])},
            )
            return render(request, "admin/cases/case/import.html", context)
        data = upload.read()
        plan = self._plan(request, context, name=upload.name, data=data)
        if plan is not None and plan.is_clean:
            context["token"] = stage_upload(user_id=request.user.pk, name=upload.name, data=data)
        context.update(status=status, status_label=Case.Status(status).label, filename=upload.name)
        return render(request, "admin/cases/case/import.html", context)

    def _plan(self, request, context, *, name, data):
        try:
            records = read_records(name=name, data=data)
        except ImportFileError as error:
            context["file_error"] = str(error)
            return None
        plan = import_plan(records=records)
        context["plan"] = plan
        return plan

    def _import_confirmed(self, request, context):
        status = request.POST.get("status")
        staged = staged_upload(user_id=request.user.pk, token=request.POST["token"])
        if staged is None or status not in Case.Status.values:
            messages.error(request, _("That preview has expired. Choose the file again."))
            return HttpResponseRedirect(reverse("admin:cases_case_import"))
        name, data = staged
        # Checked again: the catalogue may have changed since the preview.
        plan = self._plan(request, context, name=name, data=data)
        if plan is None or not plan.is_clean:
            context["form"] = CaseImportForm()
            return render(request, "admin/cases/case/import.html", context)
        try:
            result = import_apply(plan=plan, user=request.user, status=status)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:cases_case_import"))
        staged_upload(user_id=request.user.pk, token=request.POST["token"], consume=True)
        done = ngettext(
            "Import done: %(created)d case created, %(updated)d updated.",
            "Import done: %(created)d cases created, %(updated)d updated.",
            result.created,
        )
        messages.success(request, done % {"created": result.created, "updated": result.updated})
        return HttpResponseRedirect(reverse("admin:cases_case_changelist"))
