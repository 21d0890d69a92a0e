"""What changed between two releases, found by comparing their frozen records.

Comparing records, not history, is robust: it sees every path a case can change by (the admin,
imports, reverts, raw SQL) and needs nothing but the two files. The previous release is held
as one short digest per field of each case, so memory grows by about a hundred bytes a case.
"""

import hashlib
import json

# Derived or bookkeeping fields: a permalink follows the slug, and a save that changes nothing
# still moves `updated`.
IGNORED_FIELDS = frozenset({"permalink", "created", "updated"})
DIGEST_SIZE = 8


def _digest(value):
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=DIGEST_SIZE).digest()


class _Fingerprints:
    """Each case of a release as (title, field names, one digest per field)."""

    def __init__(self, records):
        self.cases = {}
        names_seen = {}
        for record in records:
            names = tuple(key for key in record if key not in IGNORED_FIELDS)
            names = names_seen.setdefault(names, names)  # one tuple shared by all cases
            digests = b"".join(_digest(record[name]) for name in names)
            self.cases[record["slug"]] = (record["title"], names, digests)

    def changed_fields(self, slug, record):
        _title, names, digests = self.cases.pop(slug)
        old = {
            name: digests[index * DIGEST_SIZE : (index + 1) * DIGEST_SIZE]
            for index, name in enumerate(names)
        }
        new_names = [key for key in record if key not in IGNORED_FIELDS]
        changed = [name for name in new_names if old.pop(name, None) != _digest(record[name])]
        return changed + list(old)  # fields the new record no longer has


def compare(previous_records, records, *, previous_name):
    """{"previous", "added", "changed", "removed"}: added and removed cases as {slug, title};
    changed ones with the fields that differ. `previous_records` may be empty."""
    before = _Fingerprints(previous_records)
    added, changed = [], []
    for record in records:
        slug, title = record["slug"], record["title"]
        if slug not in before.cases:
            added.append({"slug": slug, "title": title})
            continue
        fields = before.changed_fields(slug, record)
        if fields:
            changed.append({"slug": slug, "title": title, "fields": fields})
    removed = [{"slug": slug, "title": case[0]} for slug, case in before.cases.items()]
    return {"previous": previous_name, "added": added, "changed": changed, "removed": removed}


# Why a case left the published catalogue (the service looks each removed case up).
REASONS = {
    "trashed": "moved to the trash",
    "unpublished": "unpublished",
    "archived": "archived",
    "gone": "no longer in the catalogue (deleted, or its slug changed)",
}


def markdown(changelog, *, name, published, case_count):
    """CHANGELOG.md: the same lists, for people."""
    previous = changelog["previous"]
    date = published.date().isoformat()
    lines = [f"# Release {name}", "", f"Published {date}; {case_count} cases.", ""]
    if previous is None:
        lines += ["The first release: every case below is new.", ""]
    else:
        lines += [f"Changes since release {previous}.", ""]
    sections = (("Added", "added"), ("Changed", "changed"), ("Removed", "removed"))
    for heading, key in sections:
        entries = changelog[key]
        lines += [f"## {heading} ({len(entries)})", ""]
        for entry in entries:
            line = f"- {entry['title']} (`{entry['slug']}`)"
            if key == "changed":
                line += ": " + ", ".join(entry["fields"])
            if key == "removed" and entry.get("reason"):
                line += f": {REASONS[entry['reason']]}"
            lines.append(line)
        if not entries:
            lines.append("- none")
        lines.append("")
    return "\n".join(lines)
