"""Telegram's flood limits as the fake enforces them (real time, per bot token).

* about 30 messages per second in all;
* one message per second to one chat, short bursts tolerated;
* 20 messages per minute to one group.

Past a limit the fake answers 429 with `retry_after`, as Telegram does, and counts a
violation: a well-behaved sender never sees one.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class _Bucket:
    capacity: float
    rate: float  # tokens per second
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """0 when a token was taken, else seconds until one is there."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class FloodControl:
    global_per_second: int = 30
    chat_per_second: float = 1.0
    chat_burst: int = 3
    group_per_minute: int = 20
    answers_per_second: int = 30
    violations: list[tuple[int, str]] = field(default_factory=list)
    _global: deque[float] = field(default_factory=deque)
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    _answers: deque[float] = field(default_factory=deque)

    def check(self, chat_id: int, is_group: bool, now: float | None = None) -> int:
        """0 to allow a message now, else the `retry_after` seconds (and a violation)."""
        now = time.monotonic() if now is None else now
        while self._global and now - self._global[0] >= 1.0:
            self._global.popleft()
        if len(self._global) >= self.global_per_second:
            return self._refuse(chat_id, "global", 1.0 - (now - self._global[0]))
        bucket = self._chats.setdefault(
            chat_id, _Bucket(self.chat_burst, self.chat_per_second, self.chat_burst, now)
        )
        if is_group:
            window = self._groups.setdefault(chat_id, deque())
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                return self._refuse(chat_id, "group", 60.0 - (now - window[0]))
        wait = bucket.take(now)
        if wait:
            return self._refuse(chat_id, "chat", wait)
        self._global.append(now)
        if is_group:
            self._groups[chat_id].append(now)
        return 0

    def check_answer(self, now: float | None = None) -> int:
        """Callback answers: a bot-wide budget of their own (how Telegram counts them is
        not documented; assumed apart from messages, at the same 30 per second)."""
        now = time.monotonic() if now is None else now
        while self._answers and now - self._answers[0] >= 1.0:
            self._answers.popleft()
        if len(self._answers) >= self.answers_per_second:
            return self._refuse(0, "answers", 1.0 - (now - self._answers[0]))
        self._answers.append(now)
        return 0

    def _refuse(self, chat_id: int, which: str, wait: float) -> int:
        self.violations.append((chat_id, which))
        return max(1, math.ceil(wait))
