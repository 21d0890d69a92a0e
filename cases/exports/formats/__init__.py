"""One writer per export format, each turning the stream of case records into its file.

Every writer takes the records of cases.exports.records.case_records() and the export's
metadata (cases.exports.provenance.export_meta(), or None for formats that carry none). The
text formats yield the file in blocks; the workbook is written to a temporary file.
cases.exports.dispatch picks the writer for a format.
"""

from itertools import islice

# Records per block of a streamed file, about 350 KB of CSV or JSON. Blocks of megabytes raised
# the worker's peak memory by some 10 MB and were no faster to send.
ROWS_PER_BLOCK = 100


def batched(iterable, size=ROWS_PER_BLOCK):
    """Tuples of up to `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk
