from django import template

from ..files.changelog import other_fields as changelog_other_fields
from ..models import Release

register = template.Library()

# The /data/ page names the latest few; /data/releases/ lists them all.
RECENT = 3


@register.simple_tag
def recent_releases():
    return list(Release.objects.newest_first().without_changelog()[:RECENT])


@register.filter
def other_fields(entry):
    """A changed case's fields besides its slug when the entry already says it was renamed."""
    return changelog_other_fields(entry)
