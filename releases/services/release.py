"""release_create(): freeze every published case into a named release with its files.

The records are read once, through the one export path (CaseFilter, case_records), into the
release's NDJSON file; every other file is built by reading that file back, a record at a time,
so memory stays flat however large the catalogue and all files hold the same cases. Files are
built in a temporary folder, then copied to the "releases" storage, then the rows are written
in one transaction; if anything fails, the files already stored are deleted and no row is left.
"""

import hashlib
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from cases.cache import catalogue_version
from cases.exports.dispatch import FORMATS, write_export
from cases.exports.provenance import meta_block
from cases.exports.records import case_records
from cases.listing.filters import CaseFilter
from cases.models import Case, CaseSlugHistory

from ..files import changelog
from ..files.datapackage import build_datapackage
from ..files.frozen import Tally, read_frozen
from ..files.sqlite import build_sqlite
from ..models import Release, ReleaseFile

logger = logging.getLogger(__name__)

STORAGE = "releases"
TABLE_FORMATS = ("csv", "json", "xlsx")


class ReleaseError(Exception):
    pass


@dataclass(frozen=True)
class BuiltFile:
    name: str
    path: Path
    content_type: str


def release_storage():
    return storages[STORAGE]


def release_create(*, name, notes="", user=None, site_url=None):
    """Create release `name` (validated: a safe, unused version label) and store its files.

    Raises ValidationError for a bad or taken name; on any other failure nothing is left.
    """
    site_url = (site_url or settings.SITE_URL).rstrip("/")
    release = Release(
        name=name,
        notes=notes,
        created_by=user,
        site_url=site_url + "/",
        published=timezone.now(),
    )
    release.full_clean()
    previous = Release.objects.newest_first().first()
    # A release's files are the catalogue of record: English labels and text, whatever the
    # language of the editor's browser.
    with (
        translation.override(settings.LANGUAGE_CODE),
        tempfile.TemporaryDirectory(prefix="release-") as work,
    ):
        built = _build(release, previous, Path(work))
        return _store(release, built)


def frozen_name(release_name):
    return f"nlc-cases-{release_name}.ndjson"


def _urls(release):
    site = release.site_url.rstrip("/")
    # Permalinks in the files are the canonical (unprefixed) addresses, whatever the language
    # of the request that made the release.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "permalinks": site + reverse("cases:detail", args=["-"])[:-2],
            "release": site + reverse("releases:detail", args=[release.name]),
            "codebook": site + reverse("cases:data"),
        }


def _build(release, previous, work):
    urls = _urls(release)
    stem = f"nlc-cases-{release.name}"
    files = []

    def add(name, content_type):
        path = work / name
        files.append(BuiltFile(name, path, content_type))
        return path

    frozen = add(frozen_name(release.name), FORMATS["ndjson"].content_type)
    # The version first: a change while the records are read then counts as "since".
    release.catalogue_version = catalogue_version()
    tally = Tally()
    queryset = CaseFilter.published(QueryDict()).qs
    records = tally.watch(case_records(queryset, permalink_prefix=urls["permalinks"]))
    with frozen.open("wb") as file:
        write_export("ndjson", file, records, meta=None)
    release.case_count = tally.count
    release.coverage = tally.coverage()

    meta = meta_block(
        title=f"{settings.CATALOGUE_NAME}, release {release.name}",
        exported_at=release.published,
        query="",
        url=urls["release"],
        site_url=release.site_url,
        count=release.case_count,
        codebook=urls["codebook"],
    )
    for fmt in TABLE_FORMATS:
        with (
            frozen.open("rb") as source,
            add(f"{stem}.{fmt}", FORMATS[fmt].content_type).open("wb") as file,
        ):
            write_export(fmt, file, read_frozen(source), meta=meta)
    # The NDJSON file is listed after the other table formats.
    files.append(files.pop(0))

    database = add(f"{stem}.sqlite", "application/vnd.sqlite3")
    with frozen.open("rb") as source:
        build_sqlite(database, read_frozen(source))

    release.record_changelog(_changelog(previous, frozen))
    log_json = add("changelog.json", "application/json; charset=utf-8")
    log_json.write_text(json.dumps(release.changelog, ensure_ascii=False, indent=2) + "\n")
    log_md = add("CHANGELOG.md", "text/markdown; charset=utf-8")
    log_md.write_text(
        changelog.markdown(
            release.changelog,
            name=release.name,
            published=release.published,
            case_count=release.case_count,
        )
    )

    package = work / f"{stem}.datapackage.zip"
    build_datapackage(
        package,
        cases_csv=work / f"{stem}.csv",
        sqlite_path=database,
        extra_files={"CHANGELOG.md": log_md},
        name=release.name,
        title=f"{settings.CATALOGUE_NAME}, release {release.name}",
        created=release.published,
        homepage=urls["release"],
    )
    files.insert(4, BuiltFile(package.name, package, "application/zip"))

    sums = add("SHA256SUMS", "text/plain; charset=utf-8")
    digests = {built.name: _sha256(built.path) for built in files if built.path != sums}
    sums.write_text("".join(f"{digest}  {name}\n" for name, digest in digests.items()))
    return files


