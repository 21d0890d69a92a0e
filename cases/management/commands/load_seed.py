from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.services.national import NATIONAL_FRAMEWORKS_FIXTURE, national_frameworks_load
from cases.services.seed import SeedError, seed_load, seed_read
from cases.services.seed_translations import (
    seed_translation_paths,
    seed_translations_load,
    seed_translations_read,
)


class Command(BaseCommand):
    help = (
        "Load the seed pillars, countries, actors and cases, then the countries' national "
        "frameworks. Safe to run again: existing rows (matched by slug or ISO code) are left as "
        "they are, so curators' edits survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.SEED_FIXTURE), help="Seed JSON file.")
        parser.add_argument(
            "--translations",
            default=str(settings.SEED_FIXTURE.parent / "translations"),
            help="Folder of seed.<lang>.json translation files (loaded when present).",
        )
        parser.add_argument(
            "--national-frameworks",
            default=str(NATIONAL_FRAMEWORKS_FIXTURE),
            help="National frameworks JSON file (needs the seed's countries).",
        )

    def handle(self, *args, path, translations, national_frameworks, **options):
        try:
            # Every file is read (and checked) before anything is written.
            texts = [seed_translations_read(path=p) for p in seed_translation_paths(translations)]
            framework_data = seed_read(path=national_frameworks)
            with transaction.atomic():
                report = seed_load(data=seed_read(path=path))
                filled = {data["language"]: seed_translations_load(data=data) for data in texts}
                frameworks = national_frameworks_load(data=framework_data)
        except SeedError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed data loaded: {report}; national frameworks: {frameworks['created']} "
                f"created, {frameworks['kept']} already present."
            )
        )
        for language, count in filled.items():
            self.stdout.write(f"{language} translations (unreviewed) added to {count} object(s).")
