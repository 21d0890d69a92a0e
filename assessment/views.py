"""The self-assessment: a GET form, and a result page whose address holds every answer.

Nothing is stored: no model is written, no session or cookie is set. A result can be
bookmarked, shared and printed because its address is the whole of it.
"""

from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_safe

from .chart import profile_chart
from .forms import AssessmentForm
from .models import Score, Statement
from .profile import WEAKEST_RULE
from .recommendations import RANKING_RULE, recommend


@require_safe
def assessment_form(request):
    form = AssessmentForm.prefilled(request.GET, statements=list(Statement.objects.asked()))
    return render(request, "assessment/form.html", {"form": form, "scale": Score.choices})


@require_safe
def assessment_result(request):
    form = AssessmentForm(request.GET, statements=list(Statement.objects.asked()))
    if not form.is_valid():
        context = {"form": form, "scale": Score.choices}
        return render(request, "assessment/form.html", context, status=400)
    profile = form.profile()
    context = {
        "profile": profile,
        "chart": profile_chart(profile, rtl=get_language_bidi()),
        "recommendations": recommend(profile),
        "weakest_rule": WEAKEST_RULE,
        "ranking_rule": RANKING_RULE,
        "query": request.GET.urlencode(),
    }
    return render(request, "assessment/result.html", context)
