"""The pillar text in every catalogue language (modeltranslation adds name_en, name_fr, …)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Pillar


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name", "definition", "guidance")
    # The names are unique in every language; an untranslated name is NULL, so several may be.
    empty_values = {"name": None}
