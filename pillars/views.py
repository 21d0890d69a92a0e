from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from cases.results import published_page

from .models import Pillar


@require_safe
def pillar_list(request):
    pillars = Pillar.objects.with_case_counts()
    return render(request, "pillars/pillar_list.html", {"pillars": pillars})


@require_safe
def pillar_detail(request, slug):
    pillar = get_object_or_404(Pillar, slug=slug)
    result = published_page(request, pillars=pillar)
    context = {
        "pillar": pillar,
        "page": result.page,
        "errors": [("Page", result.error)] if result.error else [],
    }
    return render(
        request, "pillars/pillar_detail.html", context, status=400 if result.error else 200
    )
