"""Citations as CSL-JSON items, and the CSL-JSON export of a list's sources.

Items are built from export records (cases.exports.records), so a citation carries exactly
what the exports and the API carry. CSL-JSON is the common form: the RIS and BibTeX writers
render the same items.
"""

import json
import re
from datetime import date

from django.conf import settings
from django.utils.dateformat import format as format_date

from . import batched

CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"
# RIS and BibTeX values are one line each; control characters would corrupt the file.
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def stream(records, *, meta=None):
    """A bare array of the items of every source of the records; each item's note carries
    the provenance."""
    separator = "[\n"
    for block in batched(source_items_of(records)):
        yield separator + ",\n".join(json.dumps(item, ensure_ascii=False) for item in block)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def source_items_of(records):
    """The items of every source of every record, in order: what the list exports hold, one
    per source, so a researcher can pull a filtered set into Zotero or EndNote."""
    for record in records:
        yield from source_items(record)


def one_line(value):
    return LINE_BREAKS.sub(" ", str(value)).strip()


def licence_note():
    return f"Data licence: {settings.DATA_LICENCE} ({settings.DATA_LICENCE_URL})."


def _date_parts(value):
    return {"date-parts": [[value.year, value.month, value.day]]}


def _keywords(record):
    return [pillar["name"] for pillar in record["pillars"]] + [
        country["name"] for country in record["countries"]
    ]


def case_item(record, *, accessed):
    """The case page itself, as a CSL-JSON web page."""
    updated = date.fromisoformat(record["updated"][:10])
    return {
        "id": f"nlc-{record['slug']}",
        "type": "webpage",
        "title": record["title"],
        "author": [{"literal": settings.CATALOGUE_PUBLISHER}],
        "container-title": settings.CATALOGUE_NAME,
        "publisher": settings.CATALOGUE_PUBLISHER,
        "issued": {"date-parts": [[updated.year]]},
        "accessed": _date_parts(accessed),
        "URL": record["permalink"],
        "abstract": record["summary"],
        "keyword": ", ".join(_keywords(record)),
        "note": licence_note(),
    }


def source_items(record):
    """One CSL-JSON item per source of the case, each pointing back to the case page."""
    for number, source in enumerate(record["sources"], start=1):
        item = {
            "id": f"nlc-{record['slug']}-source-{number}",
            "type": "report",
            "title": source["title"],
            "keyword": ", ".join(_keywords(record)),
            "note": (
                f"Source of the case “{record['title']}” in the {settings.CATALOGUE_NAME}: "
                f"{record['permalink']} {licence_note()}"
            ),
        }
        if source["publisher"]:
            item["author"] = [{"literal": source["publisher"]}]
            item["publisher"] = source["publisher"]
        if source["published"]:
            item["issued"] = _date_parts(date.fromisoformat(source["published"]))
        if source["url"]:
            item["URL"] = source["url"]
        yield item


def citation_text(*, title, permalink, updated, accessed):
    """A reference a person can paste: publisher (year). Title. Catalogue. URL (accessed …)."""
    return (
        f"{settings.CATALOGUE_PUBLISHER} ({updated.year}). {title}. "
        f"{settings.CATALOGUE_NAME}. {permalink} (accessed {format_date(accessed, 'j F Y')})."
    )
