"""RIS, the tagged format EndNote and Zotero import: CSL-JSON items rendered as records."""

from . import batched
from .csl import one_line, source_items_of

CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
RIS_TYPES = {"webpage": "ELEC", "report": "RPRT", "dataset": "DATA"}


def stream(records, *, meta=None):
    """One RIS record per source of the records."""
    for block in batched(source_items_of(records)):
        yield "".join(ris(item) for item in block)


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
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines) + "\r\n"
