from django.core.management.base import BaseCommand, CommandError

from bench.generator import generate


class Command(BaseCommand):
    help = (
        "Add N deterministic, realistic generated cases (with about 200 countries and 20,000 "
        "actors) for benchmarks. Generated rows are marked; remove_generated_cases deletes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many cases to add.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same cases.")
        parser.add_argument("--actors", type=int, default=20000, help="Generated actors.")

    def handle(self, *args, cases, seed, actors, **options):
        if cases < 0 or actors < 1:
            raise CommandError("--cases must be 0 or more and --actors at least 1.")
        try:
            report = generate(cases=cases, seed=seed, actors=actors)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{report}."))
