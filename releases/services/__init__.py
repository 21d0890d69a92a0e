"""Writes of releases and snapshots: each all or nothing.

release: release_create(), a named release with every file, or nothing at all.
snapshot: snapshot_create(), a frozen filtered list.
"""
