"""Reference-manager exports of a filtered list: RIS, BibTeX and CSL-JSON.

One record per source of every matching case, each with a note linking to the case page, so a
researcher can pull a filtered set straight into Zotero or EndNote. Streamed like the CSV.
"""

import json

from django.http import StreamingHttpResponse

from .citations import bibtex, ris, source_items
from .common import batched
from .records import case_records

CONTENT_TYPES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "csl.json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


def _items(records):
    for record in records:
        yield from source_items(record)


def stream_ris(items):
    for block in batched(items, 500):
        yield "".join(ris(item) for item in block)


def stream_bibtex(items, *, meta):
    # @comment is the one place BibTeX tools leave free text alone.
    yield "@comment{" + "; ".join(f"{key}: {value}" for key, value in meta.items()) + "}\n\n"
    for block in batched(items, 500):
        yield "".join(bibtex(item) for item in block)


def stream_csl_json(items):
    # CSL-JSON is a bare array of items; each item's note carries the provenance.
    separator = "[\n"
    for block in batched(items, 500):
        yield separator + ",\n".join(json.dumps(item, ensure_ascii=False) for item in block)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def citation_export_response(queryset, *, fmt, meta, permalink_prefix):
    items = _items(case_records(queryset, permalink_prefix=permalink_prefix))
    if fmt == "ris":
        stream = stream_ris(items)
    elif fmt == "bib":
        stream = stream_bibtex(items, meta=meta)
    else:
        stream = stream_csl_json(items)
    return StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
