"""A calendar feed as iCalendar (RFC 5545) text, in the chat's language.

The body depends only on what it shows: DTSTAMP and LAST-MODIFIED are the time the
event last changed, SEQUENCE counts its changes, and the time zone block covers the
years of the events. An unchanged feed is therefore byte for byte the same, which is
what its ETag (and a calendar's If-None-Match) rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone

from bot.i18n import Translator
from storage.records import EventVersion
from sync.calendar_feed import FeedEntry
from sync.clock import WARSAW

TZID = "Europe/Warsaw"
PRODID = "-//Dzwonek//Kalendarz szkolny//PL"
REFRESH = timedelta(hours=1)  # what the feed asks calendars to poll at
PATH = "/calendar/{name}"  # the listener's route; the token is the whole name


def feed_url(public_url: str, token: str) -> str:
    """The address a calendar subscribes to: nothing in it but the token."""
    return public_url.rstrip("/") + PATH.format(name=f"{token}.ics")


@dataclass(frozen=True)
class ShownEntry:
    entry: FeedEntry
    version: EventVersion
    child: str | None  # the child's name, where the feed shows several children


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary(t: Translator, entry: FeedEntry) -> str:
    subject = entry.subject or ""
    if entry.kind == "agenda":
        category = _capital((entry.category or "").strip())
        if category and subject:
            return t("cal-agenda", category=category, subject=subject)
        if category or subject:
            return category or subject
        first_line = (entry.text or "").strip().splitlines()
        return first_line[0][:80] if first_line else t("cal-agenda-plain")
    if entry.kind == "homework":
        return t("cal-homework", subject=subject) if subject else t("cal-homework-plain")
    if entry.kind == "free_day":
        key = "cal-free-lessons" if entry.partial else "cal-free-day"
        return t(key, name=entry.text) if entry.text else t(f"{key}-plain")
    key = {"canceled": "cal-canceled", "substitution": "cal-substitution"}.get(
        entry.detail or "", "cal-room"
    )
    return t(key, subject=subject) if subject else t(f"{key}-plain")


def description(t: Translator, entry: FeedEntry) -> str | None:
    lines: list[str] = []
    if entry.kind == "homework" and entry.detail:
        lines.append(t("cal-topic", topic=entry.detail))
    if entry.text and entry.kind != "free_day":
        lines.append(entry.text.strip())
    if entry.teacher:
        lines.append(t("cal-teacher", teacher=entry.teacher))
    return "\n".join(lines) or None


def _event(t: Translator, shown: ShownEntry) -> Event:
    entry, version = shown.entry, shown.version
    title = summary(t, entry)
    if shown.child:
        title = t("cal-child", child=shown.child, summary=title)
    stamp = version.modified_at.astimezone(UTC).replace(microsecond=0)
    start: date | datetime
    end: date | datetime
    if entry.start is not None and entry.end is not None:
        start = datetime.combine(entry.day, entry.start, tzinfo=WARSAW)
        end = datetime.combine(entry.day, entry.end, tzinfo=WARSAW)
    else:
        start, end = entry.day, entry.last_day + timedelta(days=1)  # DTEND is exclusive
    event = Event.new(
        uid=entry.uid,
        summary=title,
        description=description(t, entry),
        start=start,
        end=end,
        stamp=stamp,
        last_modified=stamp,
        sequence=version.sequence,
        location=t("cal-room-line", room=entry.room) if entry.room else None,
    )
    if entry.category:
        event.add("categories", [_capital(entry.category)])
    if entry.kind in ("free_day", "homework") or entry.detail == "canceled":
        event.add("transp", "TRANSPARENT")  # nothing to attend: not busy time
    return event


def ics(t: Translator, uid: str, name: str, entries: Sequence[ShownEntry]) -> bytes:
    calendar = Calendar.new(
        prodid=PRODID, uid=uid, name=name, refresh_interval=REFRESH, method="PUBLISH"
    )
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", TZID)
    calendar.add("x-published-ttl", "PT1H")  # the older clients' REFRESH-INTERVAL
    years = [e.entry.day.year for e in entries] or [2026]
    calendar.add_component(
        Timezone.from_tzid(
            TZID, first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31)
        )
    )
    for shown in entries:
        calendar.add_component(_event(t, shown))
    body: bytes = calendar.to_ical()
    return body
