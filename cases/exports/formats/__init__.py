"""One writer per export format, each turning the stream of case records into its file.

Every writer takes the records of cases.exports.records.case_records() and the export's
metadata (cases.exports.provenance.export_meta(), or None for formats that carry none). The
text formats yield the file in blocks; the workbook is written to a temporary file.
cases.exports.dispatch picks the writer for a format.
"""

from core.iteration import batched as chunks

# Records per block of a streamed file, about 350 KB of CSV or JSON. Blocks of megabytes raised
# the worker's peak memory by some 10 MB and were no faster to send.
ROWS_PER_BLOCK = 100


def batched(records, size=ROWS_PER_BLOCK):
    """The records in blocks of a streamed file's size."""
    return chunks(records, size)
