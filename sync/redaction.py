"""Values no log line may carry: the bot token, configured secrets, and, while they
are in use, a Synergia password during its login and the Librus session cookies.

Lives below both `bot` (whose log formatters apply it to every finished line,
tracebacks included) and `sync.upstream` (which registers the password and cookies
while it holds them), so neither has to trust the other to be careful.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

_TOKEN_RE = re.compile(r"(?<![0-9])\d{3,20}:[A-Za-z0-9_-]{20,}")
REDACTED = "***"


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
