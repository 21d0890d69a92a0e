from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from ops.clients import client_ip
from ops.limits import limit_reached

from .forms import SuggestionForm
from .services import suggestion_submit


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request):
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(request, "suggestions/suggest.html", {"form": form})
    if limit_reached(
        key=f"suggestions:{client_ip(request)}",
        limit=settings.SUGGESTIONS_PER_IP,
        window=settings.SUGGESTIONS_WINDOW_SECONDS,
    ):
        response = render(request, "suggestions/rate_limited.html", status=429)
        response["Retry-After"] = str(settings.SUGGESTIONS_WINDOW_SECONDS)
        return response
    if not form.is_valid():
        return render(request, "suggestions/suggest.html", {"form": form}, status=400)
    if not form.is_spam():
        data = form.cleaned_data
        suggestion_submit(
            title=data["title"],
            country=data["country"],
            description=data["description"],
            pillars=data["pillars"],
            source_url=data["source_url"],
            name=data["name"],
            email=data["email"],
        )
    # A bot that filled the honeypot sees the same thanks, so it learns nothing.
    return redirect("suggestions:thanks")


@require_safe
def thanks(request):
    return render(request, "suggestions/thanks.html")
