"""What changed between two releases, found by comparing their frozen records.

Comparing records, not history, is robust: it sees every path a case can change by (the admin,
imports, reverts, raw SQL) and needs nothing but the two files. The previous release is held
as one short digest per field of each case, so memory grows by about a hundred bytes a case.
"""

import hashlib
import json

# Derived or bookkeeping fields: a permalink follows the slug, completeness follows the fields
# it is read from (a release before it had none), and a save that changes nothing still moves
# `updated`.
IGNORED_FIELDS = frozenset(
    {"permalink", "completeness", "completeness_missing", "created", "updated"}
)
DIGEST_SIZE = 8


def _digest(value):
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=DIGEST_SIZE).digest()


class _Fingerprints:
    """Cases as (title, field names, one digest per field), by slug."""

    def __init__(self, records=()):
        self.cases = {}
        self._names_seen = {}
        for record in records:
            self.add(record)

    def add(self, record):
        names = tuple(key for key in record if key not in IGNORED_FIELDS)
        names = self._names_seen.setdefault(names, names)  # one tuple shared by all cases
        digests = b"".join(_digest(record[name]) for name in names)
        self.cases[record["slug"]] = (record["title"], names, digests)

    def pop(self, slug):
        """{field: digest} of a case, which is then forgotten."""
        _title, names, digests = self.cases.pop(slug)
        return {
            name: digests[index * DIGEST_SIZE : (index + 1) * DIGEST_SIZE]
            for index, name in enumerate(names)
        }


def _field_digests(record):
    return {key: _digest(value) for key, value in record.items() if key not in IGNORED_FIELDS}


def _changed_fields(old, new):
    """The fields whose digests differ, in the new record's order, then those it no longer has."""
    changed = [name for name, digest in new.items() if old.pop(name, None) != digest]
    return changed + list(old)


def _no_renames(slugs):
    return {}


def compare(previous_records, records, *, previous_name, find_renames=_no_renames):
    """{"previous", "added", "changed", "removed"}: added and removed cases as {slug, title};
    changed ones with the fields that differ. `previous_records` may be empty.

    A case is matched by its slug. `find_renames(slugs)` says which of the slugs no longer
    present became which new slug ({old: new}); such a case is listed as changed, with
    "renamed_from", rather than as one removed and one added case.
    """
    before = _Fingerprints(previous_records)
    # Added cases are fingerprinted only while some previous case could have been renamed.
    arrived = _Fingerprints() if before.cases else None
    added, changed = [], []
    for record in records:
        slug, title = record["slug"], record["title"]
        if slug not in before.cases:
            added.append({"slug": slug, "title": title})
            if arrived is not None:
                arrived.add(record)
            continue
        fields = _changed_fields(before.pop(slug), _field_digests(record))
        if fields:
            changed.append({"slug": slug, "title": title, "fields": fields})
    if arrived is not None and arrived.cases and before.cases:
        renamed = _renamed(before, arrived, find_renames(list(before.cases)))
        changed += [renamed[entry["slug"]] for entry in added if entry["slug"] in renamed]
        added = [entry for entry in added if entry["slug"] not in renamed]
    removed = [{"slug": slug, "title": case[0]} for slug, case in before.cases.items()]
    return {"previous": previous_name, "added": added, "changed": changed, "removed": removed}


def _renamed(before, arrived, renames):
    """{new slug: changed entry} for each previous case now published under a new slug."""
    renamed = {}
    for old_slug, new_slug in renames.items():
        if old_slug in before.cases and new_slug in arrived.cases and new_slug not in renamed:
            title = arrived.cases[new_slug][0]
            fields = _changed_fields(before.pop(old_slug), arrived.pop(new_slug))
            renamed[new_slug] = {
                "slug": new_slug,
                "title": title,
                "renamed_from": old_slug,
                "fields": fields,
            }
    return renamed


# Why a case left the published catalogue (the service looks each removed case up).
REASONS = {
    "trashed": "moved to the trash",
    "unpublished": "unpublished",
    "archived": "archived",
    "gone": "no longer in the catalogue",
}


def other_fields(entry):
    """The fields a changed case changed besides a rename (which the entry states itself)."""
    if entry.get("renamed_from"):
        return [name for name in entry["fields"] if name != "slug"]
    return entry["fields"]


def _changes_in_words(entry):
    words = []
    if entry.get("renamed_from"):
        words.append(f"renamed from `{entry['renamed_from']}`")
    if fields := other_fields(entry):
        words.append(", ".join(fields))
    return words


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
                line += ": " + "; ".join(_changes_in_words(entry))
            if key == "removed" and entry.get("reason"):
                line += f": {REASONS[entry['reason']]}"
            lines.append(line)
        if not entries:
            lines.append("- none")
        lines.append("")
    return "\n".join(lines)
