from django import template

from ..models import Release

register = template.Library()

# The /data/ page names the latest few; /data/releases/ lists them all.
RECENT = 3


@register.simple_tag
def recent_releases():
    return list(Release.objects.newest_first()[:RECENT])
