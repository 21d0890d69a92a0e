"""Checking imported cases: one validation for the import_cases command and the admin import.

import_plan() checks every record (see cases/import_files.py for reading files) against the
database and says, per record, what would be created or updated, or which field is wrong and
why. import_apply() in services.py writes a clean plan in one transaction.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, localized
from pillars.models import Pillar

from ...exports.formats.csv import LIST_SEPARATOR
from ...models import Actor, Case, CaseActor, Country, Source
from ...models.translations import TEXT_FIELDS
from ...validators import MAX_LINE_LENGTH
from .files import ISO_DATE
from .languages import plan_languages

YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
PERIOD_KEYS = ("start_year", "start_month", "end_year", "end_month")
# What no database column can hold: PostgreSQL refuses NUL in text, and a lone UTF-16
# surrogate cannot be encoded as UTF-8 at all.
SURROGATE = re.compile("[\ud800-\udfff]")
# A record's field holds at most a list of objects (sources, actors); nothing goes deeper.
MAX_FIELD_NESTING = 2


@dataclass(frozen=True)
class RowError:
    position: str
    field: str
    reason: str

    def __str__(self):
        return f"{self.position}, {self.field}: {self.reason}"


@dataclass
class PlannedCase:
    position: str
    action: str  # "create" or "update"
    case: Case
    countries: list
    pillars: list
    actors: list  # [(Actor, role or None to keep its role)]; unsaved actors are created
    sources: list  # [Source] without a case
    statuses: dict = field(default_factory=dict)  # {language: review status the file states}
    saved_texts: dict | None = None  # the stored text in each language, for an update


@dataclass
class ImportPlan:
    cases: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def is_clean(self):
        return not self.errors

    def count(self, action):
        return sum(1 for item in self.cases if item.action == action)

    @property
    def creates(self):
        return self.count("create")

    @property
    def updates(self):
        return self.count("update")


class _Lookups:
    """Everything the records refer to, read once for the whole file."""

    def __init__(self, records):
        slugs = [record.get("slug") for _, record in records if isinstance(record, dict)]
        self.cases = {
            case.slug: case
            for case in Case.objects.filter(slug__in=[s for s in slugs if isinstance(s, str)])
        }
        self.countries = {country.code: country for country in Country.objects.all()}
        self.pillars = {}
        for pillar in Pillar.objects.all():
            # An export names pillars in its language: any language's name finds them.
            names = (getattr(pillar, localized("name", code)) for code in LANGUAGE_CODES)
            for key in (pillar.slug, *(name.lower() for name in names if name)):
                self.pillars.setdefault(key, pillar)
        self.actors = {}
        for actor in Actor.objects.all():
            self.actors[actor.slug] = self.actors[actor.name.lower()] = actor
        self.seen = {}


def import_plan(*, records, create_missing=False):
    """Check every record; return an ImportPlan with what to write and every error found.

    With `create_missing`, countries and actors that a JSON export describes in full (code,
    name and region; slug, name, kind and level) are created when the database lacks them,
    so an export can be loaded into an empty catalogue. Pillars, the fixed vocabulary, must
    exist.
    """
    lookups = _Lookups(records)
    plan = ImportPlan()
    for position, record in records:
        errors = []
        planned = _check_record(position, record, lookups, create_missing, errors)
        plan.errors.extend(errors)
        if planned and not errors:
            plan.cases.append(planned)
    return plan


def _check_record(position, record, lookups, create_missing, errors):
    def error(field_name, reason):
        # Messages quote the file, and the page must be able to show them whatever it holds.
        field_name, reason = (_printable(text) for text in (field_name, reason))
        errors.append(RowError(position, field_name, reason))

    if not isinstance(record, dict):
        error("record", _("must be an object with the fields of the JSON export"))
        return None
    _check_values(record, error)
    flagged = {re.split(r"[.\[]", e.field, maxsplit=1)[0] for e in errors}
    title = _text(record, "title")
    if not title:
        error("title", _("missing title"))
    slug = _text(record, "slug") or slugify(title)[:200]
    if slug in lookups.seen:
        error(
            "slug",
            _("duplicate slug %(slug)s: %(position)s has it too")
            % {"slug": repr(slug), "position": lookups.seen[slug]},
        )
    elif slug:
        lookups.seen[slug] = position
    existing = lookups.cases.get(slug)
    case = existing or Case()
    saved_texts = existing._texts() if existing else None
    kept_takeaways = (
        {code: getattr(existing, localized("takeaways", code)) for code in LANGUAGE_CODES}
        if existing
        else {}
    )
    case.slug = slug
    text_language, statuses = plan_languages(case, record, existing, error)
    # A CSV cell joins takeaways with "; ", which a takeaway may contain (French puts a space
    # before a semicolon): a cell that reads exactly as the stored takeaways joined keeps them.
    translations = record.get("translations")
    for code, stored in kept_takeaways.items():
        if code == text_language:
            cell = record.get("takeaways_text")
        else:
            texts = translations.get(code) if isinstance(translations, dict) else None
            cell = texts.get("takeaways_text") if isinstance(texts, dict) else None
        if cell is not None and cell == LIST_SEPARATOR.join(stored or []):
            setattr(case, localized("takeaways", code), stored)
    _set_period(case, record, error)
    for code in LANGUAGE_CODES:
        column = localized("takeaways", code)
        lines = getattr(case, column) or []
        if any(isinstance(line, str) and len(line) > MAX_LINE_LENGTH for line in lines):
            error(
                _file_field(column, record),
                _("over-long field: keep each takeaway under %(limit)s characters")
                % {"limit": MAX_LINE_LENGTH},
            )
    # A missing title is reported once, above, not again as a blank title and slug.
    # The plain text columns are checked per language (title_en, title_fr, …) and by
    # Case.clean() for the original language.
    exclude = ["countries", "pillars", "actors", *TEXT_FIELDS, *([] if title else ["slug"])]
    if existing is None:
        case.status = Case.Status.DRAFT  # replaced by the import's status for new cases
    try:
        # Case.clean() and the fields' choices check in Python what the table's constraints
        # hold (months, period order, status); validating the constraints themselves would
        # ask the database once per constraint and record, 70,000 queries for a full file.
        case.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        period_reported = any(e.field.startswith("period") for e in errors)
        for name, problems in invalid.error_dict.items():
            field_name = "period" if name.endswith(("_year", "_month")) else name
            field_name = _file_field(field_name, record)
            if not title and field_name in ("title", "slug"):
                continue  # "missing title" says it
            if field_name in flagged or (field_name == "period" and period_reported):
                continue  # reported above; what follows from that would confuse
            for problem in problems:
                error(field_name, _reason(problem))
    countries = _countries(record, lookups, create_missing, error)
    pillars = _pillars(record, lookups, error)
    actors = _actors(record, lookups, create_missing, error)
    sources = _sources(record, error)
    action = "update" if existing else "create"
    return PlannedCase(
        position, action, case, countries, pillars, actors, sources, statuses, saved_texts
    )


def _file_field(column, record):
    """The name a file gives a case column: `summary` for the record's own language's
    summary_xx (the text_language of an export), else the column itself (summary_fr)."""
    name, _, code = column.rpartition("_")
    if name in TEXT_FIELDS and code == (
        record.get("text_language") or record.get("original_language") or DEFAULT_LANGUAGE
    ):
        return name
    return column


def _check_values(record, error):
    """Report text no database can store and nesting no export has, field by field."""
    reported = set()
    # The CSV's takeaways cell is kept alongside its takeaways only to compare them.
    # A translation is one object deeper than the record's own text: {"fr": {"takeaways": []}}.
    queue = [
        (key, value, -1 if key == "translations" else 0)
        for key, value in record.items()
        if key != "takeaways_text"
    ]
    for path, value, level in queue:  # (the queue grows while it is read)
        reason = None
        if isinstance(value, str):
            reason = _unstorable(value)
        elif isinstance(value, dict | list) and level == MAX_FIELD_NESTING:
            path = re.split(r"[.\[]", path, maxsplit=1)[0]
            reason = _("nested too deeply: a field holds at most a list of objects, as sources do")
        elif isinstance(value, list):
            queue.extend((f"{path}[{n}]", item, level + 1) for n, item in enumerate(value, 1))
        elif isinstance(value, dict):
            queue.extend((f"{path}.{key}", item, level + 1) for key, item in value.items())
        if reason and (path, reason) not in reported:
            reported.add((path, reason))
            error(path, reason)


def _unstorable(text):
    if "\x00" in text:
        return _(
            "contains a NUL character (at character %(position)s), which cannot be stored; "
            "remove it"
        ) % {"position": text.index(chr(0)) + 1}
    found = SURROGATE.search(text)
    if found:
        return _(
            "contains %(character)s, half of a UTF-16 surrogate pair without its other half, "
            "which is not text; was the file converted from UTF-16 badly?"
        ) % {"character": f"U+{ord(found.group()):04X}"}
    return None


def _printable(text):
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _text(record, key):
    value = record.get(key)
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def _reason(problem):
    """A model's validation error as a row error: an over-long value says so first."""
    message = " ".join(problem.messages)
    if problem.code == "max_length":
        return _("over-long field: %(problem)s") % {"problem": message[0].lower() + message[1:]}
    return message


