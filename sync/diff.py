"""Snapshot → events, per kind. Pure functions: no I/O, no clock, no database.

`diff_kind` compares one complete fetch of a kind with what was seen before (item id →
content hash and the fields rendering needs) and says which events to announce and
how the seen-state changes. The rules that keep parents from being flooded or misled:

* a baseline (the first complete fetch, or one after a long pause) announces nothing;
* a change announces only what matters for its kind (a grade's value, an absence being
  excused, a test moved to another day) and silently records the rest;
* an item is deleted only after two trustworthy fetches in a row without it, and only
  grades announce a deletion; an item that comes back is not news;
* a fetch that comes back empty where there were items, or lost more than half of at
  least three (judged per Librus answer when a kind is made of several, as grades
  are), is suspicious: it may add and change, but its absences do not count as
  trustworthy; only `SUSPECT_CONFIRMATIONS` absences in a row delete then;
* the inbox is read one page deep: a message that leaves the page stays remembered,
  so it is not announced again when it comes back;
* a grade from before the school year's start leaving (the September rollover) goes
  silently, so a new school year is not a flood;
* a part not asked for this time (descriptive grades between their hourly checks) is
  neither present nor missing: its items, carried over for the snapshot, are left out
  of the diff and what was seen of it stays as it was.

The caller decides which fetches are complete: a failed fetch of a kind is never
diffed, so it cannot delete anything, and the other kinds go on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sync import events as E
from sync import kinds as K
from sync import payloads as P
from sync.events import Event, EventType, content_hash

DELETE_AFTER = 2  # complete fetches in a row without the item
SUSPECT_CONFIRMATIONS = 4  # ... when each of those fetches was suspicious
TIMETABLE_DAYS = 7  # timetable changes are announced for today and the next 7 days
MAX_TEXT = 1000  # characters of one text field kept for rendering

Item = dict[str, Any]


@dataclass(frozen=True)
class Seen:
    """What was last seen of an item."""

    content_hash: str
    data: Item
    missing: int = 0  # fetches in a row without it
    trusted_missing: int = 0  # ... of which were not suspicious
    #: Announced changes so far: part of each change's key, so a grade corrected
    #: 3 -> 4 -> 3 -> 4 is four pieces of news, not two.
    version: int = 0


@dataclass(frozen=True)
class DiffContext:
    today: date
    baseline: bool = False
    register_number: int | None = None  # the child's number, for the lucky number
    year_start: date | None = None  # the school year's first day
    #: Parts of the kind not asked for this time: their answer is no evidence.
    unfetched: frozenset[str] = frozenset()


@dataclass
class KindDiff:
    events: list[Event] = field(default_factory=list)
    upsert: dict[str, Seen] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    suspicious: bool = False


def diff_kind(
    kind: str, seen: Mapping[str, Seen], data: Mapping[str, Any], ctx: DiffContext
) -> KindDiff:
    rules = RULES[kind]
    items = rules.extract(data, ctx)
    if ctx.unfetched:
        items = {i: item for i, item in items.items() if rules.part(item) not in ctx.unfetched}
        seen = {i: s for i, s in seen.items() if rules.part(s.data) not in ctx.unfetched}
    result = KindDiff()
    doubtful = (
        set()
        if rules.windowed or rules.remembers_vanished
        else _suspicious_parts(rules, seen, items)
    )
    result.suspicious = bool(doubtful)
    for item_id, item in items.items():
        digest = content_hash(item)
        before = seen.get(item_id)
        if before is None:
            result.upsert[item_id] = Seen(digest, item)
            if not ctx.baseline and rules.new_event is not None:
                result.events.append(Event(rules.new_event, item_id, digest, item))
            continue
        if before.content_hash == digest and before.missing == 0:
            continue
        version = before.version
        if before.content_hash != digest and not ctx.baseline:
            change = rules.change_event(before.data, item)
            if change is not None:
                version += 1
                stamp = f"{digest}.{version}"
                result.events.append(Event(change, item_id, stamp, item, before.data))
        result.upsert[item_id] = Seen(digest, item, version=version)
    for item_id, before in seen.items():
        if item_id in items or (rules.remembers_vanished and not ctx.baseline):
            continue
        if ctx.baseline or not rules.in_window(before.data, ctx):
            result.remove.append(item_id)  # the truth now, or out of view: no news either way
            continue
        missing = before.missing + 1
        trusted = before.trusted_missing + (0 if rules.part(before.data) in doubtful else 1)
        if trusted < DELETE_AFTER and missing < SUSPECT_CONFIRMATIONS:
            result.upsert[item_id] = replace(before, missing=missing, trusted_missing=trusted)
            continue
        result.remove.append(item_id)
        if rules.delete_event is not None and rules.deletion_is_news(before.data, ctx):
            stamp = f"{before.content_hash}.{before.version}"
            result.events.append(Event(rules.delete_event, item_id, stamp, {}, before.data))
    return result


def _suspicious_parts(
    rules: Rules, seen: Mapping[str, Seen], items: Mapping[str, Item]
) -> set[str]:
    """Parts of a kind whose answer looks cut short: empty where there were items, or
    less than half of three or more. Compared with every item still believed to exist
    (missing once is not gone), per part, because one kind may be several answers
    (standard, point and descriptive grades): one of them coming back empty is
    suspicious even when the others make the whole look complete."""
    believed = Counter(rules.part(s.data) for s in seen.values())
    fetched = Counter(rules.part(item) for item in items.values())
    return {
        part
        for part, count in believed.items()
        if (count > 0 and fetched[part] == 0) or (count >= 3 and fetched[part] * 2 < count)
    }


# ---------------------------------------------------------------------- per kind


@dataclass(frozen=True)
class Rules:
    extract: Callable[[Mapping[str, Any], DiffContext], dict[str, Item]]
    new_event: EventType | None
    change_event: Callable[[Item, Item], EventType | None] = lambda _old, _new: None
    delete_event: EventType | None = None
    deletion_is_news: Callable[[Item, DiffContext], bool] = lambda _item, _ctx: True
    #: Items outside a moving window (timetable days, the lucky number's day) leave
    #: silently and do not count towards suspicion.
    windowed: bool = False
    in_window: Callable[[Item, DiffContext], bool] = lambda _item, _ctx: True
    #: Which Librus answer an item came from, when a kind is several of them.
    part: Callable[[Item], str] = lambda _item: ""
    #: The fetch is only the newest few (the inbox's first page): an item that leaves
    #: it is remembered as it was, so that it is not news again when a newer one is
    #: deleted and it moves back onto the page.
    remembers_vanished: bool = False


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[: MAX_TEXT - 1] + "…"
    if isinstance(value, list):
        return [_short(v) for v in value]
    return value


def _trim(item: Item) -> Item:
    """The item as kept for rendering: long texts (comments, message previews) cut."""
    return {key: _short(value) for key, value in item.items()}


def _listed(data: Mapping[str, Any], _: DiffContext) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for raw in data.get("items") or []:
        if isinstance(raw, dict) and raw.get("id") not in (None, ""):
            items[str(raw["id"])] = _trim(raw)
    return items


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# Grades -------------------------------------------------------------------------

# What makes a grade's change news. Comments are not among them: they come from a
# separate Librus endpoint, and an answer that lost them for one poll would read as
# "the comment was removed", then "added" again. A changed comment is kept silently.
GRADE_FIELDS = ("value", "category", "weight", "counts", "type", "percent")


def _grade_change(old: Item, new: Item) -> EventType | None:
    if any(old.get(f) != new.get(f) for f in GRADE_FIELDS):
        return E.GRADE_CHANGED
    return None


def _grade_deletion_is_news(item: Item, ctx: DiffContext) -> bool:
    day = _day(item.get("date"))
    return ctx.year_start is None or day is None or day >= ctx.year_start


# Attendance ---------------------------------------------------------------------


def _attendance_change(old: Item, new: Item) -> EventType | None:
    before, now = P.absence(old), P.absence(new)
    excused = P.AttendanceStatus.EXCUSED
    if now["status"] == excused and before["status"] != excused:
        return E.ABSENCE_EXCUSED
    if (before["type_id"], before["status"]) != (now["type_id"], now["status"]):
        return E.ABSENCE_CHANGED
    return None


# Agenda -------------------------------------------------------------------------


def _agenda_change(old: Item, new: Item) -> EventType | None:
    return E.AGENDA_MOVED if P.agenda(old)["date"] != P.agenda(new)["date"] else None


# Timetable ----------------------------------------------------------------------

TIMETABLE_FIELDS = (
    "canceled",
    "substitution",
    "room_changed",
    "subject",
    "teacher",
    "room",
    "moved_to",
)


def _timetable(data: Mapping[str, Any], ctx: DiffContext) -> dict[str, Item]:
    """The changed lessons of today and the next days, one item per lesson.

    A lesson is keyed by its day, number and (original) subject; a kindergarten's
    block, which has no number, by its day, start and activity. Two lessons can share
    all three (a class split into groups): then each is told apart by its time and
    teacher too, so neither change is lost.
    Only colliding lessons get the longer key, so the keys of everything already seen
    stay what they were. A lesson moved from another day is linked both ways: the
    cancelled one there says where it went."""
    found: dict[str, list[Item]] = {}
    last = ctx.today + timedelta(days=TIMETABLE_DAYS)
    for day_text, lessons in sorted((data.get("days") or {}).items()):
        day = _day(day_text)
        if day is None or not ctx.today <= day <= last:
            continue
        for lesson in lessons or []:
            if not (
                lesson.get("canceled") or lesson.get("substitution") or lesson.get("room_changed")
            ):
                continue
            original = lesson.get("original") or {}
            slot = original.get("subject") or lesson.get("subject") or "?"
            # A kindergarten's blocks have no number: their start tells them apart
            # (the parts of a split block each start at their own hour).
            no = lesson.get("no")
            place = no if no is not None else lesson.get("from") or "?"
            base = f"{day.isoformat()}#{place}#{slot}"
            found.setdefault(base, []).append(_trim({"date": day.isoformat(), **lesson}))
    items: dict[str, Item] = {}
    for base, lessons in found.items():
        if len(lessons) == 1:
            items[base] = lessons[0]
            continue
        for lesson in lessons:
            original = lesson.get("original") or {}
            teacher = original.get("teacher") or lesson.get("teacher") or ""
            items[f"{base}#{lesson.get('from') or ''}#{teacher}"] = lesson
    _link_moves(items)
    return items


def _link_moves(items: dict[str, Item]) -> None:
    """A lesson whose original date is another day was moved here; the cancelled
    lesson of that day and number is where it came from."""
    cancelled = {
        (item.get("date"), item.get("no")): item for item in items.values() if item.get("canceled")
    }
    for item in items.values():
        original = item.get("original") or {}
        came_from = str(original.get("date") or "")[:10]
        if not came_from or came_from == item.get("date"):
            continue
        item["moved_from"] = {"date": came_from, "no": original.get("no")}
        there = cancelled.get((came_from, original.get("no")))
        if there is not None:
            there["moved_to"] = {"date": item.get("date"), "no": item.get("no")}


def _timetable_in_window(item: Item, ctx: DiffContext) -> bool:
    day = _day(item.get("date"))
    return day is not None and ctx.today <= day <= ctx.today + timedelta(days=TIMETABLE_DAYS)


def _timetable_change(old: Item, new: Item) -> EventType | None:
    if any(old.get(f) != new.get(f) for f in TIMETABLE_FIELDS):
        return E.TIMETABLE_CHANGE
    return None


# Lucky number -------------------------------------------------------------------


def _lucky(data: Mapping[str, Any], ctx: DiffContext) -> dict[str, Item]:
    """An item only on a day the drawn number is the child's own."""
    number, day = data.get("number"), _day(data.get("day"))
    if ctx.register_number is None or number is None or day is None or day < ctx.today:
        return {}
    if int(number) != int(ctx.register_number):
        return {}
    return {day.isoformat(): {"number": int(number), "day": day.isoformat()}}


