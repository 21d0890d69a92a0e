from django.conf import settings
from rest_framework import throttling


class AnonRateThrottle(throttling.AnonRateThrottle):
    """DRF's anonymous throttle, with its rate read from settings.API_ANON_RATE when used."""

    def get_rate(self):
        return settings.API_ANON_RATE
