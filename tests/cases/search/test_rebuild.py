"""Bulk loads: the triggers come off, and a rebuild brings the index and version up to date."""

import pytest
from django.db import connection

from cases import cache, search
from cases.models import Case, CaseActor
from tests.factories import ActorFactory, CaseFactory


def indexed():
    """How many documents the full-text index holds (the table has this name on both)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM case_search")
        return cursor.fetchone()[0]


def test_writes_made_without_the_triggers_count_once_they_are_installed_again(pillars):
    kept, gone = CaseFactory(title="Kept plan"), CaseFactory(title="Gone plan")
    backend = search.backend()
    backend.uninstall_triggers(connection)
    cache.uninstall_triggers(connection)
    version = cache.catalogue_version()

    new = CaseFactory(title="Quokka census")
    CaseActor.objects.create(case=kept, actor=ActorFactory(name="Wombat Council"))
    Case.objects.filter(pk=gone.pk).delete()

    # The triggers are really gone: nothing was indexed or counted.
    assert not Case.objects.search("quokka").exists()
    assert not Case.objects.search("wombat").exists()
    assert cache.catalogue_version() == version

    backend.install(connection, rebuild=True)
    cache.install(connection)

    assert list(Case.objects.search("quokka")) == [new]
    assert list(Case.objects.search("wombat")) == [kept]
    assert not Case.objects.search("gone").exists()
    assert indexed() == Case.objects.count() == 2
    assert cache.catalogue_version() != version
    # And they are back: the next write is indexed and counted at once.
    Case.objects.filter(pk=new.pk).update(title="Numbat census")
    assert list(Case.objects.search("numbat")) == [new]


def analyzed():
    """{table: times ANALYZE ran on it}, read afresh (not from this transaction's snapshot)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, analyze_count FROM pg_stat_user_tables")
        return dict(cursor.fetchall())


def test_a_postgresql_rebuild_analyzes_the_tables_it_reads_and_builds_the_index(pillars):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's rebuild; SQLite's FTS5 index needs no planner statistics.")
    from cases.search import postgresql

    CaseFactory.create_batch(3)
    before = analyzed()

    postgresql.install(connection, rebuild=True)

    after = analyzed()
    for table in (*postgresql.SOURCE_TABLES, "case_search"):
        assert after[table] == before.get(table, 0) + 1, table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_case'")
        assert cursor.fetchone()[0] == 3
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'case_search'")
        indexes = {name for (name,) in cursor.fetchall()}
    assert {f"case_search_document_{language}_idx" for language in ("en", "fr", "ar")} <= indexes
    assert indexed() == 3
