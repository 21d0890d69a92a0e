"""Editors make releases (add and view); curators may look at them and at frozen lists."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_PERMISSIONS = ["view_release", "view_releasefile", "view_snapshot"]
EDITOR_PERMISSIONS = [*CURATOR_PERMISSIONS, "add_release"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("releases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (
        ("Curators", CURATOR_PERMISSIONS),
        ("Editors", EDITOR_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="releases", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Curators", "Editors"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="releases"))


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("cases", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
