"""Admin history pages: every stored version, a readable diff of any two, one-click revert."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from ..services.history import object_revert
from ..services.notes import translated_note
from .diffs import compare


class HistoryAdmin(VersionAdmin):
    """VersionAdmin (which records a revision for every admin save) with our history pages."""

    object_history_template = "admin/history/object_history.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/revert/",
                view(require_POST(self.revert_view)),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def revert_version(self, request, obj, version):
        object_revert(obj=obj, version=version, user=request.user)

    def _object_and_versions(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404(_("No such record."))
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        return obj, list(versions)

    def _url(self, name, obj, *args):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_{}".format(*info, name),
            args=[quote(obj.pk), *args],
            current_app=self.admin_site.name,
        )

    def _context(self, request, obj, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "can_revert": self.has_change_permission(request, obj),
            "history_url": self._url("history", obj),
            "compare_url": self._url("compare", obj),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj, versions = self._object_and_versions(request, object_id)
        rows = [
            (
                version,
                self._url("revert", obj, version.pk),
                translated_note(version.revision.comment),
            )
            for version in versions
        ]
        context = self._context(request, obj, rows=rows, **(extra_context or {}))
        return render(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj, versions = self._object_and_versions(request, object_id)
        if not versions:
            messages.info(request, _("This record has no stored versions yet."))
            return HttpResponseRedirect(self._url("history", obj))
        by_id = {str(version.pk): version for version in versions}
        newer = by_id.get(request.GET.get("to", ""), versions[0])
        older = by_id.get(request.GET.get("from", ""), versions[min(1, len(versions) - 1)])
        if older.pk > newer.pk:
            older, newer = newer, older
        diffs = compare(older, newer)
        context = self._context(
            request,
            obj,
            title=_("Changes to %(object)s") % {"object": obj},
            older=older,
            newer=newer,
            changed=[diff for diff in diffs if diff.changed],
            unchanged=[diff for diff in diffs if not diff.changed],
            revert_older_url=self._url("revert", obj, older.pk),
            is_latest=newer.pk == versions[0].pk,
        )
        return render(request, "admin/history/compare.html", context)

    def revert_view(self, request, object_id, version_id):
        obj, versions = self._object_and_versions(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = next((version for version in versions if version.pk == version_id), None)
        if version is None:
            raise Http404(_("That version does not belong to this record."))
        try:
            self.revert_version(request, obj, version)
        except RevertError as error:
            messages.error(request, _("Nothing was reverted: %(reason)s") % {"reason": error})
            return HttpResponseRedirect(self._url("history", obj))
        saved = timezone.localtime(version.revision.date_created)
        messages.success(
            request,
            _(
                "“%(object)s” is back as it was on %(date)s at %(time)s. The version it replaced "
                "stays in the history, so this can be undone the same way."
            )
            % {"object": obj, "date": date_format(saved, "j F Y"), "time": f"{saved:%H:%M}"},
        )
        return HttpResponseRedirect(self._url("change", obj))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reversion's own revert form is replaced by the comparison with the latest version."""
        obj, _versions = self._object_and_versions(request, object_id)
        return HttpResponseRedirect(f"{self._url('compare', obj)}?from={version_id}")
