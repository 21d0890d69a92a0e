"""The codebook shown on /data/: every field of the exports and the API, described once.

Tests check that it names every CSV column, every key of a JSON/API case record and exactly the
keys of an export's metadata, so it cannot fall behind the exports silently.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES, TranslationState
from pillars.models import Pillar

from ..choices import ActorKind, Level, Region
from ..models.completeness import TOTAL, Criterion


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: str
    example: str
    allowed: str = ""
    # In the language asked for (the URL's /fr/ or /ar/, ?lang=), or the case's original
    # language where that translation is missing (text_language says which).
    translatable: bool = False


def _vocabulary(choices):
    return ", ".join(value for value, _label in choices)


LANGUAGES = ", ".join(LANGUAGE_CODES)
STATES = _vocabulary(TranslationState.choices)


def _language_fields(status_name):
    """The language fields, the same in the records and the CSV but for the status's name."""
    return [
        Field(
            "language",
            _("string"),
            _(
                "The language asked for (URL prefix /fr/ or /ar/, ?lang=, or the API's "
                "Accept-Language)."
            ),
            "fr",
            LANGUAGES,
        ),
        Field(
            "text_language",
            _("string"),
            _(
                "The language the text fields are in: the language asked for, or the case's "
                "original language where that translation is missing."
            ),
            "en",
            LANGUAGES,
        ),
        Field(
            "original_language",
            _("string"),
            _("The language the case was written in."),
            "en",
            LANGUAGES,
        ),
        *(
            Field(
                status_name.format(code=code),
                _("string"),
                format_lazy(
                    _(
                        "The {code} text: the original, missing, unreviewed (a draft no person "
                        "has checked; exclude these for reviewed text only) or reviewed."
                    ),
                    code=code,
                ),
                "unreviewed",
                STATES,
            )
            for code in LANGUAGE_CODES
        ),
    ]


def _other_languages(pattern, *, takeaways_type):
    """The text of each other language, as it is itself (no fallback), so that an export
    imports back whole."""
    types = {"title": _("string"), "summary": _("string"), "body": _("string (Markdown)")}
    types["takeaways"] = takeaways_type
    return [
        Field(
            pattern.format(code=code, name=name),
            kind,
            format_lazy(
                _(
                    "The case's {name} in {code}, empty where there is none (the record's own "
                    "text_language is in the fields above, not here)."
                ),
                name=name,
                code=code,
            ),
            "",
            "",
        )
        for code in LANGUAGE_CODES
        for name, kind in types.items()
    ]


def _completeness_fields(missing_type, missing_example):
    """The completeness score and what it misses, the same in the records and the CSV."""
    return [
        Field(
            "completeness",
            _("integer"),
            _(
                "How many of five criteria the case meets: a period (a start year; an open end "
                "counts), actors, a source with a link, takeaways in its original language, and "
                "reviewed translations into every other language. See the data quality "
                "statement."
            ),
            "4",
            f"0–{TOTAL}",
        ),
        Field(
            "completeness_missing",
            missing_type,
            _("The criteria the case does not meet; empty when it is complete."),
            missing_example,
            _vocabulary(Criterion.choices),
        ),
    ]


