"""The CSV export: one row of text cells per case record, as Excel reads it.

Lists are joined into one cell with LIST_SEPARATOR; the XLSX export writes the same cells, and
the importer (cases.services.imports) reads files in these columns back.
"""

from django.conf import settings

from core.languages import LANGUAGE_CODES

from ...choices import Level
from ...models.case import year_month
from . import batched

CONTENT_TYPE = "text/csv; charset=utf-8"
TRANSLATED = ("title", "summary", "body", "takeaways")
CSV_COLUMNS = (
    "title",
    "slug",
    "language",
    "text_language",
    "original_language",
    *(f"translation_status_{code}" for code in LANGUAGE_CODES),
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
    # The other languages' own text (the row's text_language is in the columns above), so that
    # an export imports back whole.
    *(f"{name}_{code}" for code in LANGUAGE_CODES for name in TRANSLATED),
    "sources",
    "completeness",
    "completeness_missing",
    "created",
    "updated",
    "licence",
)
LIST_SEPARATOR = "; "
LEVEL_LABELS = dict(Level.choices)
LEVEL_ORDER = {level: position for position, level in enumerate(LEVEL_LABELS)}
# Cells starting with these are formulas to Excel; a leading apostrophe keeps them text.
FORMULA_PREFIXES = frozenset(("=", "+", "-", "@", "\t", "\r"))


def stream(records, *, meta=None):
    """The CSV file in blocks: a byte-order mark and header, then a line per record."""
    # The byte-order mark makes Excel read the file as UTF-8.
    yield "\ufeff" + csv_line(CSV_COLUMNS)
    for block in batched(records):
        yield "".join([csv_line(_neutralise_formulas(csv_cells(record))) for record in block])


def csv_cells(record):
    """The text cells of a record's row, in CSV_COLUMNS order."""
    join = LIST_SEPARATOR.join
    countries, actors, period = record["countries"], record["actors"], record["period"]
    return [
        record["title"],
        record["slug"],
        record["language"],
        record["text_language"],
        record["original_language"],
        *(record["translation_status"][code] for code in LANGUAGE_CODES),
        record["permalink"],
        join([country["name"] for country in countries]),
        join([country["code"] for country in countries]),
        # Each region once, where its first country (by name) puts it.
        join(dict.fromkeys([country["region"] for country in countries])),
        year_month(period["start_year"], period["start_month"]),
        year_month(period["end_year"], period["end_month"]),
        join([pillar["name"] for pillar in record["pillars"]]),
        join([f"{actor['name']} ({LEVEL_LABELS[actor['level']]})" for actor in actors]),
        join(sorted({actor["level"] for actor in actors}, key=LEVEL_ORDER.__getitem__)),
        record["summary"],
        record["body"],
        join(record["takeaways"]),
        *_translation_cells(record),
        join([_source_text(source) for source in record["sources"]]),
        # Empty for a record frozen before completeness was recorded (an older snapshot's).
        str(record.get("completeness", "")),
        join(record.get("completeness_missing", [])),
        record["created"],
        record["updated"],
        # The licence travels inside the file, so a copy passed on still says how to reuse it.
        settings.DATA_LICENCE,
    ]


def _translation_cells(record):
    """Each language's title, summary, body and takeaways; empty for the row's text_language."""
    empty = dict.fromkeys(TRANSLATED, "")
    cells = []
    for code in LANGUAGE_CODES:
        text = record["translations"].get(code, empty)
        cells += [
            text["title"],
            text["summary"],
            text["body"],
            LIST_SEPARATOR.join(text["takeaways"] or []),
        ]
    return cells


def _source_text(source):
    """Title (Publisher, YYYY-MM-DD) URL, leaving out what the source lacks."""
    details = ", ".join([part for part in (source["publisher"], source["published"]) if part])
    text = f"{source['title']} ({details})" if details else source["title"]
    return f"{text} {source['url']}" if source["url"] else text


def _neutralise_formulas(cells):
    return ["'" + cell if cell[:1] in FORMULA_PREFIXES else cell for cell in cells]


def csv_line(cells):
    """One CSV line of text cells, exactly as csv.writer (the excel dialect) writes it.

    Only cells holding a delimiter, a quote or a line break are quoted (QUOTE_MINIMAL). Written
    with str methods, which run in C: csv.writer looks at every character one by one and was
    the export's slowest step. tests/cases/exports/test_csv_line.py holds the two to the same
    output.
    """
    if len(cells) == 1 and not cells[0]:
        return '""\r\n'  # as csv.writer does, so the line is not read as blank
    # One expression rather than a function per cell: the call cost more than the checks.
    # replace() hands back the cell itself when it holds no quote.
    quoted = [
        '"' + cell.replace('"', '""') + '"'
        if '"' in cell or "," in cell or "\n" in cell or "\r" in cell
        else cell
        for cell in cells
    ]
    return ",".join(quoted) + "\r\n"
