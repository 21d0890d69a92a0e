from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout for every sign-in made over the web.

    A sign-in without a request (the test client's login(), a management command) is not a
    web login and cannot be throttled by address, so it is left to the next backend instead of
    failing. Every web login passes the request: Django's login view and DRF both do.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
