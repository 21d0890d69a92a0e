from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel


class Pillar(TimeStampedModel):
    """One of the six NLC pillars of the Strong Cities / GCTF Toolkit.

    The pillars are a vocabulary the cases app builds on; this app knows nothing of cases.
    """

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in lists; lower comes first."
    )
    definition = models.CharField(max_length=255, help_text="One line: what the pillar means.")
    guidance = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pillars:detail", args=[self.slug])
