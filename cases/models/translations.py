"""A case's translations: who reviewed each language, and the text a page shows in a language."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.languages import (
    LANGUAGE_CODES,
    Language,
    TranslationReview,
    TranslationState,
    TranslationStatus,
)
from core.markdown import render_markdown

# The text that must be there for a language to count as translated (body and takeaways may
# legitimately be empty in every language).
REQUIRED_TEXT = ("title", "summary")
TEXT_FIELDS = ("title", "summary", "body", "takeaways")


class CaseTranslation(TranslationReview):
    """The review of one language of one case's text. MISSING is not stored: a language without
    its title and summary is missing whatever this says (see Case.translation_state)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        ordering = ["case", "language"]
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
        constraints = [
            models.UniqueConstraint(fields=["case", "language"], name="case_translation_unique"),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="case_translation_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TranslationStatus.values),
                name="case_translation_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.language}: {self.get_status_display()}"


@dataclass
class CaseText:
    """What a page shows of a case in `requested` language: the text, the language it is
    actually in (`language`, the original when the translation is missing) and the `state`."""

    requested: str
    language: str
    state: str
    title: str
    summary: str
    body: str
    takeaways: list = field(default_factory=list)

    @property
    def fell_back(self):
        return self.language != self.requested

    @property
    def unreviewed(self):
        return self.state == TranslationState.UNREVIEWED

    @property
    def language_name(self):
        return Language(self.language).label

    @property
    def requested_language_name(self):
        return Language(self.requested).label

    @cached_property
    def body_html(self):
        return render_markdown(self.body)