def _set_period(case, record, error):
    period = record.get("period")
    if period is not None and not isinstance(period, dict):
        error(
            "period",
            _(
                "must be an object with start_year, start_month, end_year and end_month, as "
                "the JSON export writes it, not %(value)s"
            )
            % {"value": repr(period)},
        )
        return
    if isinstance(period, dict):
        for key in sorted(period.keys() - set(PERIOD_KEYS)):
            error(
                "period",
                _("unknown key %(key)s: use start_year, start_month, end_year and end_month")
                % {"key": repr(key)},
            )
        for key in PERIOD_KEYS:
            value = period.get(key)
            if value is not None and not isinstance(value, int):
                error(
                    "period",
                    _("malformed date: %(key)s must be a whole number, not %(value)s")
                    % {"key": key, "value": repr(value)},
                )
                value = None
            setattr(case, key, value)
        return
    for side in ("start", "end"):
        text = _text(record, f"period_{side}")
        match = YEAR_MONTH.fullmatch(text)
        if text and not match:
            error(
                f"period_{side}",
                _("malformed date %(value)s: write YYYY or YYYY-MM") % {"value": repr(text)},
            )
        year, month = (int(match[1]), int(match[2]) if match[2] else None) if match else (None,) * 2
        setattr(case, f"{side}_year", year)
        setattr(case, f"{side}_month", month)


