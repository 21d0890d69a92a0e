from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.services.national import NATIONAL_FRAMEWORKS_FIXTURE, national_frameworks_load
from cases.services.seed import SeedError, seed_load, seed_read


class Command(BaseCommand):
    help = (
        "Load the seed pillars, countries, actors and cases, then the countries' national "
        "frameworks. Safe to run again: existing rows (matched by slug or ISO code) are left as "
        "they are, so curators' edits survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.SEED_FIXTURE), help="Seed JSON file.")
        parser.add_argument(
            "--national-frameworks",
            default=str(NATIONAL_FRAMEWORKS_FIXTURE),
            help="National frameworks JSON file (needs the seed's countries).",
        )

    def handle(self, *args, path, national_frameworks, **options):
        try:
            with transaction.atomic():
                report = seed_load(data=seed_read(path=path))
                frameworks = national_frameworks_load(data=seed_read(path=national_frameworks))
        except SeedError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed data loaded: {report}; national frameworks: {frameworks['created']} "
                f"created, {frameworks['kept']} already present."
            )
        )
