"""Briefing packs (PDF) of a filtered list, compared cases, one case or a self-assessment.

Drawing a PDF keeps a worker busy for a second or more, so a pack counts as a download
against the same per-client limits as the exports (ops/limits.py).
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cases.views.downloads import download_slot, too_many_in_window

from . import selection as choose
from .document import pack_pdf


@require_safe
def case_list_pack(request):
    return _pack(request, lambda: choose.from_case_list(request), back="cases:list")


@require_safe
def compare_pack(request):
    return _pack(request, lambda: choose.from_compare(request), back="cases:compare")


@require_safe
def case_pack(request, slug):
    return _pack(request, lambda: choose.from_case(slug), back="cases:list")


@require_safe
def assessment_pack(request):
    return _pack(request, lambda: choose.from_assessment(request), back="assessment:form")


def _pack(request, select, *, back):
    try:
        selection = select()
    except choose.SelectionError as error:
        return _problem(request, "invalid", status=400, errors=error.errors, back=back)
    except choose.TooManyCases as error:
        csv_url = reverse("cases:export", args=["csv"]) + (f"?{error.query}" if error.query else "")
        list_url = reverse("cases:list") + (f"?{error.query}" if error.query else "")
        return _problem(
            request,
            "too_many",
            status=413,
            count=error.count,
            csv_url=csv_url,
            list_url=list_url,
            back=back,
        )
    refused = too_many_in_window(request)
    if refused is not None:
        return refused
    slot, refused = download_slot(request)
    if refused is not None:
        return refused
    try:
        pdf = pack_pdf(request, selection)
    finally:
        slot.free()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{selection.filename_stem}_{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _problem(request, problem, *, status, back, **context):
    context = {
        "problem": problem,
        "status": status,
        "back_url": reverse(back),
        "max_cases": settings.BRIEFING_MAX_CASES,
        **context,
    }
    return render(request, "briefing/problem.html", context, status=status)
