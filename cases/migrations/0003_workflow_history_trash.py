"""The editorial workflow, optimistic locking and the trash."""

from django.db import migrations, models


def date_published_cases(apps, schema_editor):
    # Cases published before the workflow existed: their creation is the best known date.
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(status="published", published_at__isnull=True).update(
        published_at=models.F("created"), reviewed_at=models.F("created")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_curators_group"),
        ("pillars", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["title"],
                "permissions": [("publish_case", "Can publish, archive and unpublish cases")],
            },
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="case_status_valid",
        ),
        migrations.AddField(
            model_name="case",
            name="deleted_at",
            field=models.DateTimeField(
                blank=True, db_index=True, editable=False, null=True, verbose_name="moved to trash"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="reviewed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last reviewed"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name="case",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("review", "In review"),
                    ("published", "Published"),
                    ("archived", "Archived"),
                ],
                default="draft",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="case_status_valid",
            ),
        ),
        migrations.RunPython(date_published_cases, migrations.RunPython.noop),
    ]
