"""Notification texts: every event type, every language, valid HTML, escaped values."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.i18n import LANGUAGES, translator
from bot.render.events import event_text, notification
from bot.render.text import split_message
from simulator.telegram.html import parse_html
from storage.records import OutboxRecord
from sync import events as E

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
NASTY = 'Brak <zeszytu> & "pracy" 😀'

GRADE = {
    "id": "1",
    "value": "4+",
    "subject": "Matematyka",
    "category": "Sprawdzian",
    "weight": 3,
    "counts": True,
    "type": "normal",
    "scale": "standard",
    "comments": [NASTY],
    "date": "2026-11-24",
}
SAMPLES: dict[str, dict[str, Any]] = {
    E.GRADE_NEW: {"data": GRADE},
    E.GRADE_CHANGED: {"data": {**GRADE, "value": "5"}, "old": GRADE},
    E.GRADE_DELETED: {"data": {}, "old": GRADE},
    E.ABSENCE_NEW: {
        "data": {"date": "2026-11-24", "lesson_no": 3, "subject": "Fizyka", "status": "absent"}
    },
    E.ABSENCE_CHANGED: {
        "data": {"date": "2026-11-24", "lesson_no": 3, "status": "late", "type": "sp"}
    },
    E.ABSENCE_EXCUSED: {
        "data": {"date": "2026-11-24", "lesson_no": 3, "subject": "Fizyka", "status": "excused"}
    },
    E.MESSAGE_NEW: {
        "data": {"id": "77", "sender": "Anna <Nowak>", "topic": NASTY, "preview": "x " * 400}
    },
    E.ANNOUNCEMENT_NEW: {"data": {"subject": "Zebranie", "content": NASTY}},
    E.HOMEWORK_NEW: {"data": {"subject": "Polski", "topic": NASTY, "due": "2026-11-27"}},
    E.AGENDA_NEW: {
        "data": {
            "date": "2026-11-27",
            "category": "Sprawdzian",
            "subject": "Chemia",
            "content": NASTY,
        }
    },
    E.AGENDA_MOVED: {
        "data": {"date": "2026-12-01", "category": "Kartkówka"},
        "old": {"date": "2026-11-27"},
    },
    E.TIMETABLE_CHANGE: {
        "data": {"date": "2026-11-26", "no": 2, "subject": "WF", "canceled": True}
    },
    E.LUCKY_NUMBER: {"data": {"number": 7, "day": "2026-11-27"}},
    E.NOTE_NEW: {"data": {"text": NASTY, "sentiment": "negative", "teacher": "Jan Kowalski"}},
}


def row(
    event_type: E.EventType, account: int = 1, *, held: bool = False, n: int = 1
) -> OutboxRecord:
    payload = {"type": event_type, "account_id": account, "child": "Ania", **SAMPLES[event_type]}
    return OutboxRecord(
        id=n,
        chat_id=5,
        account_id=account,
        category=E.CATEGORY_OF[event_type],
        payload=payload,
        idempotency_key=f"k{n}",
        created_at=NOW,
        not_before=NOW,
        held_for_quiet_hours=held,
        attempts=0,
        last_error=None,
        sent_at=None,
        dropped_at=None,
    )


def test_every_event_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(E.EVENT_TYPES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("event_type", E.EVENT_TYPES)
def test_each_event_renders_as_valid_html(language: str, event_type: E.EventType) -> None:
    t = translator(language)
    text = event_text(t, row(event_type).payload)
    shown = parse_html(text)  # raises like Telegram would on broken HTML
    assert shown.strip() and "{" not in shown and "None" not in shown
    if event_type in (E.GRADE_NEW, E.NOTE_NEW, E.ANNOUNCEMENT_NEW, E.HOMEWORK_NEW):
        assert NASTY.replace('"', '"') in shown  # shown exactly as the teacher wrote it


def test_polish_texts_have_no_english_leftovers() -> None:
    t = translator("pl")
    for event_type in E.EVENT_TYPES:
        shown = parse_html(event_text(t, row(event_type).payload)).lower()
        for word in (" grade", "lesson ", "absence", "message from", "homework", " due"):
            assert word not in shown, (event_type, word)


def test_rows_due_together_become_one_message_grouped_by_child() -> None:
    t = translator("pl")
    rows = [row(E.GRADE_NEW, 1, n=1), row(E.MESSAGE_NEW, 2, n=2), row(E.ABSENCE_NEW, 1, n=3)]
    text, markup = notification(t, rows, names={1: "Ania", 2: "Staś"}, many_children=True)
    shown = parse_html(text)
    assert shown.index("Ania") < shown.index("Nowa ocena") < shown.index("Nieobecność")
    assert shown.index("Staś") < shown.index("Nowa wiadomość")
    assert markup is not None
    buttons = [b.text for line in markup.inline_keyboard for b in line]
    assert buttons[0].startswith("📖 Pokaż treść")
    assert "🔕 Wycisz: oceny (Ania)" in buttons and "🔕 Wycisz: wiadomości (Staś)" in buttons
    for line in markup.inline_keyboard:
        for button in line:
            assert button.callback_data and len(button.callback_data.encode()) <= 64


def test_one_child_gets_no_name_header_and_the_digest_has_a_greeting() -> None:
    t = translator("pl")
    text, _ = notification(t, [row(E.GRADE_NEW, held=True)], names={1: "Ania"}, many_children=False)
    shown = parse_html(text)
    assert shown.startswith("🌅 Dzień dobry!") and "🎒" not in shown


def test_a_long_digest_splits_into_valid_parts() -> None:
    t = translator("uk")
    rows = [row(E.MESSAGE_NEW, n=n) for n in range(40)]
    text, _ = notification(t, rows, names={1: "Ania"}, many_children=False)
    parts = split_message(text)
    assert len(parts) > 1
    for part in parts:
        assert 0 < len(parse_html(part).encode("utf-16-le")) // 2 <= 4096


def test_a_moved_lesson_is_told_as_moved_both_ways() -> None:
    t = translator("pl")
    went = {
        "type": E.TIMETABLE_CHANGE,
        "data": {
            "date": "2026-11-26",
            "no": 2,
            "subject": "Fizyka",
            "canceled": True,
            "moved_to": {"date": "2026-11-27", "no": 5},
        },
    }
    came = {
        "type": E.TIMETABLE_CHANGE,
        "data": {
            "date": "2026-11-27",
            "no": 5,
            "subject": "Fizyka",
            "substitution": True,
            "moved_from": {"date": "2026-11-26", "no": 2},
        },
    }
    went_text, came_text = (parse_html(event_text(t, p)) for p in (went, came))
    assert "Lekcja przeniesiona" in went_text and "Nowy termin" in went_text
    assert "lekcja 5" in went_text and "Odwołana" not in went_text
    assert "Lekcja przeniesiona na" in came_text and "lekcja 2)" in came_text
    assert "Zastępstwo" not in came_text


def test_held_news_sent_in_the_evening_has_no_morning_greeting() -> None:
    t = translator("pl")
    held = [row(E.GRADE_NEW, held=True)]
    late, _ = notification(t, held, names={1: "Ania"}, many_children=False, local_hour=22)
    assert "Dzień dobry" not in late and "ciszy nocnej" in parse_html(late)


def test_an_agenda_entry_named_like_its_category_says_it_once() -> None:
    t = translator("pl")
    entry = {
        "type": E.AGENDA_NEW,
        "data": {
            "date": "2026-11-27",
            "category": "zebranie z rodzicami",
            "content": "Zebranie z rodzicami",
        },
    }
    text = parse_html(event_text(t, entry))
    assert text.startswith("📅 Nowy wpis – zebranie z rodzicami")
    assert text.lower().count("zebranie z rodzicami") == 1


@pytest.mark.parametrize("event_type", E.EVENT_TYPES)
def test_a_row_written_before_the_types_were_an_enum_renders_the_same(
    event_type: E.EventType,
) -> None:
    """Outbox rows hold the type as its plain string (json of the payload): a row
    stored by the code before `EventType` reads exactly as a new one."""
    t = translator("pl")
    new = row(event_type).payload
    stored = json.loads(json.dumps({**new, "type": str(event_type.value)}))
    assert isinstance(stored["type"], str) and not isinstance(stored["type"], E.EventType)
    assert event_text(t, stored) == event_text(t, new)
    assert json.loads(json.dumps(E.Event(event_type, "1", "f").payload(1, "Ania")))["type"] == (
        event_type.value
    )


def test_news_of_homework_with_files_carries_a_button_per_file() -> None:
    t = translator("pl")
    homework = row(E.HOMEWORK_NEW, 1, n=1)
    files = [{"id": "6519794", "name": "karta_pracy.pdf"}, {"id": "6519795", "name": None}]
    homework.payload["data"] = {**homework.payload["data"], "id": "88", "files": files}
    _, markup = notification(t, [homework], names={1: "Ania"}, many_children=False)
    assert markup is not None
    (first,), (second,), *_ = markup.inline_keyboard
    assert (first.text, second.text) == ("📎 karta_pracy.pdf", "📎 plik")
    assert first.callback_data == "f1:h:1:88:6519794"
    # news from before files were kept (no "files" in the payload) gets no file button
    _, old = notification(t, [row(E.HOMEWORK_NEW, 1, n=2)], names={1: "Ania"}, many_children=False)
    assert old is not None and not any("📎" in b.text for line in old.inline_keyboard for b in line)
