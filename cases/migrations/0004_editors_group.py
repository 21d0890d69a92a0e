"""Create the "Editors" group and give both editorial groups their workflow rights.

Editors may do everything curators do, and also publish, archive and unpublish cases, move
cases to the trash and restore them, and moderate suggested cases. Curators keep what
migration 0002 gave them, may now also see and accept suggestions, but may not publish.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_EXTRA = {
    "suggestions": ["view_suggestion", "change_suggestion"],
}
EDITOR_EXTRA = {
    "cases": ["publish_case", "delete_case"],
    "suggestions": ["view_suggestion", "change_suggestion", "delete_suggestion"],
}


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    curators, _created = Group.objects.get_or_create(name="Curators")
    for app_label, codenames in CURATOR_EXTRA.items():
        curators.permissions.add(*_permissions(apps, app_label, codenames))
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*curators.permissions.all())
    for app_label, codenames in EDITOR_EXTRA.items():
        editors.permissions.add(*_permissions(apps, app_label, codenames))


def remove_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Editors").delete()
    curators = Group.objects.filter(name="Curators").first()
    if curators:
        for app_label, codenames in CURATOR_EXTRA.items():
            curators.permissions.remove(*_permissions(apps, app_label, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_workflow_history_trash"),
        ("suggestions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
