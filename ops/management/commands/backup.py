from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.backup import database_backup, default_suffix


class Command(BaseCommand):
    help = "Back up the database: pg_dump for PostgreSQL, a JSON dump for SQLite."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default: backups/nlc-<time>.*)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output=None, database="default", **options):
        if not output:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            output = f"backups/nlc-{stamp}{default_suffix(database)}"
        path = database_backup(path=output, alias=database)
        self.stdout.write(f"Backed up to {path}")
