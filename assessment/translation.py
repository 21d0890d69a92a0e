from modeltranslation.translator import TranslationOptions, register

from .models import Statement


@register(Statement)
class StatementTranslationOptions(TranslationOptions):
    fields = ("text",)
    # English is the original; French and Arabic may wait for a translator.
    required_languages = ("en",)
