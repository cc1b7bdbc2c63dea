"""The simulated world's clock: frozen, set or advanced by tests; real time in the demo.

Everything the simulator serves is filtered by this clock (an item added "tomorrow"
appears when the clock gets there), so a scripted school week runs in seconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")


class SimClock:
    """`now()` is real time plus an offset, or a frozen instant."""

    def __init__(self, start: datetime | None = None, *, frozen: bool = False) -> None:
        real = datetime.now(UTC)
        start = start or real
        if start.tzinfo is None:
            raise ValueError("the simulated clock needs an aware datetime")
        self._frozen_at: datetime | None = start.astimezone(UTC) if frozen else None
        self._offset = start.astimezone(UTC) - real

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def now(self) -> datetime:
        if self._frozen_at is not None:
            return self._frozen_at
        return datetime.now(UTC) + self._offset

    def local_now(self) -> datetime:
        return self.now().astimezone(WARSAW)

    def today(self) -> date:
        return self.local_now().date()

    def set(self, when: datetime, *, frozen: bool | None = None) -> None:
        if when.tzinfo is None:
            raise ValueError("the simulated clock needs an aware datetime")
        freeze = self.frozen if frozen is None else frozen
        if freeze:
            self._frozen_at = when.astimezone(UTC)
        else:
            self._frozen_at = None
            self._offset = when.astimezone(UTC) - datetime.now(UTC)

    def advance(self, delta: timedelta) -> datetime:
        self.set(self.now() + delta)
        return self.now()


@lru_cache(maxsize=65_536)
def local_stamp(moment: datetime) -> str:
    """Librus's `AddDate` form: Polish local time, no zone. Cached: the same moments
    (lesson ends of the year's days) are rendered in every attendance answer."""
    return moment.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M:%S")


@lru_cache(maxsize=65_536)
def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WARSAW).astimezone(UTC)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
