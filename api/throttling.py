from django.conf import settings
from rest_framework import throttling

from ops.clients import client_ip
from ops.limits import CACHE_ERRORS, LOCAL


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's anonymous throttle, with the site's one notion of the client's address, its rate
    from settings.API_ANON_RATE, and the process's own memory when the shared cache is down."""

    def get_rate(self):
        return settings.API_ANON_RATE

    def get_ident(self, request):
        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            self.cache = LOCAL
            return super().allow_request(request, view)
