import logging
import re
import time
import uuid

from django.conf import settings

from . import routers
from .clients import client_ip
from .logging import request_id

request_log = logging.getLogger("ops.requests")

# A proxy's X-Request-ID is kept if it looks like an id; anything else is replaced.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
PIN_COOKIE = "primary_pin"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class RequestLogMiddleware:
    """One JSON log line per request: request id, method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.id = rid
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        fields = {
            "request_id": rid,
            "client": client_ip(request),
            "method": request.method,
            "path": request.path,
        }
        fields["status"] = response.status_code
        if response.streaming:
            # A streamed export is logged when its last byte is sent (or the client leaves).
            response.streaming_content = _logged_stream(response.streaming_content, fields, started)
        else:
            _log(fields, started)
        return response


def _log(fields, started, **extra):
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    request_log.info("request", extra={**fields, **extra, "duration_ms": duration_ms})


def _logged_stream(chunks, fields, started):
    complete = False
    try:
        yield from chunks
        complete = True
    finally:
        _log(fields, started, complete=complete)


class ReplicaRoutingMiddleware:
    """Choose the read database for this request (see ops/routers.py).

    A replica serves only anonymous, read-only requests outside the admin from clients that
    have not written recently. After any other method the client is pinned to the primary for
    REPLICA_PIN_SECONDS by a cookie, so it reads its own write even if replicas lag.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        use_replica = (
            safe
            and PIN_COOKIE not in request.COOKIES
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(f"/{settings.ADMIN_PATH}")
        )
        routers.begin_request(use_replica=use_replica)
        response = self.get_response(request)
        if not safe and settings.DATABASE_REPLICAS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
