"""schema.org JSON-LD for a case page and the /data/ page, so search engines and dataset
search engines and harvesters read them as data."""

from django.conf import settings

from core.languages import DEFAULT_LANGUAGE, current_language
from core.templatetags.safe_urls import web_url

from .exports.dispatch import FORMATS


def _period(case):
    start, end = case.period_start, case.period_end
    if start and end:
        return f"{start}/{end}"
    return f"{start}/.." if start else None


def case_jsonld(case, *, permalink, site_url, language=DEFAULT_LANGUAGE):
    """Reads only what for_detail() prefetched: no queries. The text is what the page in
    `language` shows, and inLanguage the language it is actually in (the original's when the
    translation is missing)."""
    text = case.text_in(language)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": permalink,
        "url": permalink,
        "headline": text.title[:110],
        "name": text.title,
        "description": text.summary,
        "dateCreated": case.created.isoformat(),
        "dateModified": case.updated.isoformat(),
        "inLanguage": text.language,
        "license": settings.DATA_LICENCE_URL,
        "publisher": {"@type": "Organization", "name": settings.CATALOGUE_PUBLISHER},
        "isPartOf": {"@type": "DataCatalog", "name": settings.CATALOGUE_NAME, "url": site_url},
        "about": [{"@type": "DefinedTerm", "name": pillar.name} for pillar in case.pillars.all()],
        "spatialCoverage": [
            {"@type": "Country", "name": country.name, "identifier": country.code}
            for country in case.countries.all()
        ],
        "contributor": [
            {"@type": "Organization", "name": link.actor.name} for link in case.case_actors.all()
        ],
        "citation": [_source(source) for source in case.sources.all()],
        "keywords": [pillar.name for pillar in case.pillars.all()],
    }
    period = _period(case)
    if period:
        data["temporalCoverage"] = period
    return data


def _source(source):
    work = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = source.published.isoformat()
    if web_url(source.url):
        work["url"] = source.url
    return work


# What each export format holds, for the dataset's distributions (its media type comes from the
# format's writer, cases.exports.dispatch).
DISTRIBUTIONS = {
    "csv": "One row per case",
    "json": "Every case record, with the export's metadata",
    "ndjson": "One case record a line",
    "xlsx": "An Excel workbook: the CSV's columns, and a sheet about the export",
    "ris": "The cases' sources, for reference managers",
    "bib": "The cases' sources as BibTeX",
    "csl.json": "The cases' sources as CSL-JSON",
}


def dataset_jsonld(
    *,
    formats=(),
    export_url=None,
    data_url,
    site_url,
    coverage,
    version="live",
    name=None,
    date_published=None,
    distributions=None,
    language=None,
):
    """The catalogue as a schema.org Dataset, for dataset search engines.

    `coverage` is published_coverage(): the years and countries the published cases span. The
    live catalogue lists its export formats (`formats`, `export_url`); a release passes its
    own version, date and `distributions` (DataDownload objects of its files).
    """
    if distributions is None:
        distributions = [
            {
                "@type": "DataDownload",
                "encodingFormat": FORMATS[fmt].content_type.split(";")[0],
                "description": DISTRIBUTIONS.get(fmt, fmt),
                "contentUrl": export_url(fmt),
            }
            for fmt in formats
        ]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": data_url,
        "url": data_url,
        "name": name or settings.CATALOGUE_NAME,
        "description": (
            "Case studies of national-local cooperation against hate, extremism and "
            "polarisation, by pillar, country and the levels of government that cooperated."
        ),
        "license": settings.DATA_LICENCE_URL,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": settings.CATALOGUE_PUBLISHER},
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": settings.CATALOGUE_NAME,
            "url": site_url,
        },
        # "live" for the catalogue as it is now (it changes as curators publish); a release's
        # name for a release, whose files never change.
        "version": version,
        # The page's language; each case is in its original language and any translations.
        "inLanguage": language or current_language(),
        "distribution": distributions,
        "spatialCoverage": [
            {"@type": "Country", "name": country_name, "identifier": code}
            for code, country_name in coverage["countries"]
        ],
    }
    if date_published:
        data["datePublished"] = date_published.isoformat()
    if coverage["first_year"]:
        data["temporalCoverage"] = f"{coverage['first_year']}/{coverage['last_year']}"
    return data
