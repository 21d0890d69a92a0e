"""Create the editorial groups, "Curators" and "Editors", with their permissions.

Curators are Strong Cities staff who add and edit cases: they may add and change cases, actors
and countries, manage a case's actor links and sources, and see and accept suggested cases.
They can see pillars but not change or delete them, may not publish, and have no rights over
users. Editors may do everything curators do, and also publish, archive and unpublish cases,
move cases to the trash and restore them, and moderate (delete) suggested cases.
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
    "suggestions": ["view_suggestion", "change_suggestion"],
}
EDITOR_EXTRA = {
    "cases": ["publish_case", "delete_case"],
    "suggestions": ["delete_suggestion"],
}


def _permissions(apps, codenames_by_app):
    Permission = apps.get_model("auth", "Permission")
    return [
        permission
        for app_label, codenames in codenames_by_app.items()
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    ]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    curators, _created = Group.objects.get_or_create(name="Curators")
    curators.permissions.add(*_permissions(apps, CURATOR_PERMISSIONS))
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*curators.permissions.all(), *_permissions(apps, EDITOR_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curators", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pillars", "0001_initial"),
        ("suggestions", "0001_initial"),
        ("cases", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
