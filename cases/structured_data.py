"""schema.org JSON-LD for a case page, so search engines and harvesters read it as data."""

from django.conf import settings

from core.templatetags.safe_urls import web_url


def _period(case):
    start, end = case.period_start, case.period_end
    if start and end:
        return f"{start}/{end}"
    return f"{start}/.." if start else None


def case_jsonld(case, *, permalink, site_url):
    """Reads only what for_detail() prefetched: no queries."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": permalink,
        "url": permalink,
        "headline": case.title[:110],
        "name": case.title,
        "description": case.summary,
        "dateCreated": case.created.isoformat(),
        "dateModified": case.updated.isoformat(),
        "inLanguage": "en",
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
