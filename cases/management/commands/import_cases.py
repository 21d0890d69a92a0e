from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from cases.services.imports.apply import import_apply
from cases.services.imports.files import ImportFileError, read_records
from cases.services.imports.plan import import_plan


class Command(BaseCommand):
    help = (
        "Load a JSON export of the catalogue (or a CSV/XLSX in the export's columns), creating "
        "or updating cases by slug. Every record is checked first; if any is invalid, nothing "
        "is written and each error is listed with its record, field and reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .json export (or .csv/.xlsx in the export columns).")
        parser.add_argument(
            "--status",
            choices=Case.Status.values,
            default=Case.Status.PUBLISHED,
            help="Status of newly created cases (default: published, as exports hold only "
            "published cases). Updated cases keep their status.",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create countries and actors the file describes but the database lacks "
            "(for loading an export into an empty catalogue). Pillars must exist.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, file, status, create_missing, dry_run, **options):
        path = Path(file)
        try:
            records = read_records(name=path.name, data=path.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ImportFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        plan = import_plan(records=records, create_missing=create_missing)
        if not plan.is_clean:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nothing was imported: {len(plan.errors)} error(s) in {file} (listed above)."
            )
        if dry_run:
            self.stdout.write(
                f"Dry run: {plan.count('create')} case(s) would be created, "
                f"{plan.count('update')} updated. Nothing was written."
            )
            return
        result = import_apply(plan=plan, status=status)
        self.stdout.write(self.style.SUCCESS(f"Imported {file}: {result}."))
