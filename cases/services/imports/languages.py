"""The languages of an imported record: its text in each language and what it says of each
translation's review.

A record's title, summary, body and takeaways are in its `text_language` (an export says which;
otherwise the case's original language). Other languages come from `translations` (JSON) or
the `title_fr`, `summary_ar`, … columns (CSV, XLSX); a language the file does not carry keeps
its stored text. `translation_status` (`translation_status_fr`, … in a CSV) may say
`unreviewed` or `reviewed`; `missing` and `original` are checked against the text, since the
text decides them.
"""

from django.utils.translation import gettext as _

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, Language, TranslationState, localized

from ...models.translations import REQUIRED_TEXT, TEXT_FIELDS

LANGUAGE_LIST = ", ".join(LANGUAGE_CODES)
STATUS_LIST = ", ".join(TranslationState.values)


def plan_languages(case, record, existing, error):
    """Put the record's text on `case`, column by column; return the language of the record's
    own text and {language: status to record} for the languages whose review the file states
    ("unreviewed" or "reviewed")."""
    original = _language(record, "original_language", existing, error)
    case.original_language = original
    text_language = _language(record, "text_language", None, error, default=original)
    for name in TEXT_FIELDS:
        setattr(case, localized(name, text_language), _value(record, name))
    translations = record.get("translations") or {}
    if not isinstance(translations, dict):
        error("translations", _("must be an object of languages, as the JSON export writes it"))
        translations = {}
    for code, texts in translations.items():
        if code not in LANGUAGE_CODES:
            error("translations", _unknown_language(code))
        elif not isinstance(texts, dict):
            error(
                f"translations.{code}", _("must be an object with title, summary, body, takeaways")
            )
        elif code != text_language:  # that language's text is the record's own, above
            for name in TEXT_FIELDS:
                if name in texts:
                    setattr(case, localized(name, code), _value(texts, name))
    return text_language, _statuses(case, record, original, error)


def _language(record, key, existing, error, default=None):
    fallback = getattr(existing, key, None) or default or DEFAULT_LANGUAGE
    code = record.get(key)
    if code in (None, ""):
        return fallback
    if not isinstance(code, str) or code.strip().lower() not in LANGUAGE_CODES:
        error(key, _unknown_language(code))
        return fallback
    return code.strip().lower()


def _value(texts, name):
    value = texts.get(name)
    if name == "takeaways":
        if value in (None, ""):
            return []
        return value if isinstance(value, list) else [value]
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def _statuses(case, record, original, error):
    statuses = record.get("translation_status") or {}
    if not isinstance(statuses, dict):
        error("translation_status", _("must be an object of languages, as the JSON export has"))
        return {}
    wanted = {}
    for code, status in statuses.items():
        field = f"translation_status_{code}" if code in LANGUAGE_CODES else "translation_status"
        if code not in LANGUAGE_CODES:
            error(field, _unknown_language(code))
            continue
        status = status.strip().lower() if isinstance(status, str) else status
        if status not in TranslationState.values:
            error(
                field,
                _("unknown translation status %(status)s: use %(statuses)s")
                % {"status": repr(str(status)[:20]), "statuses": STATUS_LIST},
            )
            continue
        name = Language(code).label
        has_text = case.has_text(code)
        if (status == TranslationState.ORIGINAL) != (code == original):
            error(
                field,
                _(
                    "%(status)s does not fit: the case's original language is %(original)s, and "
                    "only it is 'original'"
                )
                % {"status": repr(status), "original": repr(original)},
            )
        elif status == TranslationState.MISSING and has_text:
            error(
                field,
                _("says missing, but the %(language)s title and summary are filled")
                % {"language": name},
            )
        elif status in (TranslationState.UNREVIEWED, TranslationState.REVIEWED):
            if not has_text:
                error(
                    field,
                    _("says %(status)s, but there is no %(language)s text (%(needed)s needed)")
                    % {"status": status, "language": name, "needed": " and ".join(REQUIRED_TEXT)},
                )
            else:
                wanted[code] = status
    return wanted


def _unknown_language(code):
    return _("unknown language %(code)s: use %(codes)s") % {
        "code": repr(str(code)[:20]),
        "codes": LANGUAGE_LIST,
    }
