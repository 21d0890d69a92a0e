"""The JSON export: {"meta": ..., "cases": [...]} with one case record per line."""

import json

from . import batched

CONTENT_TYPE = "application/json; charset=utf-8"
# json.dumps(record, ensure_ascii=False), without building a new encoder for every record;
# check_circular is off because records hold no cycles.
encode_record = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def stream(records, *, meta):
    """The file in blocks: the metadata, then the records, each on a line of its own."""
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    separator = "\n"
    for block in batched(records):
        yield separator + ",\n".join([encode_record(record) for record in block])
        separator = ",\n"
    yield "\n]}\n"
