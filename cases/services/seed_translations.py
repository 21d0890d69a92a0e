"""Loading the translators' seed texts (fixtures/translations/seed.<lang>.json).

The format, one file a language:
    {"language": "fr",
     "pillars": {"<pillar slug>": {"name": …, "definition": …, "guidance": …}},
     "cases": {"<case slug>": {"title": …, "summary": …, "body": …, "takeaways": [...]}}}

Every text is loaded as UNREVIEWED: no staff member has checked it. A translation fills only
the fields still empty in that language, so loading twice changes nothing and a curator's own
translation is never overwritten. Unknown slugs or a malformed file raise SeedError and nothing
is written.
"""

import json
from pathlib import Path

from django.db import transaction

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, TranslationStatus, filled, localized
from pillars.models import Pillar, PillarTranslation

from ..models import Case, CaseTranslation
from .seed import SeedError

CASE_FIELDS = {"title": str, "summary": str, "body": str, "takeaways": list}
PILLAR_FIELDS = {"name": str, "definition": str, "guidance": str}


def seed_translation_paths(directory):
    """The translation files present in `directory`, one per language other than English."""
    directory = Path(directory)
    languages = [code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE]
    return [
        directory / f"seed.{code}.json"
        for code in languages
        if (directory / f"seed.{code}.json").exists()
    ]


def seed_translations_read(*, path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeedError(f"Cannot read the translation file {path}: {error}") from error
    _check_shape(data, path)
    return data


@transaction.atomic
def seed_translations_load(*, data):
    """Fill the empty translated fields of `data`'s language; returns how many objects gained
    text. Any unknown slug aborts the whole load."""
    _check_shape(data, "the translation data")
    language = data["language"]
    pillars = Pillar.objects.in_bulk(list(data["pillars"]), field_name="slug")
    cases = Case.objects.in_bulk(list(data["cases"]), field_name="slug")
    unknown = [f"pillar {slug!r}" for slug in data["pillars"] if slug not in pillars] + [
        f"case {slug!r}" for slug in data["cases"] if slug not in cases
    ]
    if unknown:
        raise SeedError(f"Unknown slugs in the {language} translations: {', '.join(unknown)}")
    filled_count = 0
    for slug, texts in data["pillars"].items():
        filled_count += _fill(pillars[slug], texts, language, PillarTranslation, "pillar")
    for slug, texts in data["cases"].items():
        filled_count += _fill(cases[slug], texts, language, CaseTranslation, "case")
    return filled_count


def _fill(obj, texts, language, review_model, owner):
    columns = [localized(name, language) for name, value in texts.items() if filled(value)]
    empty = [column for column in columns if not filled(getattr(obj, column))]
    if not empty:
        return 0
    for column in empty:
        setattr(obj, column, texts[column.rsplit("_", 1)[0]])
    obj.save(update_fields=empty)
    review_model.objects.get_or_create(
        **{owner: obj, "language": language},
        defaults={"status": TranslationStatus.UNREVIEWED},
    )
    return 1


def _check_shape(data, where):
    if not isinstance(data, dict) or set(data) != {"language", "pillars", "cases"}:
        raise SeedError(f"{where}: expected an object with language, pillars and cases")
    language = data["language"]
    if language not in LANGUAGE_CODES or language == DEFAULT_LANGUAGE:
        raise SeedError(
            f"{where}: language must be one of the translated languages, not {language!r}"
        )
    for kind, fields in (("pillars", PILLAR_FIELDS), ("cases", CASE_FIELDS)):
        if not isinstance(data[kind], dict):
            raise SeedError(f"{where}: {kind} must be an object keyed by slug")
        for slug, texts in data[kind].items():
            if not isinstance(texts, dict) or not set(texts) <= set(fields):
                raise SeedError(f"{where}: {kind} {slug!r} may hold only {', '.join(fields)}")
            for name, value in texts.items():
                if not isinstance(value, fields[name]) or (
                    name == "takeaways" and not all(isinstance(line, str) for line in value)
                ):
                    raise SeedError(f"{where}: {kind} {slug!r}: {name} has the wrong type")
