"""The JSON export's "countries" block: each exported case's country with its national
framework (or null where the catalogue's sources say nothing), in one query."""

from ..models import CaseCountry, Country, NationalFramework


def countries_block(queryset):
    """{ISO code: {"name", "region", "national_framework"}} for the countries of `queryset`."""
    case_ids = queryset.order_by().values("pk")
    countries = (
        Country.objects.filter(
            pk__in=CaseCountry.objects.filter(case__in=case_ids).values("country_id")
        )
        .select_related(*NationalFramework.FROM_COUNTRY)
        .order_by("code")
    )
    return {
        country.code: {
            "name": country.name,
            "region": country.region,
            "national_framework": (
                framework.as_record()
                if (framework := getattr(country, "national_framework", None))
                else None
            ),
        }
        for country in countries
    }
