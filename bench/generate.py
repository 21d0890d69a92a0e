"""Add generated cases to a database: `python -m bench.generate --cases N [--seed S]`.

The database is Django's (DATABASE_URL, SQLite by default); migrate it and load the seed
first (`manage.py migrate && manage.py load_seed`). Same seed, same cases: a second run
continues the numbering, so `--cases 30` then `--cases 270` gives the cases of `--cases 300`.
Benchmark data only: there is no removal, a benchmark's database is dropped whole.
"""

import argparse
import os
import sys


def parser():
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Add N deterministic, realistic generated cases (with about 200 countries "
        "and 20,000 actors) to the database, for benchmarks.",
    )
    parser.add_argument("--cases", type=int, required=True, help="How many cases to add.")
    parser.add_argument("--seed", type=int, default=1, help="Same seed, same cases.")
    parser.add_argument("--actors", type=int, default=20000, help="Generated actors.")
    return parser


def main(argv=None):
    cli = parser()
    arguments = cli.parse_args(argv)
    if arguments.cases < 0 or arguments.actors < 1:
        cli.error("--cases must be 0 or more and --actors at least 1.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nlc_catalogue.settings")
    import django

    django.setup()
    from .generator import generate

    try:
        report = generate(cases=arguments.cases, seed=arguments.seed, actors=arguments.actors)
    except ValueError as error:
        sys.exit(str(error))
    print(f"{report}.")


if __name__ == "__main__":
    main()
