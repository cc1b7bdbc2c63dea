"""What a child's calendar feed holds, built from the stored snapshots (never from a
live Librus request): agenda entries (tests, quizzes, trips, parent meetings: Librus
files all of them in `HomeWorks`), free days, homework due dates, and the next week's
timetable changes.

Every entry's UID carries Librus's own id and the child's account, never a position
in a list, so a moved test keeps its UID with a new date and a deleted one simply
stops being served. Two kinds have no Librus id of their own in what we read:
a timetable change is named by its day and lesson number (the slot itself, which a
change cannot move), and a free day from an older snapshot without an id by its first
day and a hash of its name.

Times are Warsaw wall-clock times. Librus gives an agenda entry its start only
(`TimeFrom`; the library does not read `TimeTo`), so a timed entry lasts one lesson,
45 minutes: an assumption, said in docs/librus.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sync import payloads as P
from sync.payloads import AgendaItem, HomeworkItem, LessonItem

LESSON = timedelta(minutes=45)
CHANGES_AHEAD = 7  # days of timetable changes shown
KEPT_BEHIND = timedelta(days=120)  # older entries leave the feed


@dataclass(frozen=True)
class FeedEntry:
    """One event of a feed, in words still to be translated (see bot/render/calendar)."""

    uid: str
    kind: str  # agenda | homework | free_day | change
    day: date
    start: time | None  # None: an all-day entry
    end: time | None
    last_day: date  # the last day of an all-day entry (the same day for one day)
    category: str | None = None  # Librus's own name of the agenda category
    subject: str | None = None
    text: str | None = None
    detail: str | None = None  # homework: its topic; a change: what changed
    teacher: str | None = None
    room: str | None = None
    partial: bool = False  # a free day that frees only some lessons

    def fingerprint(self) -> str:
        """What a calendar client would see change (the child's name is not part of it:
        the family's feed and the child's own agree)."""
        raw = json.dumps(asdict(self), default=str, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeedOptions:
    homework: bool = False
    changes: bool = True


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _time(value: Any) -> time | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        parsed = time.fromisoformat(text[:8])
    except ValueError:
        return None
    return parsed.replace(second=0, microsecond=0)


def _plus(start: time, span: timedelta) -> time:
    end = datetime.combine(date(2000, 1, 1), start) + span
    return time(23, 59) if end.day != 1 else end.time()


def _uid(kind: str, item_id: str, account_id: int) -> str:
    return f"{kind}-{item_id}-{account_id}@dzwonek"


def agenda_entries(items: Iterable[AgendaItem], account_id: int) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    for item in items:
        day = _day(item["date"])
        if day is None or not item["id"]:
            continue
        start = _time(item["time_from"])
        entries.append(
            FeedEntry(
                uid=_uid("agenda", item["id"], account_id),
                kind="agenda",
                day=day,
                start=start,
                end=_plus(start, LESSON) if start else None,
                last_day=day,
                category=item["category"],
                subject=item["subject"],
                text=item["content"],
            )
        )
    return entries


def homework_entries(items: Iterable[HomeworkItem], account_id: int) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    for item in items:
        due = _day(item["due"])
        if due is None or not item["id"]:
            continue
        entries.append(
            FeedEntry(
                uid=_uid("homework", item["id"], account_id),
                kind="homework",
                day=due,
                start=None,
                end=None,
                last_day=due,
                subject=item["subject"],
                text=item["text"],
                detail=item["topic"],
                teacher=item["teacher"],
            )
        )
    return entries


def free_day_entries(reference: Mapping[str, Any], account_id: int) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    for raw in reference.get("free_days") or []:
        if not isinstance(raw, Mapping):
            continue
        first, last = _day(raw.get("from")), _day(raw.get("to"))
        if first is None:
            continue
        name = str(raw.get("name") or "")
        ident = raw.get("id")
        key = (
            f"{ident}-{first:%Y%m%d}"
            if ident is not None
            else f"{first:%Y%m%d}-{hashlib.sha256(name.encode()).hexdigest()[:12]}"
        )
        entries.append(
            FeedEntry(
                uid=_uid("freeday", key, account_id),
                kind="free_day",
                day=first,
                start=None,
                end=None,
                last_day=max(last or first, first),
                text=name or None,
                partial=raw.get("whole_day") is False,
            )
        )
    return entries


def _what_changed(lesson: LessonItem) -> str | None:
    if lesson["canceled"]:
        return "canceled"
    if lesson["substitution"]:
        return "substitution"
    if lesson["room_changed"]:
        return "room"
    return None


def change_entries(
    timetable: Mapping[str, Any] | None, today: date, account_id: int
) -> list[FeedEntry]:
    """Cancelled, substituted and moved-room lessons of the next `CHANGES_AHEAD` days."""
    days: Mapping[str, Any] = (timetable or {}).get("days") or {}
    last = today + timedelta(days=CHANGES_AHEAD - 1)
    entries: list[FeedEntry] = []
    for iso, lessons in sorted(days.items()):
        day = _day(iso)
        if day is None or not today <= day <= last or not isinstance(lessons, list):
            continue
        for raw in lessons:
            lesson = P.lesson(raw)
            what = _what_changed(lesson)
            start = _time(lesson["from"])
            if what is None or lesson["no"] is None or start is None:
                continue
            end = _time(lesson["to"]) or _plus(start, LESSON)
            entries.append(
                FeedEntry(
                    uid=_uid("change", f"{day:%Y%m%d}-{lesson['no']}", account_id),
                    kind="change",
                    day=day,
                    start=start,
                    end=end if end > start else _plus(start, LESSON),
                    last_day=day,
                    subject=lesson["subject"],
                    detail=what,
                    teacher=lesson["teacher"],
                    room=lesson["room"],
                    text=lesson["note"],
                )
            )
    return entries


def child_entries(
    account_id: int,
    snapshots: Mapping[str, Mapping[str, Any] | None],
    reference: Mapping[str, Any],
    today: date,
) -> list[FeedEntry]:
    """Every entry a feed of this child may show, whatever its options: versions are
    kept for all, so a feed with homework and one without agree on the rest."""
    since = today - KEPT_BEHIND
    entries = [
        *agenda_entries(P.agenda_in(snapshots.get("agenda")), account_id),
        *homework_entries(P.homework_in(snapshots.get("homework")), account_id),
        *free_day_entries(reference, account_id),
        *change_entries(snapshots.get("timetable"), today, account_id),
    ]
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry.last_day >= since:
            unique.setdefault(entry.uid, entry)
    return sorted(unique.values(), key=lambda e: (e.day, e.start or time(0), e.uid))


def shown(entries: Iterable[FeedEntry], options: FeedOptions) -> list[FeedEntry]:
    return [
        e
        for e in entries
        if (e.kind != "homework" or options.homework) and (e.kind != "change" or options.changes)
    ]