def record_fields():
    """The fields of a case in the JSON export and the API (dotted names for nested ones)."""
    pillars = ", ".join(Pillar.objects.order_by("order").values_list("slug", flat=True))
    return [
        Field(
            "slug",
            _("string"),
            _("The case's stable identifier."),
            "finland-action-plan",
            _("lower-case letters, digits and hyphens"),
        ),
        Field(
            "title",
            _("string"),
            _("The case's title."),
            "Finland's national action plan",
            translatable=True,
        ),
        *_language_fields("translation_status.{code}"),
        Field(
            "permalink",
            _("URL"),
            _("The case page; former slugs redirect to it."),
            "https://example.org/cases/finland-action-plan/",
        ),
        Field("countries[].code", _("string"), _("ISO 3166-1 alpha-2 code."), "FI"),
        Field("countries[].name", _("string"), _("Country name."), "Finland"),
        Field(
            "countries[].region",
            _("string"),
            _("Region identifier."),
            "europe",
            _vocabulary(Region.choices),
        ),
        Field(
            "period.start_year",
            _("integer or null"),
            _("Year the case began."),
            "2024",
            _("1900–2100"),
        ),
        Field("period.start_month", _("integer or null"), _("Month it began."), "7", _("1–12")),
        Field(
            "period.end_year",
            _("integer or null"),
            _("Year it ended; null if ongoing or unknown."),
            "2025",
            _("1900–2100"),
        ),
        Field("period.end_month", _("integer or null"), _("Month it ended."), "3", _("1–12")),
        Field(
            "summary",
            _("string"),
            _("One plain-text paragraph."),
            "A plan with 43 measures…",
            translatable=True,
        ),
        Field(
            "body",
            _("string (Markdown)"),
            _("The full account."),
            "## Background …",
            translatable=True,
        ),
        Field(
            "takeaways",
            _("list of strings"),
            _("Lessons for national-local cooperation."),
            '["Agree roles early."]',
            translatable=True,
        ),
        *_other_languages("translations.{code}.{name}", takeaways_type=_("list of strings")),
        Field("pillars[].slug", _("string"), _("Pillar identifier."), "coordination", pillars),
        Field("pillars[].name", _("string"), _("Pillar name."), "Coordination"),
        Field("actors[].slug", _("string"), _("Actor identifier."), "city-of-helsinki"),
        Field("actors[].name", _("string"), _("Actor name."), "City of Helsinki"),
        Field(
            "actors[].kind",
            _("string"),
            _("Kind of body."),
            "local_government",
            _vocabulary(ActorKind.choices),
        ),
        Field(
            "actors[].level",
            _("string"),
            _("Level it works at."),
            "local",
            _vocabulary(Level.choices),
        ),
        Field(
            "actors[].role",
            _("string"),
            _("Its part in this case; may be empty."),
            "chairs the taskforce",
        ),
        Field("sources[].title", _("string"), _("Title of a source document."), "Practice update"),
        Field(
            "sources[].publisher",
            _("string"),
            _("Who published it; may be empty."),
            "Strong Cities Network",
        ),
        Field(
            "sources[].url", _("URL or empty"), _("Where it can be read."), "https://example.org/r"
        ),
        Field(
            "sources[].published",
            _("date or null"),
            _("Publication date, YYYY-MM-DD."),
            "2024-11-27",
        ),
        *_completeness_fields(_("list of strings"), '["translations"]'),
        Field(
            "created",
            _("date-time"),
            _("When the record was created (ISO 8601, UTC)."),
            "2026-11-22T15:00:00+00:00",
        ),
        Field(
            "updated",
            _("date-time"),
            _("When the record last changed (ISO 8601, UTC)."),
            "2026-11-22T15:00:00+00:00",
        ),
    ]


CSV_FIELDS = [
    Field(
        "title",
        _("text"),
        _("The case's title."),
        "Finland's national action plan",
        translatable=True,
    ),
    Field("slug", _("text"), _("The case's stable identifier."), "finland-action-plan"),
    *_language_fields("translation_status_{code}"),
    Field(
        "permalink", _("URL"), _("The case page."), "https://example.org/cases/finland-action-plan/"
    ),
    Field("countries", _("text, “; ”-separated"), _("Country names."), "Canada; United States"),
    Field("country_codes", _("text, “; ”-separated"), _("ISO codes."), "CA; US"),
    Field(
        "regions",
        _("text, “; ”-separated"),
        _("Region identifiers."),
        "north-america",
        _vocabulary(Region.choices),
    ),
    Field("period_start", _("YYYY-MM, YYYY or empty"), _("When the case began."), "2024-07"),
    Field("period_end", _("YYYY-MM, YYYY or empty"), _("When it ended."), "2025"),
    Field("pillars", _("text, “; ”-separated"), _("Pillar names."), "Trust; Coordination"),
    Field(
        "actors",
        _("text, “; ”-separated"),
        _("Name (Level) of every actor."),
        "City of Helsinki (Local)",
    ),
    Field(
        "actor_levels",
        _("text, “; ”-separated"),
        _("Distinct actor levels, widest first."),
        "national; local",
        _vocabulary(Level.choices),
    ),
    Field(
        "summary",
        _("text"),
        _("One plain-text paragraph."),
        "A plan with 43 measures…",
        translatable=True,
    ),
    Field(
        "body", _("text (Markdown)"), _("The full account."), "## Background …", translatable=True
    ),
    Field(
        "takeaways",
        _("text, “; ”-separated"),
        _("Lessons for NLC."),
        "Agree roles early.",
        translatable=True,
    ),
    *_other_languages("{name}_{code}", takeaways_type=_("text, “; ”-separated")),
    Field(
        "sources",
        _("text, “; ”-separated"),
        _("Title (Publisher, YYYY-MM-DD) URL."),
        "Practice update (Strong Cities Network, 2024-11-27)",
    ),
    *_completeness_fields(_("text, “; ”-separated"), "source_link; translations"),
    Field(
        "created", _("date-time"), _("When the record was created."), "2026-11-22T15:00:00+00:00"
    ),
    Field("updated", _("date-time"), _("When it last changed."), "2026-11-22T15:00:00+00:00"),
    Field("licence", _("text"), _("The data licence, on every row."), "CC BY 4.0"),
]

