from django.core.management.base import BaseCommand

from bench.generator import remove_generated


class Command(BaseCommand):
    help = "Delete every generated case, actor and country; seed and curated rows stay."

    def handle(self, *args, **options):
        counts = remove_generated()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Removed {summary}."))
