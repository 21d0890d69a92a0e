"""The page in every language: hreflang alternates and the header's language switcher.

Both are computed from the request's path alone (no query), so they cost the page nothing.
"""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from core.countries import localized_country_name
from core.languages import path_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(code, name, same page in that language, absolute, switch link)] for LANGUAGES.

    Empty without a request (the 500 and 503 pages are rendered without one).
    """
    request = context.get("request")
    if request is None:
        return []
    full_path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        path = path_in_language(full_path, code)
        switch = reverse("choose_language", args=[code]) + "?" + urlencode({"next": path})
        versions.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": request.build_absolute_uri(path),
                "switch": switch,
                "current": code == get_language(),
            }
        )
    return versions


@register.filter
def country_name(country):
    """A Country (or a {'code', 'name'} row) named in the active language."""
    if isinstance(country, dict):
        return localized_country_name(country.get("code"), country.get("name"))
    return localized_country_name(getattr(country, "code", ""), str(country))
