"""What the diff finds: plain events, one per change a parent may want to hear about.

An event carries what rendering needs (the item's fields, and the old ones for a
change), so a notification can be written at send time in the chat's language without
asking Librus or the snapshot again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sync import kinds as K
from sync.payloads import PAYLOAD_VERSION, EventPayload


class EventType(StrEnum):
    """What a change is. A `StrEnum`: stored and compared as its plain value, so the
    outbox rows written before it existed read the same."""

    GRADE_NEW = "grade_new"
    GRADE_CHANGED = "grade_changed"
    GRADE_DELETED = "grade_deleted"
    ABSENCE_NEW = "absence_new"
    ABSENCE_CHANGED = "absence_changed"
    ABSENCE_EXCUSED = "absence_excused"
    MESSAGE_NEW = "message_new"
    ANNOUNCEMENT_NEW = "announcement_new"
    HOMEWORK_NEW = "homework_new"
    AGENDA_NEW = "agenda_new"
    AGENDA_MOVED = "agenda_moved"
    TIMETABLE_CHANGE = "timetable_change"
    LUCKY_NUMBER = "lucky_number"
    NOTE_NEW = "note_new"


# The types by their old names (E.GRADE_NEW), by category (the kind of data).
GRADE_NEW = EventType.GRADE_NEW
GRADE_CHANGED = EventType.GRADE_CHANGED
GRADE_DELETED = EventType.GRADE_DELETED
ABSENCE_NEW = EventType.ABSENCE_NEW
ABSENCE_CHANGED = EventType.ABSENCE_CHANGED
ABSENCE_EXCUSED = EventType.ABSENCE_EXCUSED
MESSAGE_NEW = EventType.MESSAGE_NEW
ANNOUNCEMENT_NEW = EventType.ANNOUNCEMENT_NEW
HOMEWORK_NEW = EventType.HOMEWORK_NEW
AGENDA_NEW = EventType.AGENDA_NEW
AGENDA_MOVED = EventType.AGENDA_MOVED
TIMETABLE_CHANGE = EventType.TIMETABLE_CHANGE
LUCKY_NUMBER = EventType.LUCKY_NUMBER
NOTE_NEW = EventType.NOTE_NEW

CATEGORY_OF: dict[EventType, str] = {
    GRADE_NEW: K.GRADES,
    GRADE_CHANGED: K.GRADES,
    GRADE_DELETED: K.GRADES,
    ABSENCE_NEW: K.ATTENDANCE,
    ABSENCE_CHANGED: K.ATTENDANCE,
    ABSENCE_EXCUSED: K.ATTENDANCE,
    MESSAGE_NEW: K.MESSAGES,
    ANNOUNCEMENT_NEW: K.ANNOUNCEMENTS,
    HOMEWORK_NEW: K.HOMEWORK,
    AGENDA_NEW: K.AGENDA,
    AGENDA_MOVED: K.AGENDA,
    TIMETABLE_CHANGE: K.TIMETABLE,
    LUCKY_NUMBER: K.LUCKY_NUMBER,
    NOTE_NEW: K.NOTES,
}
EVENT_TYPES = tuple(CATEGORY_OF)


@dataclass(frozen=True)
class Event:
    type: EventType
    item_id: str
    #: Hash of the item's state the event announces (the old state for a deletion):
    #: a real second edit has another fingerprint, so it is another event.
    fingerprint: str
    #: the kind's item (`sync.payloads`: GradeItem, AbsenceItem, LessonChange, ...)
    data: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] | None = None

    @property
    def category(self) -> str:
        return CATEGORY_OF[self.type]

    def key(self, chat_id: int, account_id: int) -> str:
        """The outbox idempotency key: the same change for the same chat is one row."""
        raw = f"{chat_id}|{account_id}|{self.type}|{self.item_id}|{self.fingerprint}"
        return "ev:" + hashlib.sha256(raw.encode()).hexdigest()

    def payload(self, account_id: int, child_name: str) -> EventPayload:
        return {
            "v": PAYLOAD_VERSION,
            "type": self.type.value,
            "account_id": account_id,
            "child": child_name,
            "item_id": self.item_id,
            "data": self.data,
            "old": self.old,
        }


def content_hash(value: Any) -> str:
    """A stable hash of JSON-like data (key order and float formatting do not matter)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
