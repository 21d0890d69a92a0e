"""The Frictionless Data Package of a release: a zip of datapackage.json, the release's
cases.csv (the CSV export itself) and the relation tables, each with its Table Schema.

https://specs.frictionlessdata.io/tabular-data-package/ ; the tests validate the zip with the
frictionless library.
"""

import csv
import io
import json
import zipfile

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify

from cases.exports.codebook import CSV_FIELDS
from cases.exports.formats.csv import CSV_COLUMNS
from cases.models.completeness import TOTAL, Criterion

from .sqlite import RELATION_TABLES, most_cited_sources, table_rows

# Sources named in datapackage.json; sources.csv holds every one.
LISTED_SOURCES = 50
TEXT = {"type": "string"}
REQUIRED = {"required": True}
PERIOD = {"pattern": "[0-9]{4}(-[0-9]{2})?"}
# One criterion of completeness; a complete case's empty cell is a missing value.
CRITERION = f"({'|'.join(Criterion.values)})"


def _field(name, type_="string", description="", **constraints):
    field = {"name": name, "type": type_}
    if description:
        field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


def cases_schema():
    meanings = {field.name: field.meaning for field in CSV_FIELDS}
    special = {
        "title": {"constraints": REQUIRED},
        "slug": {"constraints": {**REQUIRED, "unique": True}},
        "permalink": {"format": "uri"},
        "period_start": {"constraints": PERIOD},
        "period_end": {"constraints": PERIOD},
        "completeness": {"type": "integer", "constraints": {"minimum": 0, "maximum": TOTAL}},
        "completeness_missing": {"constraints": {"pattern": f"{CRITERION}(; {CRITERION})*"}},
        "created": {"type": "datetime"},
        "updated": {"type": "datetime"},
    }
    fields = []
    for column in CSV_COLUMNS:
        field = {"name": column, **TEXT, "description": meanings.get(column, "")}
        field.update(special.get(column, {}))
        fields.append(field)
    return {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]}


def _to_cases(*columns):
    return {"fields": list(columns), "reference": {"resource": "cases", "fields": ["slug"]}}


def _to(resource, column, key):
    return {"fields": [column], "reference": {"resource": resource, "fields": [key]}}


RELATION_SCHEMAS = {
    "countries": {
        "fields": [
            _field("code", description="ISO 3166-1 alpha-2 code.", **REQUIRED),
            _field("name", description="Country name."),
            _field("region", description="Region identifier."),
        ],
        "primaryKey": ["code"],
    },
    "pillars": {
        "fields": [_field("slug", **REQUIRED), _field("name")],
        "primaryKey": ["slug"],
    },
    "actors": {
        "fields": [
            _field("slug", **REQUIRED),
            _field("name"),
            _field("kind", description="Kind of actor."),
            _field("level", description="Level of government or society."),
        ],
        "primaryKey": ["slug"],
    },
    "case_countries": {
        "fields": [_field("case_slug", **REQUIRED), _field("country_code", **REQUIRED)],
        "primaryKey": ["case_slug", "country_code"],
        "foreignKeys": [_to_cases("case_slug"), _to("countries", "country_code", "code")],
    },
    "case_pillars": {
        "fields": [_field("case_slug", **REQUIRED), _field("pillar_slug", **REQUIRED)],
        "primaryKey": ["case_slug", "pillar_slug"],
        "foreignKeys": [_to_cases("case_slug"), _to("pillars", "pillar_slug", "slug")],
    },
    "case_actors": {
        "fields": [
            _field("case_slug", **REQUIRED),
            _field("position", "integer", "Order on the case page.", **REQUIRED),
            _field("actor_slug", **REQUIRED),
            _field("role", description="The actor's role in the case."),
        ],
        "primaryKey": ["case_slug", "position"],
        "foreignKeys": [_to_cases("case_slug"), _to("actors", "actor_slug", "slug")],
    },
    "sources": {
        "fields": [
            _field("case_slug", **REQUIRED),
            _field("position", "integer", "Order on the case page.", **REQUIRED),
            _field("title", **REQUIRED),
            _field("publisher"),
            _field("url", description="Address of the source, if public."),
            _field("published", "date", "Publication date."),
        ],
        "primaryKey": ["case_slug", "position"],
        "foreignKeys": [_to_cases("case_slug")],
        "missingValues": [""],
    },
}


def descriptor(*, name, title, created, homepage, sqlite_path):
    """The datapackage.json of a release."""
    resources = [
        {
            "name": "cases",
            "path": "cases.csv",
            "title": "Cases, one row each (the CSV export)",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "profile": "tabular-data-resource",
            "schema": cases_schema(),
        }
    ]
    for table in RELATION_TABLES:
        resources.append(
            {
                "name": table.replace("_", "-"),
                "path": f"{table}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": RELATION_SCHEMAS[table],
            }
        )
    # Foreign keys name resources; theirs carry hyphens.
    for resource in resources:
        for key in resource["schema"].get("foreignKeys", []):
            key["reference"]["resource"] = key["reference"]["resource"].replace("_", "-")
    sources = [
        {"title": title_, **({"path": url} if url else {})}
        for title_, url, _publisher in most_cited_sources(sqlite_path, LISTED_SOURCES)
    ]
    return {
        "profile": "tabular-data-package",
        "name": slugify(settings.CATALOGUE_NAME) or "nlc-case-catalogue",
        "title": title,
        "version": name,
        "created": created.isoformat(),
        "homepage": homepage,
        "description": (
            "Case studies of national-local cooperation against hate, extremism and "
            "polarisation. cases.csv has one row per case; the other tables link cases to "
            "countries, pillars, actors and sources by the case's slug. The sources named "
            f"here are the {LISTED_SOURCES} most cited; sources.csv lists every one."
        ),
        "licenses": [
            {
                "name": slugify(settings.DATA_LICENCE) or "licence",
                "title": settings.DATA_LICENCE,
                "path": settings.DATA_LICENCE_URL,
            }
        ],
        "sources": sources,
        "resources": resources,
    }


def build_datapackage(path, *, cases_csv, sqlite_path, extra_files, **meta):
    """Write the zip to `path`: the descriptor, the cases CSV file, the relation tables read
    from the release's SQLite file, and `extra_files` ({name in zip: path})."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        package = descriptor(sqlite_path=sqlite_path, **meta)
        archive.writestr(
            "datapackage.json",
            json.dumps(package, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        )
        archive.write(cases_csv, "cases.csv")
        for table, columns in RELATION_TABLES.items():
            with archive.open(f"{table}.csv", "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow(columns)
                for row in table_rows(sqlite_path, table):
                    writer.writerow(row)
                text.flush()
                text.detach()
        for name, file_path in extra_files.items():
            archive.write(file_path, name)
