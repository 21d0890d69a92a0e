"""The text written before translations existed is English: copy it into the _en columns."""

from django.db import migrations
from django.db.models import F


def copy_into_english(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Case.objects.update(
        title_en=F("title"),
        summary_en=F("summary"),
        body_en=F("body"),
        takeaways_en=F("takeaways"),
    )


def copy_back(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Case.objects.exclude(title_en=None).update(title=F("title_en"))
    Case.objects.exclude(summary_en=None).update(summary=F("summary_en"))
    Case.objects.exclude(body_en=None).update(body=F("body_en"))
    Case.objects.exclude(takeaways_en=None).update(takeaways=F("takeaways_en"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_translations")]

    operations = [migrations.RunPython(copy_into_english, copy_back)]
