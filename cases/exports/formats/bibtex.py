"""BibTeX: CSL-JSON items rendered as @misc entries, after a comment with the metadata."""

import re
from datetime import date

from . import batched
from .csl import one_line, source_items_of

CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
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


def stream(records, *, meta):
    """The metadata as a comment, then one entry per source of the records."""
    # @comment is the one place BibTeX tools leave free text alone.
    yield "@comment{" + "; ".join(f"{key}: {value}" for key, value in meta.items()) + "}\n\n"
    for block in batched(source_items_of(records)):
        yield "".join(bibtex(item) for item in block)


def _bibtex_escape(value):
    return BIBTEX_ESCAPE.sub(lambda match: BIBTEX_SPECIALS[match.group()], one_line(value))


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
        fields.append(("url", one_line(item["URL"]).replace("{", "%7B").replace("}", "%7D")))
    if "accessed" in item:
        fields.append(("urldate", date(*item["accessed"]["date-parts"][0]).isoformat()))
    if item["keyword"]:
        fields.append(("keywords", _bibtex_escape(item["keyword"])))
    fields.append(("note", _bibtex_escape(item["note"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{item['id']},\n{body}\n}}\n\n"
