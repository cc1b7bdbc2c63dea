"""One logging set-up: structured lines (key=value or JSON) with secrets redacted.

The Bot API puts the token in every request URL, and aiohttp/aiogram log URLs and
exceptions that contain them. Redaction therefore runs on the final formatted line,
tracebacks included, not only on the message: a bot token pattern and every
registered secret value are replaced before anything reaches a handler's stream.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar, TextIO

_TOKEN_RE = re.compile(r"(?<![0-9])\d{3,20}:[A-Za-z0-9_-]{20,}")
REDACTED = "***"

# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class _SecretRegistry:
    """Values that must never be printed (tokens, passwords during a login)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: Counter[str] = Counter()

    def add(self, *values: str | None) -> None:
        with self._lock:
            self._values.update(v for v in values if v and len(v) >= 4)

    def discard(self, value: str | None) -> None:
        """Forget one registration of `value` (a login that registered it is over)."""
        if value:
            with self._lock:
                self._values[value] -= 1
                if self._values[value] <= 0:
                    del self._values[value]

    def redact(self, text: str) -> str:
        text = _TOKEN_RE.sub(REDACTED, text)
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        for value in values:
            if value in text:
                text = text.replace(value, REDACTED)
        return text


SECRETS = _SecretRegistry()


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