def _items(record, key, error):
    items = record.get(key) or []
    if not isinstance(items, list):
        error(key, _("must be a list"))
        return []
    return items


def _countries(record, lookups, create_missing, error):
    found = []
    for item in _items(record, "countries", error):
        code = item.get("code") if isinstance(item, dict) else item
        country = lookups.countries.get(code) if isinstance(code, str) else None
        if country is None and create_missing and isinstance(item, dict):
            country = Country(code=code, name=item.get("name", ""), region=item.get("region", ""))
            if _valid(country, error, "countries"):
                lookups.countries[code] = country
            else:
                continue
        if country is None:
            error("countries", _("unknown country code %(code)s") % {"code": repr(code)})
        else:
            found.append(country)
    if not record.get("countries"):
        error("countries", _("name at least one country by its ISO code"))
    return found


def _pillars(record, lookups, error):
    found = []
    for item in _items(record, "pillars", error):
        key = (item.get("slug") or item.get("name") or "") if isinstance(item, dict) else item
        pillar = lookups.pillars.get(key) or lookups.pillars.get(str(key).lower())
        if pillar is None:
            error("pillars", _("unknown pillar %(pillar)s") % {"pillar": repr(key)})
        else:
            found.append(pillar)
    if not record.get("pillars"):
        error("pillars", _("name at least one pillar"))
    return found


def _actors(record, lookups, create_missing, error):
    found = []
    for item in _items(record, "actors", error):
        if not isinstance(item, dict):
            item = {"name": item}
        key = item.get("slug") or item.get("name") or ""
        actor = lookups.actors.get(key) or lookups.actors.get(str(key).lower())
        if actor is None and create_missing and item.get("slug"):
            actor = Actor(
                slug=item["slug"], name=item.get("name", ""), kind=item.get("kind", ""),
                level=item.get("level", ""),
            )  # fmt: skip
            if not _valid(actor, error, "actors"):
                continue
            lookups.actors[actor.slug] = actor
        if actor is None:
            error("actors", _("unknown actor %(actor)s") % {"actor": repr(key)})
            continue
        if any(actor is other for other, _role in found):
            error("actors", _("%(actor)s is listed twice") % {"actor": actor.name})
            continue
        # The CSV export names actors without their roles: None keeps a known role.
        role = _text(item, "role") if "role" in item else None
        if role and len(role) > CaseActor._meta.get_field("role").max_length:
            error(
                "actors",
                _("over-long field: the role of %(actor)s has %(count)s characters")
                % {"actor": actor.name, "count": len(role)},
            )
        found.append((actor, role))
    return found


def _sources(record, error):
    sources = []
    for number, item in enumerate(_items(record, "sources", error), start=1):
        label = f"sources[{number}]"
        if not isinstance(item, dict):
            error(label, _("must be an object with title, publisher, url and published"))
            continue
        published = item.get("published") or None
        if published is not None and not (
            isinstance(published, str) and ISO_DATE.fullmatch(published)
        ):
            error(
                f"{label}.published",
                _("malformed date %(value)s: write YYYY-MM-DD") % {"value": repr(published)},
            )
            published = None
        source = Source(
            title=_text(item, "title"),
            publisher=_text(item, "publisher"),
            url=_text(item, "url"),
            published=published,
        )
        if _valid(source, error, label, exclude=["case"]):
            sources.append(source)
    return sources


def _valid(obj, error, label, exclude=None):
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as invalid:
        for name, problems in invalid.error_dict.items():
            for problem in problems:
                error(f"{label}.{name}", _reason(problem))
        return False
    return True
