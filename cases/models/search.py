"""The full-text index's tables, seen as models so that queries can join them."""

from django.db import models


class FullTextEntry(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of SQLite's FTS5 table `case_search` (rowid = case id), for joins from Case.

    FTS5 ranks (bm25) only inside one full-text scan, so ranking needs a join rather than a
    subquery per case. The table and its triggers are made by cases/search/sqlite.py; on
    PostgreSQL this model is unused (the tsvector table has its own shape).
    """

    case = models.OneToOneField(
        "cases.Case",
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="full_text_entry",
    )
    # FTS5's hidden column named after the table: the left side of MATCH and bm25's argument.
    document = models.TextField(db_column="case_search")

    class Meta:
        managed = False
        db_table = "case_search"


class SearchDocument(models.Model):  # noqa: DJ008 (never shown; a join target only)
    """A row of PostgreSQL's `case_search` (case id, weighted tsvector), for joins from Case.

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
    document = models.TextField()

    class Meta:
        managed = False
        db_table = "case_search"
