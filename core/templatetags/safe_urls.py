"""Links to the outside world only for web addresses.

A URLField validates on full_clean, but rows can arrive without it (a bulk import, raw SQL):
a javascript: or data: URL must never become a link.
"""

from urllib.parse import urlsplit

from django import template

register = template.Library()

LINK_SCHEMES = {"http", "https"}


@register.filter
def web_url(value):
    """`value` if it is an http(s) address, otherwise an empty string."""
    text = str(value or "").strip()
    # Browsers ignore tabs, newlines and control characters inside a scheme.
    squeezed = "".join(ch for ch in text if ord(ch) > 32)
    try:
        scheme = urlsplit(squeezed).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in LINK_SCHEMES else ""
