"""The places and bodies cases are about: countries and the actors that take part."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from ..choices import ActorKind, Level, Region
from ..validators import validate_iso_country_code


class Country(TimeStampedModel):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[validate_iso_country_code],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. UG."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("In English; pages in other languages use ISO's.")
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        indexes = [
            # Region filter and region facet: countries of a region.
            models.Index(fields=["region"], name="country_region_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:country", args=[self.code])


class Actor(TimeStampedModel):
    """An organisation or body that takes part in one or more cases."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ActorKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actors",
        help_text=_("The country the body belongs to; empty for international bodies."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [
            # Level and kind filters and facets go from the case-actor link to these columns.
            models.Index(fields=["level"], name="actor_level_idx"),
            models.Index(fields=["kind"], name="actor_kind_idx"),
        ]
        constraints = [
            # The exports list a case's levels widest first, by this vocabulary's order.
            models.CheckConstraint(condition=Q(level__in=Level.values), name="actor_level_known"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:actor", args=[self.slug])
