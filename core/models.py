from django.db import models


class TimeStampedModel(models.Model):
    """Records when a row was created and last changed."""

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
