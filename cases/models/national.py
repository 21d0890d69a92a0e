"""A country's national framework for NLC, each statement with the document that makes it.

A country page says how the national strategy reaches cities there: the strategy, the national
body behind it, the role it gives local government and the national-local structures. Every
statement names its source, a Publication (a document about a country rather than one case,
so not a case's Source), and where in it. A statement the sources do not make stays empty.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case as SQLCase
from django.db.models import Q, When
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from ..choices import MONTHS, Level
from .case import YEAR_VALIDATORS, Case
from .reference import Actor, Country


class Publication(models.Model):
    """A document the national frameworks cite (the seed's practice update, programme page)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published = models.DateField(_("publication date"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title

    def as_record(self):
        return {
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
        }


def _source(verbose_name):
    return models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


def _where(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=200,
        blank=True,
        help_text=_("Section or page, e.g. “the section on Malawi”."),
    )


class NationalFrameworkQuerySet(models.QuerySet):
    def with_sources(self):
        """Frameworks with their country and every statement's source: one query."""
        return self.select_related("country", *NationalFramework.SOURCE_FIELDS)


class NationalFramework(TimeStampedModel):
    """What the catalogue's sources say about one country's national framework for NLC."""

    # The statements, in the panel's order: (text fields, source field, where field).
    STATEMENTS = {
        "strategy": (("strategy_name", "strategy_status"), "strategy_source", "strategy_where"),
        "coordinating_body": (
            ("coordinating_body",),
            "coordinating_body_source",
            "coordinating_body_where",
        ),
        "local_government_role": (
            ("local_government_role",),
            "local_government_role_source",
            "local_government_role_where",
        ),
        "structures": (("structures",), "structures_source", "structures_where"),
    }
    SOURCE_FIELDS = tuple(source for _texts, source, _where in STATEMENTS.values())
    # select_related() from a Country: its framework and every source, in the country's query.
    FROM_COUNTRY = ("national_framework", *(f"national_framework__{s}" for s in SOURCE_FIELDS))
    # Registered with modeltranslation (cases/translation.py): one column per language each.
    TRANSLATED_FIELDS = (
        "strategy_name",
        "strategy_status",
        "coordinating_body",
        "local_government_role",
        "structures",
        "strategy_where",
        "coordinating_body_where",
        "local_government_role_where",
        "structures_where",
    )

    country = models.OneToOneField(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="national_framework",
    )
    strategy_name = models.CharField(
        _("strategy name"),
        max_length=300,
        blank=True,
        help_text=_("The national strategy or action plan, by name."),
    )
    strategy_year = models.PositiveSmallIntegerField(
        _("strategy year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("When it was adopted or last updated."),
    )
    strategy_month = models.PositiveSmallIntegerField(
        _("strategy month"), null=True, blank=True, choices=MONTHS
    )
    strategy_status = models.TextField(
        _("strategy status"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Where the strategy stands (adopted, updated, under review) and what it holds."
        ),
    )
    strategy_source = _source(_("source of the strategy"))
    strategy_where = _where(_("where in the source (strategy)"))
    coordinating_body = models.TextField(
        _("coordinating body"),
        max_length=1000,
        blank=True,
        help_text=_("The national body that coordinates it or leads the work, as the source says."),
    )
    coordinating_body_source = _source(_("source of the coordinating body"))
    coordinating_body_where = _where(_("where in the source (coordinating body)"))
    local_government_role = models.TextField(
        _("role of local government"),
        max_length=1000,
        blank=True,
        help_text=_("The role it gives local government."),
    )
    local_government_role_source = _source(_("source of the role of local government"))
    local_government_role_where = _where(_("where in the source (role of local government)"))
    structures = models.TextField(
        _("structures"),
        max_length=1500,
        blank=True,
        help_text=_("National-local structures: committees, networks, platforms, institutes."),
    )
    structures_source = _source(_("source of the structures"))
    structures_where = _where(_("where in the source (structures)"))
    translations_reviewed = models.BooleanField(
        _("translations reviewed"),
        default=False,
        help_text=_(
            "Tick once a person has checked the French and Arabic texts against the English."
        ),
    )

    objects = NationalFrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["country__name"]
        verbose_name = _("national framework")
        verbose_name_plural = _("national frameworks")
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy_month__isnull=True)
                | Q(strategy_month__gte=1, strategy_month__lte=12),
                name="national_framework_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(strategy_month__isnull=True) | Q(strategy_year__isnull=False),
                name="national_framework_month_needs_year",
            ),
        ]

    def __str__(self):
        return f"National framework of {self.country}"

    def get_absolute_url(self):
        return self.country.get_absolute_url()

    def clean(self):
        errors = {}
        if self.strategy_month and not self.strategy_year:
            errors["strategy_year"] = _("A month needs a year.")
        for name, (texts, source, _where) in self.STATEMENTS.items():
            said = any(getattr(self, field) for field in texts) or (
                name == "strategy" and self.strategy_year
            )
            if said and getattr(self, f"{source}_id") is None:
                errors[source] = _("Every statement names the document it comes from.")
        if errors:
            raise ValidationError(errors)

    @property
    def strategy_date(self):
        """The first of the strategy's month, for localised "F Y" display; None without one."""
        if self.strategy_year and self.strategy_month:
            return datetime.date(self.strategy_year, self.strategy_month, 1)
        return None

    def statements(self):
        """[(key, label, texts, source, where)] in the panel's order, empty ones included."""
        labels = {
            "strategy": _("National strategy"),
            "coordinating_body": _("National body"),
            "local_government_role": _("Role of local government"),
            "structures": _("National-local structures"),
        }
        return [
            (
                key,
                labels[key],
                [getattr(self, field) for field in texts if getattr(self, field)],
                getattr(self, source),
                getattr(self, where),
            )
            for key, (texts, source, where) in self.STATEMENTS.items()
        ]

    def as_record(self):
        """The framework as the JSON export and the API give it (see the /data/ codebook).

        Reads the English columns and each translation explicitly, whatever the request's
        language, so a file says the same thing in any language's session.
        """

        def column(field, language):
            return getattr(self, f"{field}_{language}") or ""

        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        others = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != default]
        record = {field: column(field, default) for field in self.TRANSLATED_FIELDS[:5]}
        record["strategy_year"] = self.strategy_year
        record["strategy_month"] = self.strategy_month
        record["sources"] = {
            key: (
                {**getattr(self, source).as_record(), "where": column(where, default)}
                if getattr(self, f"{source}_id")
                else None
            )
            for key, (_texts, source, where) in self.STATEMENTS.items()
        }
        record["translations"] = {
            language: {field: column(field, language) for field in self.TRANSLATED_FIELDS}
            for language in others
        }
        record["translations_reviewed"] = self.translations_reviewed
        record["updated"] = self.updated.isoformat()
        return record


# The levels a country's own national-local structures sit at, from the national down.
STRUCTURE_LEVELS = [Level.NATIONAL, Level.REGIONAL, Level.LOCAL, Level.COMMUNITY]


def bodies_in_cases(country, limit=40):
    """The country's own bodies below the international level that its published cases name,
    national first, then by name: (groups [(level label, [actor, ...])], more_exist). One query.
    """
    rank = SQLCase(*(When(level=level, then=index) for index, level in enumerate(STRUCTURE_LEVELS)))
    cases = Case.objects.published().filter(countries=country)
    actors = list(
        Actor.objects.filter(
            country=country, level__in=STRUCTURE_LEVELS, case_links__case__in=cases
        )
        .distinct()
        .annotate(level_rank=rank)
        .order_by("level_rank", "name")
        .only("name", "slug", "level")[: limit + 1]
    )
    groups = {}
    for actor in actors[:limit]:
        groups.setdefault(actor.level, []).append(actor)
    return [(Level(level).label, members) for level, members in groups.items()], len(actors) > limit
