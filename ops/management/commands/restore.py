from django.core.management.base import BaseCommand, CommandError

from ops.backup import RestoreError, database_restore


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path, database="default", interactive=True, **options):
        if interactive:
            answer = input(f"This replaces everything in the database with {path}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            database_restore(path=path, alias=database)
        except (FileNotFoundError, ValueError, RestoreError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored from {path}")
