"""The JSON export: {"meta": ..., "cases": [...], "countries": {...}}, a case record a line."""

import json

from . import batched

CONTENT_TYPE = "application/json; charset=utf-8"
# json.dumps(record, ensure_ascii=False), without building a new encoder for every record;
# check_circular is off because records hold no cycles.
encode_record = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def stream(records, *, meta, countries=None):
    """The file in blocks: the metadata, the records, each on a line of its own, then the
    exported cases' countries with their national frameworks (cases.exports.frameworks)."""
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    separator = "\n"
    for block in batched(records):
        yield separator + ",\n".join([encode_record(record) for record in block])
        separator = ",\n"
    if countries is None:
        yield "\n]}\n"
    else:
        yield '\n],\n"countries": ' + json.dumps(countries, ensure_ascii=False) + "}\n"
