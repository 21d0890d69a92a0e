"""The case text in every catalogue language (django-modeltranslation adds title_en, title_fr, …).

A source's title stays as published, so Source is not registered.
"""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import Case
from .models.national import NationalFramework


@register(Case)
class CaseTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "takeaways")
    # An empty JSON list, not "", is a case without takeaways in a language.
    empty_values = {"takeaways": None}


@register(NationalFramework)
class NationalFrameworkTranslationOptions(TranslationOptions):
    fields = NationalFramework.TRANSLATED_FIELDS


# reversion fixes the fields it stores when a model is registered: after the language columns.
reversion.register(NationalFramework)
