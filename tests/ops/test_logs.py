"""The JSON log formatter: one parseable line per record, extras kept, requests shortened."""

from __future__ import annotations

import json
import logging
import sys

from django.test import RequestFactory

from daihoi.ops.logs import JsonFormatter


def make_record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Lỗi máy chủ: %s", ("/to-chuc/",), None
    )
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_a_record_is_one_line_of_json_with_extras() -> None:
    request = RequestFactory().get("/to-chuc/2020/188/?q=secret")
    line = JsonFormatter().format(make_record(status_code=500, request=request))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Lỗi máy chủ: /to-chuc/"
    assert entry["status_code"] == 500
    assert entry["request"] == {"method": "GET", "path": "/to-chuc/2020/188/"}
    assert entry["time"].endswith("+00:00")
    assert "Lỗi" in line  # Vietnamese stays readable


def test_an_exception_is_kept_inside_the_line() -> None:
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = make_record()
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)

    assert "\n" not in line
    assert "ValueError: hỏng" in json.loads(line)["exception"]


def test_the_console_handler_uses_it() -> None:
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    handlers = logging.getLogger().handlers
    assert any(isinstance(h.formatter, JsonFormatter) for h in handlers)
