"""Releases (named, immutable snapshots of the published catalogue, with their files) and
snapshots (a frozen filtered list, citable by a short id)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.markdown import render_markdown

RELEASE_NAME_PATTERN = r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$"
# Letters and digits a reader cannot confuse (no 0/o, 1/l/i), so an id can be read aloud.
SNAPSHOT_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SNAPSHOT_ID_LENGTH = 10


class FrozenError(Exception):
    """A release or snapshot, once written, never changes."""


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published", "-id")

    def without_changelog(self):
        """For lists of releases: a changelog can list every case; its counts are columns."""
        return self.defer("changelog")


class Release(models.Model):
    """Every published case at one moment; its files live in the "releases" storage."""

    name = models.CharField(
        _("version"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                RELEASE_NAME_PATTERN,
                _(
                    "Use letters and digits, separated by single dots, hyphens or underscores, "
                    "e.g. 2026.1."
                ),
            )
        ],
        help_text=_("A version label such as 2026.1; it names the files and cannot change."),
    )
    notes = models.TextField(_("release notes"), blank=True, help_text=_("Markdown."))
    published = models.DateTimeField(_("published"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case_count = models.PositiveIntegerField(_("cases"), editable=False, default=0)
    # The catalogue's version (cases.cache) when the records were read: a snapshot made later
    # compares it to tell whether the catalogue may have changed since.
    catalogue_version = models.BigIntegerField(editable=False, default=0)
    # The address the records' permalinks start with.
    site_url = models.CharField(max_length=200, editable=False, default="")
    coverage = models.JSONField(editable=False, default=dict)
    changelog = models.JSONField(editable=False, default=dict)
    # The changelog's counts and the release it compares with, kept beside it so that lists
    # of releases need not read every changelog.
    previous_name = models.CharField(max_length=40, blank=True, editable=False)
    added_count = models.PositiveIntegerField(_("added"), editable=False, default=0)
    changed_count = models.PositiveIntegerField(_("changed"), editable=False, default=0)
    removed_count = models.PositiveIntegerField(_("removed"), editable=False, default=0)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            # 2026.1 and 2026.1 in other letter cases would name the same files on some storages.
            models.UniqueConstraint(Lower("name"), name="release_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenError(f"Release {self.name} is frozen; make a new release instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("releases:detail", args=[self.name])

    def delete(self, *args, **kwargs):
        raise FrozenError(f"Release {self.name} is frozen and cannot be deleted.")

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        same = Release.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if self.name and same.exists():
            raise ValidationError({"name": _("There is already a release with this name.")})

    @property
    def notes_html(self):
        return render_markdown(self.notes)

    def record_changelog(self, changelog):
        """Set the changelog ({"previous", "added", "changed", "removed"}) and its counts."""
        self.changelog = changelog
        self.previous_name = changelog["previous"] or ""
        self.added_count = len(changelog["added"])
        self.changed_count = len(changelog["changed"])
        self.removed_count = len(changelog["removed"])

    @property
    def counts(self):
        """How many cases the changelog lists as added, changed and removed."""
        return {
            "added": self.added_count,
            "changed": self.changed_count,
            "removed": self.removed_count,
        }


class ReleaseFile(models.Model):
    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.PROTECT, related_name="files"
    )
    name = models.CharField(_("file"), max_length=100)
    # Where the file is in the "releases" storage.
    path = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["release", "position"]
        verbose_name = _("release file")
        verbose_name_plural = _("release files")
        constraints = [
            models.UniqueConstraint(fields=["release", "name"], name="release_file_name_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenError("A release's files are frozen.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("releases:file", args=[self.release.name, self.name])


def new_snapshot_id():
    return "".join(secrets.choice(SNAPSHOT_ALPHABET) for _ in range(SNAPSHOT_ID_LENGTH))


class Snapshot(models.Model):
    """A filtered list frozen as it was: its filters, its time and its cases' records."""

    id = models.CharField(_("ID"), primary_key=True, max_length=SNAPSHOT_ID_LENGTH, editable=False)
    created = models.DateTimeField(_("frozen at"), editable=False)
    # The filters, as the FilterSet normalised them (CaseFilter.normalised_query()).
    query = models.TextField(_("filters (query string)"), blank=True, editable=False)
    # The filters in words as they read then: a pillar or country may be renamed later.
    filter_labels = models.JSONField(_("filters"), default=list, editable=False)
    release = models.ForeignKey(
        Release,
        verbose_name=_("latest release"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    changed_since_release = models.BooleanField(default=True, editable=False)
    case_count = models.PositiveIntegerField(_("cases"), default=0, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self):
        return self.id

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenError(f"Snapshot {self.id} is frozen.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("releases:snapshot", args=[self.id])

    def records_json(self):
        """The frozen records' JSON texts, in the list's order, read in chunks."""
        return (
            self.entries.order_by("position")
            .values_list("record", flat=True)
            .iterator(chunk_size=500)
        )


class SnapshotEntry(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField()
    slug = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    # The case's export record as JSON text: text rather than a JSON column, so the keys keep
    # the export's order (PostgreSQL's jsonb would sort them).
    record = models.TextField()

    class Meta:
        ordering = ["snapshot", "position"]
        verbose_name = _("snapshot case")
        verbose_name_plural = _("snapshot cases")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "position"], name="snapshot_entry_position_unique"
            ),
        ]

    def __str__(self):
        return self.title