def _changelog(previous, frozen):
    """Compare with the previous release's frozen records (read from storage)."""
    with frozen.open("rb") as source:
        if previous is None:
            log = changelog.compare([], read_frozen(source), previous_name=None)
        else:
            with release_storage().open(f"{previous.name}/{frozen_name(previous.name)}") as old:
                log = changelog.compare(
                    read_frozen(old),
                    read_frozen(source),
                    previous_name=previous.name,
                    find_renames=_renames,
                )
    _add_reasons(log["removed"])
    return log


def _renames(old_slugs):
    """{old slug: the slug its case has now}, from the slug history the case pages redirect by.

    The frozen records carry no stable id, so a rename is known from the history alone.
    """
    history = CaseSlugHistory.objects.filter(slug__in=old_slugs)
    return dict(history.values_list("slug", "case__slug"))


def _add_reasons(removed):
    """Why each removed case left: the trash, a new status, or it is gone (deleted).

    A case renamed and then unpublished is found by its former slug.
    """
    slugs = [entry["slug"] for entry in removed]
    fields = ("status", "deleted_at")
    found = {
        case["slug"]: case for case in Case.objects.filter(slug__in=slugs).values("slug", *fields)
    }
    renamed = CaseSlugHistory.objects.filter(slug__in=slugs).exclude(slug__in=list(found))
    for old in renamed.values("slug", *(f"case__{field}" for field in fields)):
        found[old["slug"]] = {field: old[f"case__{field}"] for field in fields}
    for entry in removed:
        case = found.get(entry["slug"])
        if case is None:
            entry["reason"] = "gone"
        elif case["deleted_at"] is not None:
            entry["reason"] = "trashed"
        elif case["status"] == Case.Status.ARCHIVED:
            entry["reason"] = "archived"
        else:
            entry["reason"] = "unpublished"


def _sha256(path):
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _store(release, built):
    """Copy the files to storage, then write the rows; on failure, undo both."""
    storage = release_storage()
    stored = []
    try:
        for file in built:
            target = f"{release.name}/{file.name}"
            if storage.exists(target):
                raise ReleaseError(f"{target} is already in the releases storage.")
            with file.path.open("rb") as content:
                saved_as = storage.save(target, File(content, name=file.name))
            stored.append(saved_as)
            if saved_as != target:
                raise ReleaseError(f"The storage saved {target} as {saved_as}.")
        with transaction.atomic():
            release.save()
            ReleaseFile.objects.bulk_create(
                ReleaseFile(
                    release=release,
                    name=file.name,
                    path=f"{release.name}/{file.name}",
                    content_type=file.content_type,
                    size=file.path.stat().st_size,
                    sha256=_sha256(file.path),
                    position=position,
                )
                for position, file in enumerate(built)
            )
    except BaseException as error:
        for path in stored:
            try:
                storage.delete(path)
            except Exception:
                logger.exception("Could not delete %s after a failed release.", path)
        if isinstance(error, Exception) and not isinstance(error, ReleaseError):
            # Storage backends raise their own errors (OSError, a cloud client's); callers
            # get one kind, with nothing left behind.
            logger.exception("Release %s could not be stored.", release.name)
            raise ReleaseError(f"The release files could not be stored: {error}") from error
        raise
    return release
