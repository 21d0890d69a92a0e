"""The self-assessment's statements: what a city or a national body rates itself on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import Level
from core.models import TimeStampedModel


class Score(models.IntegerChoices):
    """The four-point scale every statement is rated on, lowest first."""

    NOT_YET = 0, _("Not yet")
    STARTING = 1, _("Starting")
    DEVELOPING = 2, _("Developing")
    ESTABLISHED = 3, _("Established")


class AskerLevel(models.TextChoices):
    """The level of government the person taking the assessment works at."""

    CITY = "city", _("City or local")
    REGIONAL = "regional", _("Regional, state or provincial")
    NATIONAL = "national", _("National")

    @property
    def actor_levels(self):
        """The catalogue's actor levels that count as "your level" for recommendations.

        Ward and neighbourhood bodies (community level) work inside a city, so a city
        practitioner learns from them as much as from the municipality itself.
        """
        return {
            AskerLevel.CITY: (Level.LOCAL, Level.COMMUNITY),
            AskerLevel.REGIONAL: (Level.REGIONAL,),
            AskerLevel.NATIONAL: (Level.NATIONAL,),
        }[self]


class StatementQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def asked(self):
        """The statements the self-assessment asks, in order, each with its pillar."""
        return self.active().select_related("pillar")


class Statement(TimeStampedModel):
    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A stable identifier; the seed loader matches statements by it."),
    )
    pillar = models.ForeignKey(
        "pillars.Pillar",
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    text = models.CharField(
        _("statement"),
        max_length=300,
        help_text=_(
            "One sentence a city or national body rates itself on, from not yet to established."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position within its pillar; lower comes first.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active statements are asked.")
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["pillar__order", "order", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            # The form and the result read the active statements, pillar by pillar.
            models.Index(fields=["active", "pillar", "order"], name="statement_active_idx"),
        ]

    def __str__(self):
        return self.text

    @property
    def field_name(self):
        """The statement's parameter in the form and the result's address: s<id>."""
        return f"s{self.pk}"
