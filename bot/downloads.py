"""How often one child's attachments may be downloaded: one at a time, a pause after
each, and a cap per hour, so that a press held down or a group of eager relatives
cannot turn the bot into a stream of requests against the child's account.

Kept in the memory of the process that answers updates (there is one per bot in
polling mode; behind a webhook spread over several processes each has its own).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Refusal:
    """Why a download may not start now: `busy` (one is running for this child),
    `wait` (the pause after the last one) or `hour` (the hourly cap), and when it may."""

    reason: str
    until: datetime | None = None


class DownloadGate:
    def __init__(self, now: Callable[[], datetime], *, cooldown: timedelta, per_hour: int) -> None:
        self._now = now
        self._cooldown = cooldown
        self._per_hour = per_hour
        self._running: set[int] = set()
        self._ended: dict[int, datetime] = {}
        self._started: dict[int, deque[datetime]] = {}

    def claim(self, account_id: int) -> Refusal | None:
        """Start a download for the child (None), or say why not."""
        now = self._now()
        if account_id in self._running:
            return Refusal("busy")
        ended = self._ended.get(account_id)
        if ended is not None and now < ended + self._cooldown:
            return Refusal("wait", ended + self._cooldown)
        started = self._started.setdefault(account_id, deque())
        while started and started[0] <= now - HOUR:
            started.popleft()
        if len(started) >= self._per_hour:
            return Refusal("hour", started[0] + HOUR)
        started.append(now)
        self._running.add(account_id)
        return None

    def release(self, account_id: int) -> None:
        """The download ended (sent, refused or failed): the pause starts now."""
        self._running.discard(account_id)
        self._ended[account_id] = self._now()
