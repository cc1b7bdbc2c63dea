"""When each kind of an account's data is asked for next.

Librus blocks clients that ask too much, so every request must earn its place. What
parents want at once (grades, attendance, message previews) is asked for every 10
minutes during the school day (07:00-17:00 on school days), every 30 minutes in a
school day's evening, every 3 hours by day on weekends, holidays and the school's free
days, and once a night (22:00-07:00), in its last half hour, when quiet hours hold
notifications until the morning anyway (the dawn poll). Of the rest, tests (the
agenda) and homework every 30 minutes during the school day, the timetable,
announcements and notes hourly, the lucky number and the rest less often; every 8
hours otherwise, and at dawn.
School days come from the account's reference data: weekdays inside the school year
that are not one of the school's free days. When the school year Librus describes has
ended and a new one has begun by law (`first_school_day`), weekdays are school days
at once, before the reference data catches up: on 1 September grades are asked for
every 10 minutes, not every 3 hours.

Each interval is shortened by a random share of up to `jitter` so that thousands of
accounts do not ask at the same minute; it is never lengthened, so the cadence is a
promise to parents (a grade given at 10:00 is seen by 10:10), not an average. An
interval never jumps over the start of a faster period either (the last night poll is
not at 7:40 when the school day starts at 7:00).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sync import kinds as K
from sync.clock import WARSAW


@dataclass(frozen=True)
class CadencePolicy:
    school_day_start: time = time(7, 0)
    school_day_end: time = time(17, 0)
    evening_end: time = time(22, 0)
    urgent_school: timedelta = timedelta(minutes=10)
    urgent_evening: timedelta = timedelta(minutes=30)
    urgent_quiet: timedelta = timedelta(hours=3)  # days without school, 07:00-22:00
    urgent_night: timedelta = timedelta(hours=6)  # every night, 22:00-07:00
    other_day: timedelta = timedelta(minutes=60)  # school hours of school days
    other_quiet: timedelta = timedelta(hours=8)
    #: The night's one poll, for every kind, falls in this last stretch before the day
    #: starts: what the night brought is in the morning digest (quiet hours hold news
    #: until 07:00 by default), and Librus is not asked at 01:00 or 04:00 for news
    #: nobody would read before then.
    dawn: timedelta = timedelta(minutes=30)
    #: Per-kind intervals by day for the non-urgent kinds (e.g. announcements less often).
    day_overrides: Mapping[str, timedelta] = field(default_factory=dict)
    #: The same outside school hours (lesson topics and e-excuses once a day on days
    #: off: nothing a teacher adds on a Saturday needs them sooner).
    quiet_overrides: Mapping[str, timedelta] = field(default_factory=dict)
    jitter: float = 0.1
    urgent_kinds: frozenset[str] = K.URGENT_KINDS
    zone: ZoneInfo = WARSAW


class SchoolCalendar:
    """School days as Librus describes them for one account."""

    def __init__(self, reference: Mapping[str, Any] | None) -> None:
        reference = reference or {}
        klass = reference.get("class") or {}
        self.begin = _day(klass.get("begin"))
        self.end = _day(klass.get("end"))
        self.free: list[tuple[date, date]] = []
        for entry in reference.get("free_days") or []:
            start, stop = _day(entry.get("from")), _day(entry.get("to"))
            if start is not None and entry.get("whole_day", True):
                self.free.append((start, stop or start))

    def is_school_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        if self.begin is not None and day < self.begin:
            return False
        if self.end is not None and day > self.end:
            # Last year's dates: the new year's days count once it has begun (its
            # free days are not known until Librus describes the new year).
            return self.outdated(day)
        return not any(start <= day <= stop for start, stop in self.free)

    def outdated(self, day: date) -> bool:
        """Whether the school year described here has ended and another has begun."""
        return self.end is not None and day >= first_school_day(self.end)


def first_school_day(after: date) -> date:
    """The first day of the school year that begins after `after` (the end of the last
    one): 1 September, or the Monday after it when it falls on a Friday, Saturday or
    Sunday (the Polish regulation on the organisation of the school year)."""
    year = after.year if after.month < 9 else after.year + 1
    start = date(year, 9, 1)
    if start.weekday() >= 4:
        start += timedelta(days=7 - start.weekday())
    return start


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class Cadence:
    def __init__(
        self, policy: CadencePolicy | None = None, rng: random.Random | None = None
    ) -> None:
        self.policy = policy or CadencePolicy()
        self.rng = rng or random.Random()

    def interval(self, kind: str, moment: datetime, calendar: SchoolCalendar) -> timedelta:
        """The base interval for `kind` at `moment` (before jitter)."""
        p = self.policy
        local = moment.astimezone(p.zone)
        school = calendar.is_school_day(local.date())
        clock = local.time()
        daytime = p.school_day_start <= clock < p.evening_end
        if kind in p.urgent_kinds:
            if school and p.school_day_start <= clock < p.school_day_end:
                return p.urgent_school
            if school and daytime:
                return p.urgent_evening
            return p.urgent_quiet if daytime else p.urgent_night
        if school and p.school_day_start <= clock < p.school_day_end:
            return p.day_overrides.get(kind, p.other_day)
        return p.quiet_overrides.get(kind, p.other_quiet)

    def draw(self) -> float:
        """One poll's random share, in [0, 1): see `next_due`."""
        return self.rng.random()

    def next_due(
        self, kind: str, now: datetime, calendar: SchoolCalendar, draw: float | None = None
    ) -> datetime:
        """When `kind` should be asked for again, having been asked for at `now`.
        `draw` (from `draw`): the kinds one poll fetched share it, so those with the
        same interval fall due together again and are fetched in one wake-up: a
        separate wake-up costs Librus a `/refreshToken` once the session cookie's ten
        minutes have passed, as they have between polls hours apart."""
        share = self.rng.random() if draw is None else draw
        base = self.interval(kind, now, calendar)
        due = now + base * (1 - self.policy.jitter * share)
        for boundary in self._boundaries(now, due):
            faster = self.interval(kind, boundary, calendar)
            if faster < base:
                # Spread over the faster interval, but never later than planned.
                due = min(due, boundary + faster * share)
                break
        dawn = self._dawn(due, share)
        if dawn is not None and dawn > now:
            due = dawn  # not at night: at the end of it, the other kinds with it
        return due.astimezone(UTC)  # a boundary is local time; the database wants UTC

    def _dawn(self, due: datetime, share: float) -> datetime | None:
        """For a `due` in the night (after the evening, before the day starts), the
        night's dawn poll: in the last `dawn` before the day starts, by `share`, so
        that the kinds of different polls meet in one wake-up (`due_kinds` takes
        those due within a twelfth of the night's hours). None by day."""
        p = self.policy
        local = due.astimezone(p.zone)
        if p.school_day_start <= local.time() < p.evening_end:
            return None
        day = local.date() if local.time() < p.school_day_start else local.date() + timedelta(1)
        morning = datetime.combine(day, p.school_day_start, tzinfo=p.zone)
        return morning - p.dawn * (1 - share)

    def _boundaries(self, start: datetime, stop: datetime) -> list[datetime]:
        """The moments between `start` and `stop` where a period begins."""
        p = self.policy
        local = start.astimezone(p.zone)
        found = []
        for offset in range(0, (stop - start).days + 2):
            day = local.date() + timedelta(days=offset)
            for moment in (p.school_day_start, p.school_day_end, p.evening_end):
                at = datetime.combine(day, moment, tzinfo=p.zone)
                if start < at < stop:
                    found.append(at)
        return sorted(found)

    def due_kinds(
        self,
        next_due: Mapping[str, datetime],
        kinds: list[str],
        now: datetime,
        calendar: SchoolCalendar,
    ) -> list[str]:
        """The kinds to fetch in a poll at `now`: those due, and those due within a
        twelfth of their interval (one wake-up serves both). The window is narrow on
        purpose: each early fetch is a request Librus would not otherwise get, while a
        separate wake-up costs only our own CPU (a quarter cost 15 requests per school
        day and account)."""
        chosen = []
        for kind in kinds:
            due = next_due.get(kind)
            if due is None or due <= now + self.interval(kind, now, calendar) / 12:
                chosen.append(kind)
        return chosen
