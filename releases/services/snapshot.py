"""snapshot_create(): freeze a filtered list of published cases, records and all."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.cache import catalogue_version
from cases.exports.formats.json import encode_record
from cases.exports.records import case_records
from core.iteration import batched

from ..models import Release, Snapshot, SnapshotEntry, new_snapshot_id

ENTRIES_PER_INSERT = 500
ID_ATTEMPTS = 5


class SnapshotRefused(Exception):
    """The list cannot be frozen; `messages` say why, for the person who asked."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def snapshot_create(*, case_filter, permalink_prefix):
    """A new Snapshot of the cases `case_filter` (over published cases) matches, in its order.

    Refused (SnapshotRefused) for invalid filters or more than SNAPSHOT_MAX_CASES cases.
    """
    if not case_filter.is_valid():
        raise SnapshotRefused(
            [f"{label}: {message}" for label, message in case_filter.error_messages()]
        )
    queryset = case_filter.qs
    count = queryset.count()
    limit = settings.SNAPSHOT_MAX_CASES
    if count > limit:
        raise SnapshotRefused(
            [
                ngettext(
                    "This list has %(count)s cases; a frozen list holds at most %(limit)s case. "
                    "Narrow the filters (a pillar, a country, a period or a search) and try again.",
                    "This list has %(count)s cases; a frozen list holds at most %(limit)s cases. "
                    "Narrow the filters (a pillar, a country, a period or a search) and try again.",
                    limit,
                )
                % {"count": count, "limit": limit}
            ]
        )
    latest = Release.objects.newest_first().first()
    version = catalogue_version()
    for _attempt in range(ID_ATTEMPTS):
        try:
            with transaction.atomic():
                return _write(case_filter, queryset, permalink_prefix, latest, version)
        except IntegrityError:
            # Another snapshot drew the same id (about one chance in 10^14); draw again.
            continue
    raise SnapshotRefused([_("The list could not be frozen; please try again.")])


def _write(case_filter, queryset, permalink_prefix, latest, version):
    snapshot = Snapshot(
        id=new_snapshot_id(),
        created=timezone.now(),
        query=case_filter.normalised_query(),
        filter_labels=_labels(case_filter),
        release=latest,
        changed_since_release=latest is None or latest.catalogue_version != version,
    )
    snapshot.save(force_insert=True)
    position = 0
    records = case_records(queryset, permalink_prefix=permalink_prefix)
    for block in batched(records, ENTRIES_PER_INSERT):
        entries = []
        for record in block:
            position += 1
            entries.append(
                SnapshotEntry(
                    snapshot=snapshot,
                    position=position,
                    slug=record["slug"],
                    title=record["title"],
                    record=encode_record(record),
                )
            )
        SnapshotEntry.objects.bulk_create(entries)
    # Counted as written: the rows, not the earlier count, are what the snapshot holds.
    Snapshot.objects.filter(pk=snapshot.pk).update(case_count=position)
    snapshot.case_count = position
    return snapshot


def _labels(case_filter):
    """The filters in words, as the list shows them (its chips), plus match and order."""
    labels = [chip.label for chip in case_filter.active_filters()]
    cleaned = case_filter.cleaned
    if cleaned.get("pillar_match") == "all" and len(cleaned.get("pillar") or []) > 1:
        match = case_filter.filters["pillar_match"]
        labels.append(f"{match.label}: {dict(match.extra['choices'])['all']}")
    sort = cleaned.get("sort")
    if sort:
        names = dict(case_filter.filters["sort"].extra["choices"])
        labels.append(f"{case_filter.filters['sort'].label}: {names[sort]}")
    return labels
