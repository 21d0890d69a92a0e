"""Frozen records: the export records of a release or snapshot, one JSON text a line.

A release writes the records once (the NDJSON file it ships) and builds every other file by
reading them back, so all its files hold the same cases whatever curators do meanwhile.
"""

import json


def read_frozen(file):
    """Each record of a frozen-records file (binary or text), in order, one line at a time."""
    for line in file:
        if line.strip():
            yield json.loads(line)


class Tally:
    """Counts the records that pass through it and what they cover, keeping nothing else."""

    def __init__(self):
        self.count = 0
        self.years = set()
        self.countries = {}

    def watch(self, records):
        for record in records:
            self.count += 1
            period = record["period"]
            self.years.update(y for y in (period["start_year"], period["end_year"]) if y)
            for country in record["countries"]:
                self.countries[country["code"]] = country["name"]
            yield record

    def coverage(self):
        """As Case.objects.coverage() gives it, for cases.structured_data.dataset_jsonld()."""
        return {
            "first_year": min(self.years, default=None),
            "last_year": max(self.years, default=None),
            "countries": sorted(self.countries.items(), key=lambda pair: pair[1]),
        }
