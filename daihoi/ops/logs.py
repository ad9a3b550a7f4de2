"""Structured logs: one JSON object per line, for journald, Loki, Graylog or grep.

settings.LOGGING names `daihoi.ops.logs.JsonFormatter` for the console handler.
A line looks like:

    {"time": "2025-03-01T08:00:00.123+00:00", "level": "ERROR", "logger": "django.request",
     "message": "Internal Server Error: /to-chuc/2020/188/", "status_code": 500,
     "request": {"method": "GET", "path": "/to-chuc/2020/188/"}, "exception": "Traceback …"}
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _plain(value: Any) -> Any:
    """A JSON-friendly form of an extra: requests as method and path, the rest as text."""
    from django.http import HttpRequest

    if isinstance(value, HttpRequest):
        return {"method": value.method, "path": value.path}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


class JsonFormatter(logging.Formatter):
    """Format each record as one line of JSON (UTF-8, Vietnamese left readable)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = _plain(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
