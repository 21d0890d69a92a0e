"""Curators and editors write the self-assessment's statements, in every language."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_statement", "add_statement", "change_statement"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("assessment")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="assessment", codename__in=CODENAMES
    )
    for name in ("Curators", "Editors"):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Curators", "Editors"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="assessment"))


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
        ("cases", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
