from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from releases.services.release import ReleaseError, release_create


class Command(BaseCommand):
    help = "Freeze every published case into a named release with its files (see /data/releases/)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The release's version label, e.g. 2026.1.")
        parser.add_argument("--notes-file", type=Path, help="Release notes, a Markdown file.")
        parser.add_argument(
            "--site-url", help="Address the permalinks start with (default: SITE_URL)."
        )

    def handle(self, *args, name, notes_file=None, site_url=None, **options):
        notes = ""
        if notes_file is not None:
            try:
                notes = notes_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read the notes file {notes_file}: {error}") from None
        try:
            release = release_create(name=name, notes=notes, site_url=site_url)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(f"No release was made. {problems}") from None
        except ReleaseError as error:
            raise CommandError(f"No release was made, and nothing was kept. {error}") from None
        self.stdout.write(
            f"Release {release.name}: {release.case_count} cases, {release.files.count()} files."
        )