# The keys of cases.exports.provenance.export_meta(), in its order.
META_FIELDS = [
    Field("title", _("string"), _("What the file is."), "NLC Case Catalogue export"),
    Field(
        "language",
        _("string"),
        _("The language of the text; a case without that translation is in its original."),
        "fr",
        LANGUAGES,
    ),
    Field("exported_at", _("date-time"), _("When the file was made."), "2026-11-22T15:00:00+00:00"),
    Field(
        "query",
        _("string"),
        _("The filter query string the export was made with."),
        "pillar=trust&country=UG",
    ),
    Field("url", _("URL"), _("The export's own address."), "https://example.org/cases/export.json"),
    Field("site_url", _("URL"), _("The catalogue's address."), "https://example.org/"),
    Field("count", _("integer"), _("Number of cases in the file."), "15"),
    Field("licence", _("string"), _("The data licence."), "CC BY 4.0"),
    Field(
        "licence_url",
        _("URL"),
        _("The licence text."),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    Field("codebook", _("URL"), _("This codebook."), "https://example.org/data/"),
]

# The JSON export's "countries" block and the API's countries (cases.exports.frameworks,
# NationalFramework.as_record()). Empty strings and nulls mean the sources say nothing.
_FW = "countries.<code>.national_framework"
COUNTRY_FIELDS = [
    Field("countries.<code>.name", _("string"), _("Country name."), "Malawi"),
    Field(
        "countries.<code>.region",
        _("string"),
        _("Region identifier."),
        "east-southern-africa",
        _vocabulary(Region.choices),
    ),
    Field(
        _FW,
        _("object or null"),
        _("What the catalogue's sources say of its national framework; null if nothing."),
        "{…}",
    ),
    Field(f"{_FW}.strategy_name", _("string"), _("The national strategy or plan."), "National …"),
    Field(f"{_FW}.strategy_year", _("integer or null"), _("Year adopted or updated."), "2023"),
    Field(f"{_FW}.strategy_month", _("integer or null"), _("Its month."), "10", "1–12"),
    Field(f"{_FW}.strategy_status", _("string"), _("Where the strategy stands."), "Released …"),
    Field(f"{_FW}.coordinating_body", _("string"), _("The national body behind it."), "The …"),
    Field(
        f"{_FW}.local_government_role",
        _("string"),
        _("The role it gives local government."),
        "The strategy gives …",
    ),
    Field(f"{_FW}.structures", _("string"), _("National-local structures."), "Peace and …"),
    Field(
        f"{_FW}.sources.<statement>",
        _("object or null"),
        _("The source of strategy, coordinating_body, local_government_role or structures."),
        '{"title": "…", "publisher": "…", "url": "…", "published": "2024-11-27", "where": "…"}',
    ),
    Field(
        f"{_FW}.translations.<language>.<field>",
        _("string"),
        _("A text field (or where) in French (fr) or Arabic (ar)."),
        "Stratégie nationale …",
    ),
    Field(
        f"{_FW}.translations_reviewed",
        _("boolean"),
        _("Whether a person has checked the translations."),
        "false",
    ),
    Field(
        f"{_FW}.updated", _("date-time"), _("When it last changed."), "2026-11-22T15:00:00+00:00"
    ),
]
