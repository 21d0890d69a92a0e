from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health, request logs, replicas, the 503 page, backups."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from django.core.signals import request_finished

        from .routers import end_request

        # After a streamed response's last byte, not when the view returns.
        request_finished.connect(end_request, dispatch_uid="ops.routers.end_request")
