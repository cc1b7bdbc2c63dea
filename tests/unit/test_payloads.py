"""The pipeline's declared shapes: what the current code writes, and rows older code wrote."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.i18n import translator
from bot.render.events import event_text
from storage.records import AudienceRecord
from sync import diff
from sync import events as E
from sync import payloads as P
from sync.fanout import summary_rows
from sync.notices import notice_row

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

# Rows as the code before payload versions stored them (JSON text from the outbox):
# no "v", and items without the fields added since (scale, improves, moved_from).
OLD_ROWS = {
    E.GRADE_NEW: '{"type": "grade_new", "account_id": 3, "child": "Leon", "item_id": "9", '
    '"data": {"id": "9", "value": "5", "subject": "Fizyka", "category": "Kartkówka", '
    '"weight": 2, "counts": true, "teacher": "Jan Nowak", "date": "2026-11-24", '
    '"type": "normal", "comments": []}, "old": null}',
    E.TIMETABLE_CHANGE: '{"type": "timetable_change", "account_id": 3, "child": "Leon", '
    '"item_id": "2026-11-26#3#WF", "data": {"date": "2026-11-26", "no": 3, "subject": "WF", '
    '"teacher": "Ewa Lis", "substitution": true, "canceled": false}, "old": null}',
    E.ABSENCE_EXCUSED: '{"type": "absence_excused", "account_id": 3, "child": "Leon", '
    '"item_id": "5", "data": {"id": "5", "date": "2026-11-23", "lesson_no": 1, '
    '"status": "excused"}, "old": {"id": "5", "date": "2026-11-23", "lesson_no": 1, '
    '"status": "absent"}}',
}


def _complete_grade() -> P.GradeItem:
    return {
        **P.GRADE,
        "id": "9",
        "value": "5",
        "subject": "Fizyka",
        "category": "Kartkówka",
        "weight": 2,
        "teacher": "Jan Nowak",
        "date": "2026-11-24",
        "improves": None,
        "scale": "standard",
    }


def test_a_version_0_grade_renders_as_the_current_code_writes_it() -> None:
    t = translator("pl")
    old = json.loads(OLD_ROWS[E.GRADE_NEW])
    current = E.Event(E.GRADE_NEW, "9", "f", dict(_complete_grade())).payload(3, "Leon")
    assert "v" not in old and current["v"] == P.PAYLOAD_VERSION
    assert event_text(t, old) == event_text(t, current)
    assert "5" in event_text(t, old) and "waga 2" in event_text(t, old)


@pytest.mark.parametrize("event_type", list(OLD_ROWS))
def test_version_0_rows_render_in_every_language(event_type: E.EventType) -> None:
    for language in ("pl", "en", "uk"):
        text = event_text(translator(language), json.loads(OLD_ROWS[event_type]))
        assert text and "None" not in text and "?" not in text


def test_reading_a_row_upgrades_a_copy_and_leaves_newer_versions_alone() -> None:
    stored = json.loads(OLD_ROWS[E.GRADE_NEW])
    read = P.read_outbox(stored)
    assert read["v"] == P.PAYLOAD_VERSION and "v" not in stored
    assert P.read_outbox({**stored, "v": P.PAYLOAD_VERSION + 1})["v"] == P.PAYLOAD_VERSION + 1


def test_a_stored_none_stays_none_only_missing_fields_are_filled() -> None:
    """A grade stored without a weight shows none, as before the defaults existed."""
    t = translator("pl")
    grade = {**_complete_grade(), "weight": None}
    text = event_text(t, E.Event(E.GRADE_NEW, "9", "f", dict(grade)).payload(3, "Leon"))
    assert "waga" not in text
    assert P.grade({"weight": None})["weight"] is None
    assert P.grade({})["counts"] is True and P.grade({})["scale"] == "standard"


VIEWS: list[tuple[Callable[[Mapping[str, Any] | None], Mapping[str, Any]], Any]] = [
    (P.grade, P.GradeItem),
    (P.absence, P.AbsenceItem),
    (P.lesson, P.LessonChange),
    (P.agenda, P.AgendaItem),
    (P.homework, P.HomeworkItem),
    (P.announcement, P.AnnouncementItem),
    (P.note, P.NoteItem),
    (P.message, P.MessageItem),
    (P.original, P.OriginalLesson),
    (P.place, P.LessonPlace),
]


@pytest.mark.parametrize(("view", "shape"), VIEWS)
def test_every_view_gives_every_required_field_even_of_garbage(view: Any, shape: Any) -> None:
    for stored in (None, {}, {"unexpected": 1}, "not a mapping"):
        assert set(view(stored)) >= shape.__required_keys__


def test_notices_and_summaries_record_the_version() -> None:
    notice = notice_row(1, "notice-outage-over", {"name": "Leon"}, once_key="x", now=NOW)
    assert notice.payload["v"] == P.PAYLOAD_VERSION and notice.payload["type"] == "notice"
    chat = AudienceRecord(
        chat_id=1,
        kind="private",
        language="pl",
        timezone="Europe/Warsaw",
        quiet_start=None,
        quiet_end=None,
        batch=False,
        muted=(),
        child_name="Leon",
    )
    events = [E.Event(E.GRADE_NEW, str(n), "f", dict(_complete_grade())) for n in range(3)]
    (summary,) = summary_rows(events, 3, [chat], NOW, since=None)
    assert summary.payload["v"] == P.PAYLOAD_VERSION and summary.payload["counts"] == {"grades": 3}


@pytest.mark.parametrize(
    ("fields", "shape"),
    [(diff.GRADE_FIELDS, P.GradeItem), (diff.TIMETABLE_FIELDS, P.LessonChange)],
)
def test_the_fields_the_diff_compares_are_fields_of_the_item(fields: Any, shape: Any) -> None:
    """A field renamed in the item must not leave the diff comparing nothing."""
    assert set(fields) <= shape.__required_keys__ | shape.__optional_keys__
