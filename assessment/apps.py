from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Self-assessment")

    def ready(self):
        import reversion

        from .models import Statement

        # Registered here rather than beside the model: modeltranslation (earlier in
        # INSTALLED_APPS) adds text_en, text_fr and text_ar in its own ready(), and reversion
        # fixes the fields it stores when a model is registered, so every language is kept.
        if not reversion.is_registered(Statement):
            reversion.register(Statement)
