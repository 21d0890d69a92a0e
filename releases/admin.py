"""Releases are made in the admin (add) and then only looked at: no change, no delete."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from .models import Release, ReleaseFile, Snapshot
from .services.release import ReleaseError, release_create


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["name", "notes"]


class ReleaseFileInline(admin.TabularInline):
    model = ReleaseFile
    fields = ["name", "size", "sha256", "content_type"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    form = ReleaseForm
    list_display = [
        "name",
        "published",
        "case_count",
        "added_count",
        "changed_count",
        "removed_count",
        "created_by",
    ]
    list_select_related = ["created_by"]
    search_fields = ["name"]
    readonly_fields = ["published", "created_by", "case_count"]
    inlines = [ReleaseFileInline]

    def get_queryset(self, request):
        return super().get_queryset(request).without_changelog()

    def get_fields(self, request, obj=None):
        return ["name", "notes"] if obj is None else ["name", "notes", *self.readonly_fields]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except ReleaseError as error:
            # The admin's transaction has rolled back and the service removed its files.
            self.message_user(
                request,
                _("No release was made, and nothing was kept: %(error)s") % {"error": error},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def save_form(self, request, form, change):
        """Create the release with its files (the service); the form only named it."""
        data = form.cleaned_data
        return release_create(
            name=data["name"],
            notes=data["notes"],
            user=request.user,
            site_url=request.build_absolute_uri("/"),
        )

    def save_model(self, request, obj, form, change):
        pass  # save_form() has written it, with its files, in one go

    def save_related(self, request, form, formsets, change):
        pass


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["id", "created", "case_count", "query", "release"]
    list_select_related = ["release"]
    search_fields = ["id", "query"]
    fields = ["id", "created", "query", "filter_labels", "release", "case_count"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("release__changelog")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
