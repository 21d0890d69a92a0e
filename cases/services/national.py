"""Loading the national frameworks (fixtures/national_frameworks.json): idempotent, all or
nothing, like the seed it follows (load_seed runs both in one transaction)."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from ..models import Country, NationalFramework, Publication
from .seed import SeedError

NATIONAL_FRAMEWORKS_FIXTURE = settings.BASE_DIR / "fixtures" / "national_frameworks.json"


@transaction.atomic
def national_frameworks_load(*, data):
    """Create every publication (by slug) and framework (by country code) of `data` that does
    not exist yet; an existing row is left exactly as a curator left it.

    Statements name their source by publication slug; translated text is given per language
    (`strategy_name_en`, `strategy_name_fr`, …). Any invalid record aborts the whole load.
    """
    report = Counter()
    try:
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            for record in data["publications"]:
                if Publication.objects.filter(slug=record["slug"]).exists():
                    continue
                _save(Publication(**record), label=f"publication {record['slug']!r}")
            publications = {
                publication.slug: publication for publication in Publication.objects.all()
            }
            for record in data["frameworks"]:
                code = record["country"]
                if NationalFramework.objects.filter(country__code=code).exists():
                    report["kept"] += 1
                    continue
                fields = {key: value for key, value in record.items() if key != "country"}
                for source in NationalFramework.SOURCE_FIELDS:
                    if fields.get(source) is not None:
                        slug = fields[source]
                        if slug not in publications:
                            raise SeedError(f"framework {code!r}: unknown publication {slug!r}")
                        fields[source] = publications[slug]
                framework = NationalFramework(country=Country.objects.get(code=code), **fields)
                _save(framework, label=f"framework {code!r}")
                report["created"] += 1
    except (KeyError, TypeError) as error:
        raise SeedError(f"The national frameworks misshape a field: {error!r}") from error
    except Country.DoesNotExist as error:
        raise SeedError(f"A national framework names an unknown country: {error}") from error
    return report


def _save(instance, *, label):
    try:
        instance.full_clean()
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
        )
        raise SeedError(f"{label}: {details}") from error
    instance.save()
