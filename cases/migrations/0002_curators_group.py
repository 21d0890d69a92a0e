"""Create the "Curators" group: Strong Cities staff who add and edit cases.

Curators may add and change cases, actors and countries, and manage a case's actor links and
sources. They can see pillars but not change or delete them, and have no rights over users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_PERMISSIONS = {
    "cases": [
        "view_case",
        "add_case",
        "change_case",
        "view_actor",
        "add_actor",
        "change_actor",
        "view_country",
        "add_country",
        "change_country",
        "view_caseactor",
        "add_caseactor",
        "change_caseactor",
        "delete_caseactor",
        "view_source",
        "add_source",
        "change_source",
        "delete_source",
    ],
    "pillars": ["view_pillar"],
}


def create_curators(apps, schema_editor):
    # Permissions are normally created after all migrations run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Curators")
    for app_label, codenames in CURATOR_PERMISSIONS.items():
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        group.permissions.add(*permissions)


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pillars", "0001_initial"),
        ("cases", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
