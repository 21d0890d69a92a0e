"""The download of a filtered list in any format: which writer, content type and file name.

Every format is written from the same stream of case records (cases.exports.records); this
module only picks the writer and wraps its output in the response.
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation

from .formats import bibtex, csl, csv, json, ndjson, ris, xlsx
from .frameworks import countries_block
from .provenance import export_meta, permalink_prefix
from .records import case_records


@dataclass(frozen=True)
class Format:
    """A writer, `write(records, meta=...)`, and what its file is.

    A streamed writer yields the file's text in blocks; one that is not returns a file. Only
    formats that carry the metadata get it, as its count of the cases costs a query; likewise
    the countries' national frameworks.
    """

    write: Callable
    content_type: str
    carries_meta: bool = False
    streamed: bool = True
    carries_countries: bool = False


FORMATS = {
    "csv": Format(csv.stream, csv.CONTENT_TYPE),
    "json": Format(json.stream, json.CONTENT_TYPE, carries_meta=True, carries_countries=True),
    "ndjson": Format(ndjson.stream, ndjson.CONTENT_TYPE),
    "xlsx": Format(xlsx.workbook_file, xlsx.CONTENT_TYPE, carries_meta=True, streamed=False),
    "ris": Format(ris.stream, ris.CONTENT_TYPE),
    "bib": Format(bibtex.stream, bibtex.CONTENT_TYPE, carries_meta=True),
    "csl.json": Format(csl.stream, csl.CONTENT_TYPE),
}


def export_response(request, case_filter, fmt, *, language):
    """The download, in `fmt`, of every case `case_filter` (a valid one) matches, in order, its
    text in `language` (or each case's original where that translation is missing)."""
    export = FORMATS[fmt]
    with translation.override(language):
        # A search (`q`) reads the text in the export's language, as the records do.
        queryset = case_filter.qs
    stamp = timezone.now()
    meta = None
    if export.carries_meta:
        meta = export_meta(
            request, case_filter, count=queryset.count(), exported_at=stamp, language=language
        )
    countries = countries_block(queryset) if export.carries_countries else None
    records = case_records(queryset, permalink_prefix=permalink_prefix(request), language=language)
    filename = f"{case_filter.filename_stem()}_{stamp.date().isoformat()}.{fmt}"
    response = records_response(fmt, records, meta=meta, filename=filename, countries=countries)
    response["Content-Language"] = language
    return response


def records_response(fmt, records, *, meta, filename, countries=None):
    """The download of `records` in `fmt` as `filename`: streamed, or a file for xlsx.

    `countries` (cases.exports.frameworks) ends the JSON file when given; a release's frozen
    files are written without it, as national frameworks are not frozen with the cases.
    """
    export = FORMATS[fmt]
    meta = meta if export.carries_meta else None
    extra = {"countries": countries} if export.carries_countries and countries is not None else {}
    if export.streamed:
        response = StreamingHttpResponse(
            export.write(records, meta=meta, **extra), content_type=export.content_type
        )
    else:
        # FileResponse closes (and so deletes) the file once it has been sent.
        response = FileResponse(export.write(records, meta=meta), content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.DATA_LICENCE_URL}>; rel="license"'
    return response


def write_export(fmt, file, records, *, meta):
    """Write the `fmt` file of `records` into the binary `file`, byte for byte what a download
    of the same records sends (releases and snapshots store their files this way)."""
    export = FORMATS[fmt]
    output = export.write(records, meta=meta if export.carries_meta else None)
    if export.streamed:
        for block in output:
            file.write(block.encode())
    else:
        with output:
            shutil.copyfileobj(output, file)
