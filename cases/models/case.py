"""The case study: its fields, workflow state, period and the queries every page starts from."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, Value
from django.db.models.functions import StrIndex
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.countries import codes_in_name_order
from core.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    Language,
    TranslatedQuerySet,
    TranslationStatus,
    current_language,
    filled,
    has_text_q,
    localized,
    translation_state,
)
from core.models import TimeStampedModel

from .. import search as full_text
from ..cache import cached, versioned_key
from ..choices import MONTHS, Level, rank
from .completeness import assess, score_expression
from .links import CaseActor, CaseSlugHistory
from .reference import Actor, Country
from .related import related_cases
from .translations import REQUIRED_TEXT, TEXT_FIELDS, CaseText, CaseTranslation

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class CaseQuerySet(TranslatedQuerySet):
    def published(self):
        return self.filter(Case.published_q())

    def live(self):
        """Cases not in the trash, whatever their status."""
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def search(self, text, language=None):
        """Cases matching `text` (words, "quoted phrases", -excluded, OR) in the full-text index.

        Annotates `search_rank` (higher is better) for the "relevance" sort. The index covers
        the title, summary, body, takeaways, actor and pillar names as a page in `language`
        (default: the active one) shows them, with its stemming; see cases/search/.
        """
        return full_text.backend(self.db).search(self, text, language)

    def sorted_by(self, key):
        """Order by one of Case.SORTS; the id breaks ties so pages never overlap."""
        if key == "oldest":
            return self.order_by(
                F("start_year").asc(nulls_last=True), F("start_month").asc(nulls_last=True), "id"
            )
        if key == "title":
            return self.order_by("title", "id")
        if key == "relevance" and "search_rank" in self.query.annotations:
            return self.order_by(F("search_rank").desc(), "-id")
        if key == "country":
            return self.annotate(first_country=self._first_country()).order_by(
                "first_country", "title", "id"
            )
        return self.order_by(
            F("start_year").desc(nulls_last=True), F("start_month").desc(nulls_last=True), "-id"
        )

    @staticmethod
    def _first_country():
        """The first of a case's countries by name in the active language. The database holds
        English names; another language's order is each ISO code's rank in a text of them all
        (core.countries.codes_in_name_order), found with a string search, so the sort costs
        no extra query."""
        language = current_language()
        if language == DEFAULT_LANGUAGE:
            return Min("countries__name")
        ranks = Value(codes_in_name_order(language), output_field=models.TextField())
        return Min(StrIndex(ranks, F("countries__code")))

    def coverage(self):
        """The years and countries these cases span: {"first_year", "last_year", "countries"}
        with countries as (code, name) pairs by name. Two queries whatever the number of cases."""
        years = self.aggregate(
            first_year=Min("start_year"),
            last_start=models.Max("start_year"),
            last_end=models.Max("end_year"),
        )
        countries = Country.objects.filter(
            pk__in=CaseCountry.objects.filter(case__in=self.values("pk")).values("country_id")
        ).order_by("name")
        last = max(filter(None, (years["last_start"], years["last_end"])), default=None)
        return {
            "first_year": years["first_year"],
            "last_year": last,
            "countries": list(countries.values_list("code", "name")),
        }

    def renamed_from(self, old_slug):
        """The case of this queryset that once had `old_slug`, or None."""
        history = CaseSlugHistory.objects.filter(slug=old_slug).values("case_id")
        return self.filter(pk__in=history).only("slug").first()

    def for_cards(self):
        """What a case card shows: countries and pillars, fetched in one query each, and which
        languages a person reviewed (in the same query as the cases)."""
        return self.with_reviews().prefetch_related(
            Prefetch("countries", queryset=Country.objects.only("code", "name", "region")),
            "pillars",
        )

    def with_reviews(self):
        """Annotate `reviewed_<lang>` for every language, so translation_state() runs no query."""
        return self.annotate(
            **{
                f"reviewed_{language}": Exists(
                    CaseTranslation.objects.filter(
                        case_id=OuterRef("pk"),
                        language=language,
                        status=TranslationStatus.REVIEWED,
                    )
                )
                for language in LANGUAGE_CODES
            }
        )

    def with_completeness(self):
        """Annotate `completeness_score`, how many of the five criteria a case meets (0–5): see
        cases/models/completeness.py (and Case.completeness for which ones)."""
        return self.annotate(completeness_score=score_expression())

    def completeness_in(self, scores):
        """Cases meeting exactly one of `scores` (integers 0–5) of the criteria."""
        scores = [int(score) for score in scores]
        return self.alias(completeness_score=score_expression()).filter(
            completeness_score__in=scores
        )

    def for_detail(self):
        return self.for_cards().prefetch_related(
            Prefetch("case_actors", queryset=CaseActor.objects.select_related("actor")),
            "sources",
        )

    def detail(self, slug):
        """The case at `slug` with all its page shows, its body rendered, or None.

        Cached until the catalogue next changes: a repeat visit reads one cache entry instead
        of running five queries and the markdown renderer.
        """

        language = current_language()

        def read():
            case = self.for_detail().filter(slug=slug).first()
            if case is not None:
                # Rendered now, so the cached copy carries it; one cache entry per language.
                case.text_in(language).body_html  # noqa: B018
            return case

        return cached(
            versioned_key(("detail", self.query.sql_with_params(), slug, language), using=self.db),
            read,
        )

    def related_to(self, case, limit=4):
        """Up to `limit` cases related to `case`, as cards, each with `related_reasons` (the
        words that say why); see cases/models/related.py for the ranking.

        Cached until the catalogue next changes, per language, as the reasons are in words.
        """
        key = ("related", self.query.sql_with_params(), case.pk, limit, get_language())
        return cached(versioned_key(key, using=self.db), lambda: related_cases(self, case, limit))


class Case(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Moving a case into or out of these states needs the cases.publish_case permission.
    EDITOR_STATES = frozenset({Status.PUBLISHED, Status.ARCHIVED})

    SORTS = [
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("title", _("Title A–Z")),
        ("country", _("Country A–Z")),
        ("relevance", _("Best match")),
    ]

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "The last part of the case's address, /cases/…/; changing it keeps the old address "
            "working."
        ),
    )
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("countries"),
        related_name="cases",
        help_text=_("Usually one; name several only when the case truly spans them."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    start_month = models.PositiveSmallIntegerField(
        _("start month"), null=True, blank=True, choices=MONTHS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), null=True, blank=True, choices=MONTHS
    )
    summary = models.TextField(
        _("summary"), max_length=2000, help_text=_("One plain-text paragraph.")
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    takeaways = models.JSONField(
        _("takeaways"), default=list, blank=True, help_text=_("Lessons for NLC, one per line.")
    )
    pillars = models.ManyToManyField(
        "pillars.Pillar", verbose_name=_("pillars"), related_name="cases"
    )
    actors = models.ManyToManyField(
        Actor, verbose_name=_("actors"), through="CaseActor", related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(
        _("moved to trash"), null=True, blank=True, editable=False, db_index=True
    )
    # Optimistic locking: every save adds one; a form saved from an older number is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=Language.choices,
        default=DEFAULT_LANGUAGE,
        help_text=_("The language the case was written in; other languages are translations."),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("publish_case", "Can publish, archive and unpublish cases")]
        indexes = [
            # Every public query starts from published cases sorted by period (the default sort).
            models.Index(
                "status",
                F("start_year").desc(),
                F("start_month").desc(),
                name="case_status_period_idx",
            ),
            # Title sort.
            models.Index(fields=["status", "title"], name="case_status_title_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_month__isnull=True) | Q(start_month__gte=1, start_month__lte=12),
                name="case_start_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_month__gte=1, end_month__lte=12),
                name="case_end_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(start_month__isnull=True) | Q(start_year__isnull=False),
                name="case_start_month_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=False),
                name="case_end_needs_start",
            ),
            models.CheckConstraint(
                condition=Q(end_month__isnull=True) | Q(end_year__isnull=False),
                name="case_end_month_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(end_year__gt=F("start_year"))
                | Q(end_year=F("start_year"), end_month__isnull=True)
                | Q(end_year=F("start_year"), start_month__isnull=True)
                | Q(end_year=F("start_year"), end_month__gte=F("start_month")),
                name="case_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "archived"]),
                name="case_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(original_language__in=LANGUAGE_CODES),
                name="case_original_language_valid",
            ),
        ]

    def __str__(self):
        # No review state needed, so no query: the title in the active or original language.
        titles = (
            localized("title", language)
            for language in (current_language(), self.original_language)
        )
        return next((getattr(self, column) for column in titles if getattr(self, column)), "")

    @classmethod
    def from_db(cls, db, field_names, values):
        case = super().from_db(db, field_names, values)
        case._saved_slug = case.__dict__.get("slug")
        case._saved_status = case.__dict__.get("status")
        case._saved_texts = case._texts()
        return case

    # --- Languages ------------------------------------------------------------------------------

    @staticmethod
    def has_text_q(language, prefix=""):
        """Cases with a title and summary in `language`: the queryset form of has_text()."""
        return has_text_q(REQUIRED_TEXT, language, prefix)

    @staticmethod
    def original_language_q(language):
        return Q(original_language=language)

    def has_text(self, language):
        return all(filled(getattr(self, localized(name, language))) for name in REQUIRED_TEXT)

    def is_reviewed(self, language):
        """Whether a person reviewed the `language` text; reads with_reviews()'s annotation when
        there is one, else the prefetched or stored reviews."""
        annotated = getattr(self, f"reviewed_{language}", None)
        if annotated is not None:
            return annotated
        return any(
            review.language == language and review.is_reviewed for review in self.translations.all()
        )

    def translation_state(self, language):
        """ORIGINAL, MISSING, UNREVIEWED or REVIEWED: see core.languages.translation_state."""
        if language == self.original_language or not self.has_text(language):
            reviewed = False  # the rule does not need to know, so no query is run
        else:
            reviewed = self.is_reviewed(language)
        return translation_state(
            language=language,
            original_language=self.original_language,
            has_text=self.has_text(language),
            reviewed=reviewed,
        )

    @property
    def completeness(self):
        """Which criteria of completeness the case meets (a completeness.Completeness). Reads
        the relations for_detail() prefetches and with_reviews()'s flags: no query then."""
        return assess(
            start_year=self.start_year,
            has_actors=self.case_actors.all(),
            source_urls=[source.url for source in self.sources.all()],
            takeaways=getattr(self, localized("takeaways", self.original_language)),
            translation_states={code: self.translation_state(code) for code in LANGUAGE_CODES},
        )

    def text_in(self, language):
        """The case's text for a page in `language`: the translation when there is one (reviewed
        or not: the page says which), else the original. A CaseText, kept per language."""
        texts = self.__dict__.setdefault("_text_cache", {})
        if language not in texts:
            state = self.translation_state(language)
            shown = self.original_language if state == "missing" else language
            values = {name: getattr(self, localized(name, shown)) for name in TEXT_FIELDS}
            texts[language] = CaseText(
                requested=language,
                language=shown,
                state=state,
                title=values["title"] or "",
                summary=values["summary"] or "",
                body=values["body"] or "",
                takeaways=values["takeaways"] or [],
            )
        return texts[language]

    def _texts(self):
        """Each language's stored text, to see after a save which languages changed (no text
        is no text, whether NULL, "" or [])."""
        return {
            language: tuple(
                self.__dict__.get(localized(name, language)) or None for name in TEXT_FIELDS
            )
            for language in LANGUAGE_CODES
        }

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.slug])

    @staticmethod
    def published_q(prefix=""):
        """The one definition of "public": a Q usable from related models via `prefix`."""
        return Q(**{f"{prefix}status": Case.Status.PUBLISHED, f"{prefix}deleted_at__isnull": True})

    @property
    def is_published(self):
        """Whether the public sees this case: published_q() for one instance."""
        return self.status == self.Status.PUBLISHED and self.deleted_at is None

    @property
    def in_trash(self):
        return self.deleted_at is not None

    def save(self, *args, **kwargs):
        changed = self.count_publishing_as_review(update_fields=kwargs.get("update_fields"))
        if changed and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
        if not self._state.adding:
            # Counted from the stored number, so a save from a stale instance still moves it
            # forward (history serialises the instance on save, so this cannot be an F()).
            stored = Case.objects.filter(pk=self.pk).values_list("version", flat=True).first()
            self.version = max(stored or 0, self.version) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        # Every path that renames a case (admin, imports, the shell) keeps the old permalink
        # working, so the record lives here rather than in one view.
        old_slug = getattr(self, "_saved_slug", None)
        # The untranslated columns (title, summary, …) hold the English text, whatever language
        # the curator works in: the full-text index reads them.
        with translation.override(DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)
        self.__dict__.pop("_text_cache", None)
        self._unreview_changed_translations()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "slug" in update_fields:
            if old_slug != self.slug:
                CaseSlugHistory.record_rename(case=self, old_slug=old_slug)
            self._saved_slug = self.slug
        if update_fields is None or "status" in update_fields:
            self._saved_status = self.status

    @staticmethod
    def stale_languages(before, after, original_language):
        """The languages whose review no longer holds once the text went from `before` to
        `after` ({language: its text}): those whose text changed, and every one once the
        original changed (a translation of other words is not the one a person checked)."""
        changed = [language for language in LANGUAGE_CODES if before[language] != after[language]]
        return list(LANGUAGE_CODES) if original_language in changed else changed

    def _unreview_changed_translations(self):
        """A reviewed translation whose text changed is no longer reviewed, and neither is any
        translation once the original text changed (it no longer says the same): the one place
        that says so, whatever path saved the case."""
        saved, now = getattr(self, "_saved_texts", None), self._texts()
        self._saved_texts = now
        if saved is None:
            return
        changed = self.stale_languages(saved, now, self.original_language)
        if changed:
            CaseTranslation.objects.filter(
                case=self, language__in=changed, status=TranslationStatus.REVIEWED
            ).update(status=TranslationStatus.UNREVIEWED, reviewed_by=None, reviewed_at=None)

    def count_publishing_as_review(self, *, update_fields=None):
        """Publishing is the editor's review of the text, whatever path publishes (the admin
        form or action, an import, the shell): the one place that says so.

        save() calls it; a bulk write that bypasses save() calls it itself. Returns the names
        of the fields it set.
        """
        if self.status != self.Status.PUBLISHED:
            return ()
        if update_fields is not None and "status" not in update_fields:
            return ()
        if self._state.adding:
            # A case created as published (an import, the seed) may bring its own dates.
            self.reviewed_at = self.reviewed_at or timezone.now()
        elif getattr(self, "_saved_status", None) != self.status:
            self.reviewed_at = timezone.now()
        else:
            return ()
        if self.published_at is None:
            self.published_at = self.reviewed_at
        return ("reviewed_at", "published_at")

    @classmethod
    def field_label(cls, name):
        """A field's name for people: "Takeaways (French)" for takeaways_fr."""
        return capfirst(cls._meta.get_field(name).verbose_name)

    def clean(self):
        errors = {}
        if self.start_month and not self.start_year:
            errors["start_year"] = _("A start month needs a start year.")
        if self.end_year and not self.start_year:
            errors["start_year"] = _("A period with an end needs a start.")
        if self.end_month and not self.end_year:
            errors["end_year"] = _("An end month needs an end year.")
        if self.start_year and self.end_year:
            start = (self.start_year, self.start_month or 0)
            end = (self.end_year, self.end_month or 13)
            if end < start:
                errors["end_year"] = _("The period cannot end before it starts.")
        # The database does not limit TextFields; their max_length is the rule all the same,
        # for the admin, the import and the suggestion form alike.
        for name in ("summary", "body"):
            limit = self._meta.get_field(name).max_length
            for language in LANGUAGE_CODES if limit else ():
                column = localized(name, language)
                try:
                    MaxLengthValidator(limit)(getattr(self, column) or "")
                except ValidationError as error:
                    errors[column] = error  # keeps its code (max_length) for the import
        for language in LANGUAGE_CODES:
            takeaways = getattr(self, localized("takeaways", language))
            if takeaways in (None, ""):
                setattr(self, localized("takeaways", language), [])
            elif not isinstance(takeaways, list) or not all(
                isinstance(item, str) for item in takeaways
            ):
                column = localized("takeaways", language)
                errors[column] = _("%(field)s must be a list of text lines.") % {
                    "field": self.field_label(column)
                }
        # The original language's text is the case itself; the others are translations.
        if self.original_language in LANGUAGE_CODES and not self.has_text(self.original_language):
            for name in REQUIRED_TEXT:
                column = localized(name, self.original_language)
                if not filled(getattr(self, column)):
                    errors[column] = _(
                        "%(field)s is needed: it is the case's original language."
                    ) % {"field": self.field_label(column)}
        if errors:
            raise ValidationError(errors)

    @property
    def period_start(self):
        return year_month(self.start_year, self.start_month)

    @property
    def period_end(self):
        return year_month(self.end_year, self.end_month)

    @property
    def period_display(self):
        start = _display(self.start_year, self.start_month)
        end = _display(self.end_year, self.end_month)
        if start and end and start != end:
            return f"{start} – {end}"
        return start

    @cached_property
    def body_html(self):
        """The markdown body as cleaned HTML, in the active language (see text_in())."""
        return self.text_in(current_language()).body_html

    def actors_by_level(self):
        """[(level label, [CaseActor, ...]), ...] from international to community.

        Reads the prefetched case_actors, so it costs no query after for_detail().
        """
        groups = {}
        for link in self.case_actors.all():
            groups.setdefault(link.actor.level, []).append(link)
        return [
            (Level(level).label, sorted(links, key=lambda link: (link.order, link.actor.name)))
            for level, links in sorted(groups.items(), key=lambda item: rank(Level, item[0]))
        ]


def year_month(year, month):
    """A period's start or end as text: '' without a year, else 'YYYY' or 'YYYY-MM'.

    The year always has four digits. The case page's structured data and the CSV and XLSX
    exports all write periods with this.
    """
    if not year:
        return ""
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def _display(year, month):
    if not year:
        return ""
    return f"{dict(MONTHS)[month]} {year}" if month else str(year)


# The auto-created link tables, named for the queries that start from them.
CaseCountry = Case.countries.through
CasePillar = Case.pillars.through


def pillars_with_case_counts(pillars):
    """`pillars` annotated with `case_count`, each pillar's published cases, in display order.

    The order is explicit because Meta.ordering does not apply to aggregate queries.
    """
    published = models.Count("cases", filter=Case.published_q("cases__"), distinct=True)
    return pillars.annotate(case_count=published).order_by("order", "name")
