"""One shape for every API error: a sentence a person can read, plus the details by parameter."""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        wait = f" Try again in {exc.wait:.0f} seconds." if exc.wait is not None else ""
        response.data = {
            "detail": f"Too many requests: the API allows {settings.API_ANON_RATE} "
            f"per client.{wait}"
        }
        return response
    if response is None or not isinstance(exc, exceptions.ValidationError):
        return response
    errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    errors = {name: [str(message) for message in messages] for name, messages in errors.items()}
    problems = "; ".join(
        f"{name}: {' '.join(messages)}" for name, messages in sorted(errors.items())
    )
    response.data = {"detail": f"Invalid parameters. {problems}", "errors": errors}
    return response
