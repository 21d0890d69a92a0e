"""Release pages and files, and frozen lists (snapshots): making one, its page, its files."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cases.exports.dispatch import FORMATS, records_response
from cases.exports.formats import bibtex, ris
from cases.exports.provenance import meta_block, permalink_prefix
from cases.listing.filters import CaseFilter
from cases.views.downloads import EXPORT_FORMATS, too_many_in_window
from core.pagination import paginate
from ops.clients import client_ip
from ops.limits import limit_reached

from .citation import citation_text, release_item, release_jsonld
from .files.frozen import read_frozen
from .models import Release, ReleaseFile, Snapshot
from .services.release import release_storage
from .services.snapshot import SnapshotRefused, snapshot_create

CITE_FORMATS = {"ris": (ris.ris, ris.CONTENT_TYPE), "bib": (bibtex.bibtex, bibtex.CONTENT_TYPE)}
# The longest filter query string a freeze form may send (the list's own are far shorter).
MAX_QUERY_LENGTH = 4000
SNAPSHOT_PAGE_SIZE = 100


@require_safe
def release_list(request):
    releases = Release.objects.newest_first().without_changelog()
    return render(request, "releases/release_list.html", {"releases": releases})


@require_safe
def release_detail(request, name):
    release = get_object_or_404(Release, name=name)
    files = list(release.files.all())
    url = request.build_absolute_uri(release.get_absolute_url())
    context = {
        "release": release,
        "files": files,
        "citation": citation_text(release, url=url),
        "jsonld": release_jsonld(
            release,
            files,
            url=url,
            site_url=request.build_absolute_uri("/"),
            file_url=lambda file: request.build_absolute_uri(file.get_absolute_url()),
        ),
        "licence": settings.DATA_LICENCE,
        "licence_url": settings.DATA_LICENCE_URL,
    }
    return render(request, "releases/release_detail.html", context)


@require_safe
def release_file(request, name, filename):
    file = get_object_or_404(
        ReleaseFile.objects.select_related("release"), release__name=name, name=filename
    )
    try:
        content = release_storage().open(file.path, "rb")
    except FileNotFoundError:
        raise Http404("This release file is missing from storage.") from None
    response = FileResponse(
        content, as_attachment=True, filename=file.name, content_type=file.content_type
    )
    response["Link"] = f'<{settings.DATA_LICENCE_URL}>; rel="license"'
    return response


@require_safe
def release_cite(request, name, fmt):
    if fmt not in CITE_FORMATS:
        raise Http404(f"Citations come as {', '.join(CITE_FORMATS)}.")
    release = get_object_or_404(Release, name=name)
    item = release_item(release, url=request.build_absolute_uri(release.get_absolute_url()))
    render_item, content_type = CITE_FORMATS[fmt]
    response = HttpResponse(render_item(item), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="nlc-release-{release.name}.{fmt}"'
    return response


@require_POST
def snapshot_create_view(request):
    query = request.POST.get("query", "")
    if len(query) > MAX_QUERY_LENGTH:
        message = _("The filters are longer than %(limit)s characters.")
        return _refused(request, [message % {"limit": MAX_QUERY_LENGTH}])
    if limit_reached(
        key=f"snapshots:{client_ip(request)}",
        limit=settings.SNAPSHOTS_PER_CLIENT,
        window=settings.SNAPSHOTS_WINDOW_SECONDS,
    ):
        response = render(
            request,
            "releases/snapshot_limited.html",
            {
                "limit": settings.SNAPSHOTS_PER_CLIENT,
                "minutes": settings.SNAPSHOTS_WINDOW_SECONDS // 60,
                "query": query,
            },
            status=429,
        )
        response["Retry-After"] = str(settings.SNAPSHOTS_WINDOW_SECONDS)
        return response
    case_filter = CaseFilter.published(QueryDict(query))
    try:
        snapshot = snapshot_create(
            case_filter=case_filter, permalink_prefix=permalink_prefix(request)
        )
    except SnapshotRefused as refusal:
        return _refused(request, refusal.messages, query=query)
    return redirect(snapshot)


def _refused(request, messages, *, query=""):
    context = {"messages_": messages, "query": query}
    return render(request, "releases/snapshot_refused.html", context, status=400)


@require_safe
def snapshot_detail(request, snapshot_id):
    snapshots = Snapshot.objects.select_related("release").defer("release__changelog")
    snapshot = get_object_or_404(snapshots, pk=snapshot_id)
    entries = snapshot.entries.order_by("position").values("position", "slug", "title")
    result = paginate(entries, request.GET.get("page"), per_page=SNAPSHOT_PAGE_SIZE)
    context = {
        "snapshot": snapshot,
        "page": result.page,
        "page_error": result.error,
        "formats": EXPORT_FORMATS,
        "url": request.build_absolute_uri(snapshot.get_absolute_url()),
    }
    status = 400 if result.error else 200
    return render(request, "releases/snapshot_detail.html", context, status=status)


@require_safe
def snapshot_export(request, snapshot_id, fmt):
    if fmt not in FORMATS:
        raise Http404(f"There is no {fmt!r} export; the formats are {', '.join(EXPORT_FORMATS)}.")
    snapshot = get_object_or_404(Snapshot, pk=snapshot_id)
    refused = too_many_in_window(request)
    if refused is not None:
        return refused
    meta = meta_block(
        title=f"{settings.CATALOGUE_NAME} frozen list {snapshot.id}",
        exported_at=snapshot.created,
        query=snapshot.query,
        url=request.build_absolute_uri(snapshot.get_absolute_url()),
        site_url=request.build_absolute_uri("/"),
        count=snapshot.case_count,
        codebook=request.build_absolute_uri(reverse("cases:data")),
    )
    records = read_frozen(snapshot.records_json())
    filename = f"nlc-cases_snapshot-{snapshot.id}_{snapshot.created.date().isoformat()}.{fmt}"
    return records_response(fmt, records, meta=meta, filename=filename)
