"""Every public page, for search engines: /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pillars.models import Pillar

from .models import Case, CaseCountry, Country


class TranslatedSitemap(Sitemap):
    """Every page in each language (/fr/…, /ar/…), each entry naming the others as
    xhtml:link alternates, with x-default the unprefixed English address."""

    i18n = True
    alternates = True
    x_default = True


class StaticPages(TranslatedSitemap):
    def items(self):
        return ["cases:home", "cases:list", "cases:data", "pillars:list", "cases:countries"]

    def location(self, item):
        return reverse(item)


class CasePages(TranslatedSitemap):
    def items(self):
        return Case.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, case):
        return case.updated


class PillarPages(TranslatedSitemap):
    def items(self):
        return Pillar.objects.only("slug").order_by("order", "slug")


class CountryPages(TranslatedSitemap):
    def items(self):
        with_cases = CaseCountry.objects.filter(Case.published_q("case__"))
        return Country.objects.filter(pk__in=with_cases.values("country_id")).order_by("code")


SITEMAPS = {
    "pages": StaticPages,
    "cases": CasePages,
    "pillars": PillarPages,
    "countries": CountryPages,
}
