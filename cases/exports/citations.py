"""Citations of cases and of their sources, as CSL-JSON items rendered to RIS and BibTeX.

Everything starts from an export record (cases.exports.case_records), so a citation carries
exactly what the exports and the API carry. CSL-JSON is the common form: RIS and BibTeX are
renderings of it.
"""

import re
from datetime import date

from django.conf import settings
from django.utils.dateformat import format as format_date

RIS_TYPES = {"webpage": "ELEC", "report": "RPRT"}
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
BIBTEX_ESCAPE = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))
# RIS and BibTeX values are one line each; control characters would corrupt the file.
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


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


# -- RIS ------------------------------------------------------------------------------------


def _one_line(value):
    return LINE_BREAKS.sub(" ", str(value)).strip()


def _ris_date(parts):
    year, *rest = parts
    month, day = [*rest, None, None][:2]
    return f"{year:04d}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/"


def ris(item):
    """One RIS record (CRLF line ends, as the format asks)."""
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"]), ("TI", item["title"])]
    lines += [("AU", author["literal"]) for author in item.get("author", [])]
    if "container-title" in item:
        lines.append(("T2", item["container-title"]))
    if "publisher" in item:
        lines.append(("PB", item["publisher"]))
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        lines += [("PY", f"{parts[0]:04d}"), ("DA", _ris_date(parts))]
    if "URL" in item:
        lines.append(("UR", item["URL"]))
    if "accessed" in item:
        lines.append(("Y2", _ris_date(item["accessed"]["date-parts"][0])))
    if "abstract" in item:
        lines.append(("AB", item["abstract"]))
    lines += [("KW", keyword) for keyword in item["keyword"].split(", ") if keyword]
    lines += [("N1", item["note"]), ("ER", "")]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines) + "\r\n"


# -- BibTeX ---------------------------------------------------------------------------------


def _bibtex_escape(value):
    return BIBTEX_ESCAPE.sub(lambda match: BIBTEX_SPECIALS[match.group()], _one_line(value))


def bibtex(item):
    """One BibTeX @misc entry; titles and corporate authors are braced to keep their case."""
    fields = [("title", "{" + _bibtex_escape(item["title"]) + "}")]
    fields += [("author", "{" + _bibtex_escape(a["literal"]) + "}") for a in item.get("author", [])]
    if "container-title" in item:
        fields.append(("howpublished", _bibtex_escape(item["container-title"])))
    if "publisher" in item:
        fields.append(("publisher", _bibtex_escape(item["publisher"])))
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
    if "URL" in item:
        # url fields are read verbatim by the url package; only braces would break the entry.
        fields.append(("url", _one_line(item["URL"]).replace("{", "%7B").replace("}", "%7D")))
    if "accessed" in item:
        fields.append(("urldate", date(*item["accessed"]["date-parts"][0]).isoformat()))
    if item["keyword"]:
        fields.append(("keywords", _bibtex_escape(item["keyword"])))
    fields.append(("note", _bibtex_escape(item["note"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{item['id']},\n{body}\n}}\n\n"