def _lucky_in_window(item: Item, ctx: DiffContext) -> bool:
    day = _day(item.get("day"))
    return day is not None and day >= ctx.today


RULES: dict[str, Rules] = {
    K.GRADES: Rules(
        _listed,
        E.GRADE_NEW,
        _grade_change,
        delete_event=E.GRADE_DELETED,
        deletion_is_news=_grade_deletion_is_news,
        part=lambda item: str(item.get("scale") or "standard"),
    ),
    K.ATTENDANCE: Rules(_listed, E.ABSENCE_NEW, _attendance_change),
    # A message being read is not news; the inbox is fetched one page deep.
    K.MESSAGES: Rules(_listed, E.MESSAGE_NEW, remembers_vanished=True),
    K.ANNOUNCEMENTS: Rules(_listed, E.ANNOUNCEMENT_NEW),
    K.HOMEWORK: Rules(_listed, E.HOMEWORK_NEW),
    K.AGENDA: Rules(_listed, E.AGENDA_NEW, _agenda_change),
    K.NOTES: Rules(_listed, E.NOTE_NEW),
    K.TIMETABLE: Rules(
        _timetable,
        E.TIMETABLE_CHANGE,
        _timetable_change,
        windowed=True,
        in_window=_timetable_in_window,
    ),
    K.LUCKY_NUMBER: Rules(_lucky, E.LUCKY_NUMBER, windowed=True, in_window=_lucky_in_window),
}
DIFFED_KINDS = tuple(RULES)
