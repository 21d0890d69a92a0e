"""Who suggested a case, kept apart from the case itself."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Suggestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="submitter's name")),
                ("email", models.EmailField(max_length=254, verbose_name="submitter's email")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("waiting", "Waiting for moderation"),
                            ("accepted", "Accepted"),
                            ("rejected", "Rejected"),
                        ],
                        default="waiting",
                        max_length=20,
                    ),
                ),
                ("submitted", models.DateTimeField(auto_now_add=True)),
                ("moderated", models.DateTimeField(blank=True, null=True)),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suggestion",
                        to="cases.case",
                    ),
                ),
            ],
            options={
                "ordering": ["-submitted", "-id"],
                "indexes": [
                    models.Index(fields=["state", "-submitted"], name="suggestion_queue_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("state__in", ["waiting", "accepted", "rejected"])),
                        name="suggestion_state_valid",
                    )
                ],
            },
        ),
    ]
