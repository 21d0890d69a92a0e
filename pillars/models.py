from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    Language,
    TranslatedQuerySet,
    TranslationReview,
    TranslationStatus,
    filled,
    has_text_q,
    localized,
    translation_state,
)
from core.models import TimeStampedModel

# A pillar is translated once its name and definition are; the guidance may follow later.
REQUIRED_TEXT = ("name", "definition")
TEXT_FIELDS = ("name", "definition", "guidance")


class Pillar(TimeStampedModel):
    """One of the six NLC pillars of the Strong Cities / GCTF Toolkit.

    The pillars are a vocabulary the cases app builds on; this app knows nothing of cases.
    Their text is written in English (the toolkit's language) and translated into the others.
    """

    original_language = DEFAULT_LANGUAGE

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists; lower comes first.")
    )
    definition = models.CharField(
        _("definition"), max_length=255, help_text=_("One line: what the pillar means.")
    )
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("Markdown."))

    objects = TranslatedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self):
        # The descriptor's fallback (to English) is the pillars' original language.
        return self.name or ""

    def get_absolute_url(self):
        return reverse("pillars:detail", args=[self.slug])

    @staticmethod
    def has_text_q(language):
        return has_text_q(REQUIRED_TEXT, language)

    @classmethod
    def original_language_q(cls, language):
        # Every pillar is written in English: all rows, or none.
        return Q(pk__isnull=language != cls.original_language)

    def has_text(self, language):
        return all(filled(getattr(self, localized(name, language))) for name in REQUIRED_TEXT)

    def translation_state(self, language):
        has_text = self.has_text(language)
        reviewed = (
            language != self.original_language
            and has_text
            and any(
                review.language == language and review.is_reviewed
                for review in self.translations.all()
            )
        )
        return translation_state(
            language=language,
            original_language=self.original_language,
            has_text=has_text,
            reviewed=reviewed,
        )

    def text_in(self, language):
        """{"name", "definition", "guidance", "language", "state"} for a page in `language`:
        the translation when there is one, else the English original."""
        state = self.translation_state(language)
        shown = self.original_language if state == "missing" else language
        text = {name: getattr(self, localized(name, shown)) or "" for name in TEXT_FIELDS}
        return {
            **text,
            "language": shown,
            "requested": language,
            "state": state,
            "unreviewed": state == "unreviewed",
            "language_name": Language(shown).label,
            "requested_language_name": Language(language).label,
        }

    def save(self, *args, **kwargs):

        # The untranslated columns keep the English text, whatever language the curator uses.
        with translation.override(DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


class PillarTranslation(TranslationReview):
    """The review of one language of one pillar's text (MISSING is read from the text)."""

    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        ordering = ["pillar", "language"]
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "language"], name="pillar_translation_unique"
            ),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="pillar_translation_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TranslationStatus.values),
                name="pillar_translation_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.pillar_id} {self.language}: {self.get_status_display()}"
