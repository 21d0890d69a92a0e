"""Fields modeltranslation keeps in English, French and Arabic (one column per language).

modeltranslation imports this module once every app is loaded. Models whose translated fields
belong in their history are registered with django-reversion here, after the language columns
exist: reversion fixes the fields it stores when a model is registered.
"""

import reversion
from modeltranslation.translator import TranslationOptions, register

from .models.national import NationalFramework


@register(NationalFramework)
class NationalFrameworkTranslationOptions(TranslationOptions):
    fields = NationalFramework.TRANSLATED_FIELDS


reversion.register(NationalFramework)
