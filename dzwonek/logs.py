"""One logging set-up: structured lines (key=value or JSON) with secrets redacted.

The Bot API puts the token in every request URL, and aiohttp/aiogram log URLs and
exceptions that contain them. Redaction therefore runs on the final formatted line,
tracebacks included, not only on the message: a bot token pattern and every
registered secret value are replaced before anything reaches a handler's stream.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar, TextIO

from sync.redaction import SECRETS

# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def redact(text: str) -> str:
    return SECRETS.redact(text)


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {
        k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")
    }


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(self.render(record))

    def render(self, record: logging.LogRecord) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


def _kv_value(value: Any) -> str:
    text = str(value)
    if text == "" or any(c in text for c in ' ="\n\t'):
        return json.dumps(text, ensure_ascii=False)
    return text


class KeyValueFormatter(_RedactingFormatter):
    """`ts=… level=INFO logger=sync.polling msg="poll done" account=12 ms=140`"""

    def render(self, record: logging.LogRecord) -> str:
        parts = [
            f"ts={datetime.fromtimestamp(record.created, UTC).isoformat(timespec='milliseconds')}",
            f"level={record.levelname}",
            f"logger={record.name}",
            f"msg={_kv_value(record.getMessage())}",
        ]
        parts.extend(f"{key}={_kv_value(value)}" for key, value in _fields(record).items())
        line = " ".join(parts)
        if record.exc_info:
            line += " exc=" + _kv_value(self.formatException(record.exc_info))
        return line


class JsonFormatter(_RedactingFormatter):
    def render(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update(
            {
                k: v if isinstance(v, int | float | bool) else str(v)
                for k, v in _fields(record).items()
            }
        )
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


class _Setup:
    handler: ClassVar[logging.Handler | None] = None


# Loggers that are chatty at INFO or print URLs with the token in them.
_QUIET = {
    "aiohttp.access": logging.WARNING,
    "aiohttp.client": logging.WARNING,
    "aiogram.event": logging.WARNING,
    "aiogram.dispatcher": logging.INFO,
    "apscheduler": logging.WARNING,
    "alembic": logging.WARNING,
    "sqlalchemy.engine": logging.WARNING,
    "librus_synergia": logging.WARNING,
    "hypothesis": logging.WARNING,
}


def setup_logging(
    level: str = "INFO",
    fmt: str = "kv",
    *,
    secrets: Iterable[str | None] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Install the one root handler (replacing an earlier one of ours)."""
    SECRETS.add(*secrets)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    root = logging.getLogger()
    if _Setup.handler is not None:
        root.removeHandler(_Setup.handler)
    root.addHandler(handler)
    root.setLevel(level)
    for name, quiet_level in _QUIET.items():
        logging.getLogger(name).setLevel(max(quiet_level, logging.getLevelName(level)))
    logging.captureWarnings(True)
    _Setup.handler = handler
    return handler
