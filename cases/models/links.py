"""What hangs off a case: its actors' parts, its sources, its former slugs and the related
cases curators pinned or hid."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .reference import Actor


class CaseActor(models.Model):
    """An actor's part in one case."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="case_actors"
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="case_links"
    )
    role = models.CharField(_("role"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("actor in case")
        verbose_name_plural = _("actors in case")
        constraints = [
            models.UniqueConstraint(fields=["case", "actor"], name="case_actor_unique"),
        ]
        indexes = [
            # Level/kind filters: from an actor to the cases it takes part in.
            models.Index(fields=["actor", "case"], name="case_actor_by_actor_idx"),
        ]

    def __str__(self):
        return f"{self.actor} in {self.case}"


class Source(models.Model):
    """A document a case is drawn from."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published = models.DateField(_("publication date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title

    @property
    def citation(self):
        parts = [self.publisher, self.published.strftime("%-d %B %Y") if self.published else ""]
        details = ", ".join(part for part in parts if part)
        return f"{self.title} ({details})" if details else self.title


class CaseSlugHistory(models.Model):
    """A slug a case used to have, so that old links redirect to its current page."""

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return f"{self.slug} → {self.case.slug}"

    @classmethod
    def record_rename(cls, *, case, old_slug):
        # The new slug is live again, whoever held it before; the old one now points here
        # (taking it over from an earlier case that had it, if any).
        cls.objects.filter(slug=case.slug).delete()
        if old_slug:
            cls.objects.update_or_create(slug=old_slug, defaults={"case": case})


class RelatedCaseOverride(models.Model):
    """A curator's choice about one related case: pin it to the top, or never show it."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Pin: show first")
        HIDE = "hide", _("Hide: never show")

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="related_overrides",
    )
    other = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("related case"),
    )
    kind = models.CharField(_("pin or hide"), max_length=4, choices=Kind.choices, default=Kind.PIN)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Pinned cases, lowest first.")
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("related case chosen by the editors")
        verbose_name_plural = _("related cases chosen by the editors")
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="related_override_unique"),
            models.CheckConstraint(
                condition=~Q(case=F("other")), name="related_override_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["pin", "hide"]), name="related_override_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.other} on {self.case}"

    def clean(self):
        if self.case_id is not None and self.case_id == self.other_id:
            raise ValidationError({"other": _("A case cannot be related to itself.")})
