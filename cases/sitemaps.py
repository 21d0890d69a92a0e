"""Every public page, for search engines: /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.languages import vouched_languages
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


class VouchedLanguagesOnly:
    """Only the languages a person wrote or checked: a page with an unreviewed translation
    asks not to be indexed (noindex), and one whose translation is missing shows the original
    under another language's address. The alternates name only the pages listed."""

    def get_languages_for_item(self, item):
        return vouched_languages(item)


class CasePages(VouchedLanguagesOnly, TranslatedSitemap):
    def items(self):
        cases = Case.objects.published().with_vouched_languages()
        return cases.only("slug", "updated", "original_language").order_by("slug")

    def lastmod(self, case):
        return case.updated


class PillarPages(VouchedLanguagesOnly, TranslatedSitemap):
    def items(self):
        return Pillar.objects.with_vouched_languages().only("slug").order_by("order", "slug")


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
