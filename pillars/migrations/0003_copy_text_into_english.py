"""The pillars were written in English: copy their text into the _en columns."""

from django.db import migrations
from django.db.models import F


def copy_into_english(apps, schema_editor):
    Pillar = apps.get_model("pillars", "Pillar")
    Pillar.objects.update(
        name_en=F("name"), definition_en=F("definition"), guidance_en=F("guidance")
    )


class Migration(migrations.Migration):
    dependencies = [("pillars", "0002_translations")]

    operations = [migrations.RunPython(copy_into_english, migrations.RunPython.noop)]
