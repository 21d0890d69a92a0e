from django.db import models

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
        WAITING = "waiting", "Waiting for moderation"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="suggestion")
    name = models.CharField("submitter's name", max_length=100)
    email = models.EmailField("submitter's email", max_length=254)
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    submitted = models.DateTimeField(auto_now_add=True)
    moderated = models.DateTimeField(null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted", "-id"]
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
