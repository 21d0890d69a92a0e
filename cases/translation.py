"""The case text in every catalogue language (django-modeltranslation adds title_en, title_fr, …).

A source's title stays as published, so Source is not registered.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Case


@register(Case)
class CaseTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "takeaways")
    # An empty JSON list, not "", is a case without takeaways in a language.
    empty_values = {"takeaways": None}
