"""The text of a case or pillar in the page's language, and the attributes its block needs."""

from django import template
from django.utils.html import format_html

from core.languages import LANGUAGES_BIDI, current_language

register = template.Library()


@register.simple_tag
def text_in_page_language(obj):
    """obj.text_in() for the page's language: the translation, or the original when missing."""
    return obj.text_in(current_language())


@register.simple_tag
def lang_attributes(language):
    """lang (and dir) for a block whose text is not in the page's language, else nothing."""
    if language == current_language():
        return ""
    direction = "rtl" if language in LANGUAGES_BIDI else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)
