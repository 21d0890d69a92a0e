"""Every public GET URL of the site, discovered from the URL resolver.

Routes are read from the resolver rather than listed by hand, so pages, exports, feeds, API
endpoints and sitemaps added later are checked without touching these tests. The admin is
skipped. A route with parameters is filled from published objects (and, where asked, from the
draft too): each candidate value is tried and the URLs that answer 200 are kept.
"""

import itertools
import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from cases.models import Actor, Case, Country
from pillars.models import Pillar

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
FORMAT_WORDS = ["csv", "json", "xml", "rss", "atom", "txt"]
MAX_URLS_PER_ROUTE = 50


def routes():
    """(route template, {parameter: converter}) for every non-admin URL pattern."""
    found = []
    _walk(get_resolver().url_patterns, "", {}, found)
    return found


def _walk(patterns, prefix, converters, found):
    for entry in patterns:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern):
            route = _plain_regex(str(pattern))
            if route is None:
                continue  # a regex with groups cannot be filled generically
            own = {}
        else:
            route, own = str(pattern), dict(pattern.converters)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or (prefix + route).startswith(settings.ADMIN_PATH):
                continue
            _walk(entry.url_patterns, prefix + route, {**converters, **own}, found)
        elif isinstance(entry, URLPattern):
            found.append((prefix + route, {**converters, **own}))


def _plain_regex(regex):
    body = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    if re.search(r"[()\[\]*+?{}|]", body):
        return None
    return body.replace("\\", "")


def candidate_values(*, include_drafts=False):
    """Values a route parameter might take: slugs, codes and ids of public objects."""
    cases = Case.objects.all() if include_drafts else Case.objects.published()
    public_cases = Case.objects.published()
    values = []
    for case in cases:
        values += [case.slug, str(case.pk)]
    for pillar in Pillar.objects.all():
        values += [pillar.slug, str(pillar.pk)]
    for country in Country.objects.filter(cases__in=public_cases).distinct():
        values += [country.code, str(country.pk)]
    for actor in Actor.objects.filter(cases__in=public_cases).distinct():
        values += [actor.slug, str(actor.pk)]
    return list(dict.fromkeys(values + FORMAT_WORDS))


def fill(route, converters, values):
    """Every URL for `route` built from `values` that its converters accept."""
    names = [match["name"] for match in PARAMETER.finditer(route)]
    if not names:
        yield "/" + route
        return
    per_name = []
    for name in names:
        converter = converters[name]
        regex = re.compile(f"^(?:{converter.regex})$")
        per_name.append([value for value in values if regex.match(value)])
    for combination in itertools.product(*per_name):
        chosen = dict(zip(names, combination, strict=True))
        yield "/" + PARAMETER.sub(lambda match, chosen=chosen: chosen[match["name"]], route)


def public_urls(client, *, include_drafts=False):
    """URLs of every public route that answer 200, with their responses' content."""
    values = candidate_values(include_drafts=include_drafts)
    found = {}
    for route, converters in routes():
        kept = 0
        for url in fill(route, converters, values):
            response = client.get(url)
            if response.status_code == 200:
                found[url] = b"".join(response) if response.streaming else response.content
                kept += 1
                if kept >= MAX_URLS_PER_ROUTE:
                    break
    return found
