"""Where an export came from: the case pages' address and the one metadata builder.

export_meta() is what every export that carries metadata says about itself: the JSON file's
"meta", the workbook's "About this export" sheet and the BibTeX file's opening comment. The
/data/ codebook's META_FIELDS describe exactly its keys.
"""

from django.conf import settings
from django.urls import reverse

from core.languages import DEFAULT_LANGUAGE


def permalink_prefix(request):
    """The absolute URL of case pages up to the slug, e.g. https://host/cases/."""
    return request.build_absolute_uri(reverse("cases:detail", args=["-"]))[:-2]


def export_meta(request, case_filter, *, count, exported_at, language):
    return meta_block(
        title=f"{settings.CATALOGUE_NAME} export",
        language=language,
        exported_at=exported_at,
        query=case_filter.query_string(),
        url=request.build_absolute_uri(),
        site_url=request.build_absolute_uri("/"),
        count=count,
        codebook=request.build_absolute_uri(reverse("cases:data")),
    )


def meta_block(
    *, title, exported_at, query, url, site_url, count, codebook, language=DEFAULT_LANGUAGE
):
    """The metadata keys every export carries; releases and snapshots fill them in too."""
    return {
        "title": title,
        # The language of the text; a case without that translation is in its original (each
        # record's text_language says which).
        "language": language,
        "exported_at": exported_at.isoformat(),
        "query": query,
        "url": url,
        "site_url": site_url,
        "count": count,
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
        "codebook": codebook,
    }
