from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel


class PillarQuerySet(models.QuerySet):
    def with_case_counts(self):
        """Annotate `case_count`, the pillar's published cases, in display order.

        The order is explicit because Meta.ordering does not apply to aggregate queries.
        """
        from cases.models import Case  # cases depends on pillars, not the other way round

        published = models.Count("cases", filter=Case.published_q("cases__"), distinct=True)
        return self.annotate(case_count=published).order_by("order", "name")


class Pillar(TimeStampedModel):
    """One of the six NLC pillars of the Strong Cities / GCTF Toolkit."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in lists; lower comes first."
    )
    definition = models.CharField(max_length=255, help_text="One line: what the pillar means.")
    guidance = models.TextField(blank=True, help_text="Markdown.")

    objects = PillarQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pillars:detail", args=[self.slug])
