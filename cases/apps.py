from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("NLC cases")

    def ready(self):
        from .models import register_history

        # django-modeltranslation (listed first in INSTALLED_APPS) is ready by now, so history
        # sees the translated columns.
        register_history()
        # The search index, the catalogue version and a few indexes live outside the models
        # (cases/search/, cache.py, indexes.py); they are installed after every migrate so
        # that no migration can lose them.
        pre_migrate.connect(_drop_triggers, sender=self)
        post_migrate.connect(_install_triggers, sender=self)
        # SQLite's search triggers call a Python function: every connection needs it.
        connection_created.connect(_add_search_functions)


def _add_search_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from .search import sqlite

        sqlite.register_functions(connection.connection)


def _drop_triggers(sender, using, **kwargs):
    from django.db import connections

    from . import cache, search

    connection = connections[using]
    # SQLite rebuilds a table to alter it, losing its triggers. PostgreSQL alters tables in
    # place: its triggers stay, and keep the index and version current through data migrations.
    if connection.vendor != "sqlite" or not _tables_exist(connection):
        return
    search.backend(using).uninstall_triggers(connection)
    cache.uninstall_triggers(connection)


def _install_triggers(sender, using, plan=None, **kwargs):
    from django.db import connections

    from . import cache, indexes, search

    connection = connections[using]
    if not _tables_exist(connection):
        return
    indexes.install(connection)
    # Migrations ran without the SQLite triggers, so the index is rebuilt after any of them.
    rebuild = bool(plan) and connection.vendor == "sqlite"
    search.backend(using).install(connection, rebuild=rebuild)
    cache.install(connection)


def _tables_exist(connection):
    from . import cache

    tables = set(connection.introspection.table_names())
    return {"cases_case", "cases_caseactor", "pillars_pillar", *cache.WATCHED_TABLES} <= tables
