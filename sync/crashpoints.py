"""Named points in the pipeline where the crash-consistency test kills the process.

`DZWONEK_CRASH_AT="send.sent:3"` (or `arm("send.sent", 3)`) makes the third pass
through `crash_point("send.sent")` SIGKILL the process there: no cleanup, no flush, as
when the machine loses power. Unarmed (always, in production) a crash point costs one
comparison.

The points: `poll.fetched` (Librus answered, nothing written), `poll.before_commit`
(everything written, not committed), `poll.committed`, `send.claimed` (rows claimed and
committed, nothing sent), `send.sent` (Telegram accepted, not yet recorded: the
in-doubt window), `send.marked`.
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "poll.fetched",
    "poll.before_commit",
    "poll.committed",
    "send.claimed",
    "send.sent",
    "send.marked",
)


class _Trap:
    """The armed point and how many passes it has seen."""

    point: str | None = None
    after = 1
    passes = 0


def arm(point: str | None, after: int = 1) -> None:
    """Kill the process on the `after`-th pass through `point` (None disarms)."""
    if point is not None and point not in POINTS:
        raise ValueError(f"unknown crash point {point!r}; known: {', '.join(POINTS)}")
    _Trap.point, _Trap.after, _Trap.passes = point, max(1, after), 0


def crash_point(name: str) -> None:
    if _Trap.point != name:
        return
    _Trap.passes += 1
    if _Trap.passes >= _Trap.after:
        os.kill(os.getpid(), signal.SIGKILL)


def _from_environment() -> None:
    spec = os.environ.get("DZWONEK_CRASH_AT", "")
    if spec:
        point, _, count = spec.partition(":")
        arm(point, int(count or 1))


_from_environment()
