"""The request id, carried from the request-log middleware to every log line of the request."""

import logging
from contextvars import ContextVar

request_id = ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True
