"""A case's translations: who reviewed each language, and the text a page shows in a language."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from core.languages import (
    LANGUAGE_CODES,
    Language,
    TranslationReview,
    TranslationState,
    TranslationStatus,
    localized,
)
from core.markdown import render_markdown

# The text that must be there for a language to count as translated (body and takeaways may
# legitimately be empty in every language).
REQUIRED_TEXT = ("title", "summary")
TEXT_FIELDS = ("title", "summary", "body", "takeaways")


def has_text_q(language, prefix=""):
    """Cases with a title and summary in `language`: the queryset form of Case.has_text()."""
    q = Q()
    for name in REQUIRED_TEXT:
        column = f"{prefix}{localized(name, language)}"
        q &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})
    return q


class CaseTranslation(TranslationReview):
    """The review of one language of one case's text. MISSING is not stored: a language without
    its title and summary is missing whatever this says (see Case.translation_state)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="translations")

    class Meta:
        ordering = ["case", "language"]
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
