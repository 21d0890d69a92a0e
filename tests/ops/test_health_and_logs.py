"""/healthz, and one JSON log line per request with its id, path, status and duration."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from ops.logging import RequestIdFilter, request_id


@pytest.mark.django_db
def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def json_formatter():
    for handler in logging.getLogger().handlers:
        if isinstance(handler.formatter, JsonFormatter):
            return handler.formatter
    raise AssertionError("the root logger has no JSON handler")


@pytest.mark.django_db
def test_each_request_is_logged_as_one_json_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        response = client.get("/cases/?q=anything")
    (record,) = [r for r in caplog.records if r.name == "ops.requests"]
    line = json.loads(json_formatter().format(record))
    assert line["message"] == "request"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/cases/"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_a_malformed_one_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        kept = client.get("/healthz", headers={"X-Request-ID": "edge-4f1c2a9b"})
        replaced = client.get("/healthz", headers={"X-Request-ID": 'x"\n{"forged": 1}'})
    assert kept["X-Request-ID"] == "edge-4f1c2a9b"
    assert replaced["X-Request-ID"] != 'x"\n{"forged": 1}'
    ids = [r.request_id for r in caplog.records if r.name == "ops.requests"]
    assert ids == ["edge-4f1c2a9b", replaced["X-Request-ID"]]


def test_other_log_lines_written_during_a_request_carry_its_id():
    token = request_id.set("req-5e6f7a8b")
    try:
        record = logging.LogRecord("cases", logging.WARNING, __file__, 1, "slow", None, None)
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    assert json.loads(json_formatter().format(record))["request_id"] == "req-5e6f7a8b"


@pytest.mark.django_db
def test_a_streamed_export_is_logged_when_it_ends_and_says_if_it_was_cut_short(client, caplog):
    with caplog.at_level(logging.INFO, logger="ops.requests"):
        finished = client.get("/cases/export.csv")
        b"".join(finished)
        cut = client.get("/cases/export.json")
        next(iter(cut.streaming_content))
        cut.close()
    lines = [r for r in caplog.records if r.name == "ops.requests"]
    assert [(r.path, r.status, r.complete) for r in lines] == [
        ("/cases/export.csv", 200, True),
        ("/cases/export.json", 200, False),
    ]
    assert lines[0].request_id == finished["X-Request-ID"]
