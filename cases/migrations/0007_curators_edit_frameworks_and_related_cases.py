"""Curators (and so editors) edit national frameworks and the documents they cite, and pin or
hide a case's related cases."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_PERMISSIONS = [
    "view_nationalframework",
    "add_nationalframework",
    "change_nationalframework",
    "view_publication",
    "add_publication",
    "change_publication",
    "view_relatedcaseoverride",
    "add_relatedcaseoverride",
    "change_relatedcaseoverride",
    "delete_relatedcaseoverride",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cases", codename__in=CURATOR_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=["Curators", "Editors"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cases", codename__in=CURATOR_PERMISSIONS
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Curators", "Editors"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_national_frameworks_and_related_overrides"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
