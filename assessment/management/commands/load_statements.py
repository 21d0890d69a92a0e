from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessment.services import StatementsError, statements_load, statements_read


class Command(BaseCommand):
    help = (
        "Load the self-assessment statements (in English, French and Arabic). Safe to run "
        "again: statements already present (matched by key) are left as curators made them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=str(settings.ASSESSMENT_FIXTURE), help="Statements JSON file."
        )

    def handle(self, *args, path, **options):
        try:
            created = statements_load(data=statements_read(path=path))
        except StatementsError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Statements loaded: {created} created."))
