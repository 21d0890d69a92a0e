from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.services.seed import SeedError, seed_load, seed_read


class Command(BaseCommand):
    help = (
        "Load the seed pillars, countries, actors and cases. Safe to run again: existing rows "
        "(matched by slug or ISO code) are left as they are, so curators' edits survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(settings.SEED_FIXTURE), help="Seed JSON file.")

    def handle(self, *args, path, **options):
        try:
            report = seed_load(data=seed_read(path=path))
        except SeedError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Seed data loaded: {report}."))
