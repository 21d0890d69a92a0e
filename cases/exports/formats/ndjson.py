"""The NDJSON export: newline-delimited JSON, one case record a line and nothing else.

The same records as the JSON export, without its wrapper, so a researcher can stream the file
line by line (jq, pandas' read_json(lines=True), DuckDB) without holding it whole.
"""

from . import batched
from .json import encode_record

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"


def stream(records, *, meta):
    for block in batched(records):
        yield "".join([encode_record(record) + "\n" for record in block])
