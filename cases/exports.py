"""Streamed CSV and JSON exports of a filtered case list.

Cases are read with one values() query through a chunked cursor. For each chunk, the
countries, pillars, actors and sources come from one query each, so a chunk costs four more
queries whatever its size. Output is written in blocks of rows, so neither the database
result nor the file is ever held whole in memory.
"""

import csv
import json
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from .choices import Level
from .models import Case, CaseActor, Source

CHUNK_SIZE = 1000
CASE_FIELDS = (
    "id",
    "slug",
    "title",
    "start_year",
    "start_month",
    "end_year",
    "end_month",
    "summary",
    "body",
    "takeaways",
    "created",
    "updated",
)
CSV_COLUMNS = (
    "title",
    "slug",
    "permalink",
    "countries",
    "country_codes",
    "regions",
    "period_start",
    "period_end",
    "pillars",
    "actors",
    "actor_levels",
    "summary",
    "body",
    "takeaways",
    "sources",
    "created",
    "updated",
    "licence",
)
LIST_SEPARATOR = "; "
LEVEL_LABELS = dict(Level.choices)
# Cells starting with these are formulas to Excel; a leading apostrophe keeps them text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def batched(iterable, size):
    """Tuples of up to `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def case_records(queryset, *, permalink_prefix, chunk_size=CHUNK_SIZE):
    """Yield one JSON-ready dict per case of `queryset`, in the queryset's order."""
    rows = queryset.values(*CASE_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in batched(rows, chunk_size):
        related = _related(ids=[row["id"] for row in chunk])
        for row in chunk:
            yield _record(row, related, permalink_prefix)


def _related(*, ids):
    related = defaultdict(lambda: defaultdict(list))
    country_links = (
        Case.countries.through.objects.filter(case_id__in=ids)
        .values_list("case_id", "country__code", "country__name", "country__region")
        .order_by("country__name")
    )
    for case_id, code, name, region in country_links:
        related[case_id]["countries"].append({"code": code, "name": name, "region": region})
    pillar_links = (
        Case.pillars.through.objects.filter(case_id__in=ids)
        .values_list("case_id", "pillar__slug", "pillar__name")
        .order_by("pillar__order", "pillar__name")
    )
    for case_id, slug, name in pillar_links:
        related[case_id]["pillars"].append({"slug": slug, "name": name})
    actor_links = (
        CaseActor.objects.filter(case_id__in=ids)
        .values_list("case_id", "actor__slug", "actor__name", "actor__kind", "actor__level", "role")
        .order_by("order", "id")
    )
    for case_id, slug, name, kind, level, role in actor_links:
        related[case_id]["actors"].append(
            {"slug": slug, "name": name, "kind": kind, "level": level, "role": role}
        )
    sources = (
        Source.objects.filter(case_id__in=ids)
        .values_list("case_id", "title", "publisher", "url", "published")
        .order_by("order", "id")
    )
    for case_id, title, publisher, url, published in sources:
        related[case_id]["sources"].append(
            {
                "title": title,
                "publisher": publisher,
                "url": url,
                "published": published.isoformat() if published else None,
            }
        )
    return related


def _record(row, related, permalink_prefix):
    links = related[row["id"]]
    return {
        "slug": row["slug"],
        "title": row["title"],
        "permalink": f"{permalink_prefix}{row['slug']}/",
        "countries": links["countries"],
        "period": {
            "start_year": row["start_year"],
            "start_month": row["start_month"],
            "end_year": row["end_year"],
            "end_month": row["end_month"],
        },
        "summary": row["summary"],
        "body": row["body"],
        "takeaways": row["takeaways"],
        "pillars": links["pillars"],
        "actors": links["actors"],
        "sources": links["sources"],
        "created": row["created"].isoformat(),
        "updated": row["updated"].isoformat(),
    }


def _year_month(year, month):
    if not year:
        return ""
    return f"{year:04d}-{month:02d}" if month else str(year)


def csv_row(record):
    period = record["period"]
    countries = record["countries"]
    levels = sorted({actor["level"] for actor in record["actors"]}, key=list(LEVEL_LABELS).index)
    join = LIST_SEPARATOR.join
    return [
        record["title"],
        record["slug"],
        record["permalink"],
        join(country["name"] for country in countries),
        join(country["code"] for country in countries),
        join(dict.fromkeys(country["region"] for country in countries)),
        _year_month(period["start_year"], period["start_month"]),
        _year_month(period["end_year"], period["end_month"]),
        join(pillar["name"] for pillar in record["pillars"]),
        join(f"{actor['name']} ({LEVEL_LABELS[actor['level']]})" for actor in record["actors"]),
        join(levels),
        record["summary"],
        record["body"],
        join(record["takeaways"]),
        join(_source_text(source) for source in record["sources"]),
        record["created"],
        record["updated"],
        # The licence travels inside the file, so a copy passed on still says how to reuse it.
        settings.DATA_LICENCE,
    ]


def _source_text(source):
    details = ", ".join(part for part in (source["publisher"], source["published"]) if part)
    text = f"{source['title']} ({details})" if details else source["title"]
    return f"{text} {source['url']}" if source["url"] else text


def _neutralise_formula(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def stream_csv(records, *, rows_per_block=500):
    writer = csv.writer(_Echo())
    # The byte-order mark makes Excel read the file as UTF-8.
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for block in batched(records, rows_per_block):
        yield "".join(
            writer.writerow([_neutralise_formula(cell) for cell in csv_row(record)])
            for record in block
        )


def stream_json(records, *, meta, rows_per_block=500):
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False) + ', "cases": ['
    separator = "\n"
    for block in batched(records, rows_per_block):
        yield separator + ",\n".join(json.dumps(record, ensure_ascii=False) for record in block)
        separator = ",\n"
    yield "\n]}\n"


def export_response(case_filter, *, fmt, permalink_prefix, request_url, extra_meta=None):
    """A streamed download of every case `case_filter` matches, in its order."""
    queryset = case_filter.qs
    records = case_records(queryset, permalink_prefix=permalink_prefix)
    stamp = timezone.now()
    filename = f"{case_filter.filename_stem()}_{stamp.date().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            stream_csv(records), content_type="text/csv; charset=utf-8"
        )
    else:
        meta = {
            "title": "NLC Case Catalogue export",
            "exported_at": stamp.isoformat(),
            "query": case_filter.query_string(),
            "url": request_url,
            "count": queryset.count(),
            **(extra_meta or {}),
        }
        response = StreamingHttpResponse(
            stream_json(records, meta=meta), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
