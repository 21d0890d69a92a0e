from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=Suggestion.State.WAITING)


class Suggestion(models.Model):
    """Who suggested a draft case, kept apart from the case so it never reaches a public path.

    The suggested title, country, description, pillars and link become the draft case itself;
    this row holds only the submitter and the moderation state.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for moderation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="suggestion"
    )
    name = models.CharField(_("submitter's name"), max_length=100)
    email = models.EmailField(_("submitter's email"), max_length=254)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.WAITING
    )
    submitted = models.DateTimeField(_("submitted"), auto_now_add=True)
    moderated = models.DateTimeField(_("moderated"), null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["waiting", "accepted", "rejected"]),
                name="suggestion_state_valid",
            ),
        ]
        indexes = [
            # The moderation queue and the admin index count: waiting suggestions, newest first.
            models.Index(fields=["state", "-submitted"], name="suggestion_queue_idx"),
        ]

    def __str__(self):
        return f"{self.case.title} (from {self.name})"
