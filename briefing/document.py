"""A briefing pack: its cases' records, laid out by a template and printed by WeasyPrint."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Case as Switch
from django.db.models import IntegerField, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi, get_language_info
from weasyprint import HTML

from cases.choices import Level, rank
from cases.exports.formats.csl import citation_text
from cases.exports.provenance import permalink_prefix
from cases.exports.records import case_records
from cases.models import Case
from core.markdown import render_markdown

from .fetcher import StaticFilesFetcher, static_file_url

# Tagged PDF for screen readers (PDF/UA-1): structure tags, the language and the title.
PDF_VARIANT = "pdf/ua-1"
FONTS = {
    "regular": "fonts/pdf/NotoNaskhArabic-Regular.ttf",
    "bold": "fonts/pdf/NotoNaskhArabic-Bold.ttf",
}


def pack_records(request, ids):
    """The records of cases `ids`, in that order: one query, however many cases."""
    if not ids:
        return []
    position = Switch(
        *(When(pk=pk, then=Value(index)) for index, pk in enumerate(ids)),
        output_field=IntegerField(),
    )
    queryset = Case.objects.published().filter(pk__in=ids).order_by(position)
    # Inside a transaction the record builder reads on this connection alone: a pack has at
    # most BRIEFING_MAX_CASES cases, too few to be worth the export's helper connections.
    with transaction.atomic(using=queryset.db):
        return list(case_records(queryset, permalink_prefix=permalink_prefix(request)))


def pack_case(record, *, accessed):
    """A record with what the pack shows ready: body as HTML, actors by level, citation."""
    period = Case(
        start_year=record["period"]["start_year"],
        start_month=record["period"]["start_month"],
        end_year=record["period"]["end_year"],
        end_month=record["period"]["end_month"],
    ).period_display
    by_level = {}
    for actor in record["actors"]:
        by_level.setdefault(actor["level"], []).append(actor)
    levels = [
        (Level(level).label, actors)
        for level, actors in sorted(by_level.items(), key=lambda item: rank(Level, item[0]))
    ]
    return {
        **record,
        "period_display": period,
        "body_html": render_markdown(record["body"]),
        "actor_levels": levels,
        "citation": citation_text(
            title=record["title"],
            permalink=record["permalink"],
            updated=datetime.fromisoformat(record["updated"]),
            accessed=accessed,
        ),
    }


def pack_html(request, selection):
    today = timezone.localdate()
    language = get_language()
    context = {
        "selection": selection,
        "cases": [
            pack_case(record, accessed=today) for record in pack_records(request, selection.ids)
        ],
        "today": today,
        "language_name": get_language_info(language)["name_local"],
        "language_code": language,
        "rtl": get_language_bidi(),
        "fonts": {weight: static_file_url(path) for weight, path in FONTS.items()},
        "stylesheet": static_file_url("css/briefing.css"),
        "catalogue_name": settings.CATALOGUE_NAME,
        "publisher": settings.CATALOGUE_PUBLISHER,
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
        "site_url": request.build_absolute_uri("/"),
        "data_url": request.build_absolute_uri(reverse("cases:data")),
        "source_url": request.build_absolute_uri(),
    }
    return render_to_string("briefing/pack.html", context, request=request)


def pack_pdf(request, selection):
    """The pack as PDF bytes."""
    html = HTML(
        string=pack_html(request, selection),
        base_url=request.build_absolute_uri("/"),
        url_fetcher=StaticFilesFetcher(),
    )
    return html.write_pdf(pdf_variant=PDF_VARIANT)
