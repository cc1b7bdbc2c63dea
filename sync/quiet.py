"""Quiet hours: a chat's nightly window in which notifications wait for the morning.

A window is two local times (start, end) in the chat's time zone and may cross
midnight (21:00-07:00) or not (13:00-15:00). Equal times or None mean no quiet hours.
The end is computed as a local wall-clock time on the right day, so the release moves
with daylight-saving time (07:00 is 07:00 in both March and October).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def parse_hhmm(value: str | None) -> time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def quiet_until(now: datetime, zone: str, start: str | None, end: str | None) -> datetime | None:
    """The end of the quiet window `now` falls in (UTC), or None outside quiet hours."""
    begin, finish = parse_hhmm(start), parse_hhmm(end)
    if begin is None or finish is None or begin == finish:
        return None
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    if begin < finish:  # the same day, e.g. 13:00-15:00
        if begin <= clock < finish:
            return _at(local.date(), finish, tz)
        return None
    if clock >= begin:  # evening part: ends tomorrow
        return _at(local.date() + timedelta(days=1), finish, tz)
    if clock < finish:  # morning part: ends today
        return _at(local.date(), finish, tz)
    return None


def _at(day: date, moment: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock time as UTC (a time inside a DST gap is read with the offset
    before the change, so 02:30 on the spring-forward night becomes 03:30)."""
    return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC)
