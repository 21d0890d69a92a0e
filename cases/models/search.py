"""The full-text index's tables, seen as models so that queries can join them."""

from django.db import models


def _case_link(related_name):
    return models.OneToOneField(
        "cases.Case",
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name=related_name,
    )


class FullTextEntry(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of SQLite's English FTS5 table `case_search` (rowid = case id), for joins from Case.

    FTS5 ranks (bm25) only inside one full-text scan, so ranking needs a join rather than a
    subquery per case. The tables (one per language) and their triggers are made by
    cases/search/sqlite.py; on PostgreSQL these models are unused (its table has its own shape).
    """

    case = _case_link("full_text_entry")
    # FTS5's hidden column named after the table: the left side of MATCH and bm25's argument.
    document = models.TextField(db_column="case_search")

    class Meta:
        managed = False
        db_table = "case_search"


class FrenchFullTextEntry(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of SQLite's French FTS5 table `case_search_fr`, stemmed by cases/search/words.py."""

    case = _case_link("full_text_entry_fr")
    document = models.TextField(db_column="case_search_fr")

    class Meta:
        managed = False
        db_table = "case_search_fr"


class ArabicFullTextEntry(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of SQLite's Arabic FTS5 table `case_search_ar`, stemmed by cases/search/words.py."""

    case = _case_link("full_text_entry_ar")
    document = models.TextField(db_column="case_search_ar")

    class Meta:
        managed = False
        db_table = "case_search_ar"


class SearchDocument(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of PostgreSQL's `case_search` (case id, a weighted tsvector per language), for joins
    from Case.

    Ranking in the join reads each matching document once; see cases/search/postgresql.py,
    which makes the table and its triggers. On SQLite this model is unused.
    """

    case = models.OneToOneField(
        "cases.Case",
        primary_key=True,
        db_column="case_id",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="search_document",
    )
    document_en = models.TextField()
    document_fr = models.TextField()
    document_ar = models.TextField()

    class Meta:
        managed = False
        db_table = "case_search"
