"""The files of a release, each built from the frozen records (one case record a line).

frozen: writing and reading the frozen records, and what they cover.
sqlite: the release as an SQLite database with a full-text index.
datapackage: the Frictionless Data Package (the CSV, relation tables, schemas, licence).
changelog: what changed since the previous release.
"""
