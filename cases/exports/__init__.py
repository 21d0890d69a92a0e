"""Exports of the catalogue: one record per case, written out in every format.

records: the one record builder, case_records(); the API and per-case citations read it too.
formats: one writer per format (csv, json, xlsx, ris, bibtex, csl), each taking records.
dispatch: the download of a filtered list, picking the writer, content type and file name.
provenance: the case pages' address and the one metadata builder, export_meta().
codebook: the /data/ page's description of every field the exports and the API write.
"""
