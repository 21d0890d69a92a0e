from django import template

from suggestions.models import Suggestion

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestions_waiting(context):
    """How many suggestions wait for moderation, for staff who may see them (else None)."""
    user = context["request"].user
    if not user.has_perm("suggestions.view_suggestion"):
        return None
    return Suggestion.objects.waiting().count()
