"""The escaping helper, the splitter, averages and a few views."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import translator
from bot.render import grades as grades_view
from bot.render import plan as plan_view
from bot.render.desk import child_block, next_test
from bot.render.librus_text import librus_text
from bot.render.text import LIMIT, esc, split_message, visible_length
from simulator.telegram.html import parse_html, utf16_len
from sync import payloads as P
from sync.averages import Grading, grade_value, point_percentage, subject_average, weighted_average
from sync.briefs import school_week
from sync.clock import WARSAW

t = translator("pl")


def test_escaping_makes_teacher_text_safe() -> None:
    text = esc("Praca <3 & zaangażowanie > 100%")
    assert text == "Praca &lt;3 &amp; zaangażowanie &gt; 100%"
    assert parse_html(f"<b>{text}</b>") == "Praca <3 & zaangażowanie > 100%"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=900), min_size=1, max_size=30))
def test_split_parts_fit_and_lose_nothing(lines: list[str]) -> None:
    markup = "\n".join(
        f"<b>{esc(line)}</b>" if n % 3 == 0 else esc(line) for n, line in enumerate(lines)
    )
    parts = split_message(markup)
    for part in parts:
        assert utf16_len(parse_html(part)) <= LIMIT  # Telegram would accept it
    original = re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", markup)))
    joined = re.sub(r"\s+", "", "".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in parts))
    assert joined == original


def test_split_counts_emoji_as_two_units() -> None:
    line = "😀" * 3000  # 6000 UTF-16 units
    parts = split_message(line)
    assert len(parts) == 2
    assert all(visible_length(p) <= LIMIT for p in parts)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        ("4+", 4.5),
        ("4-", 3.75),
        ("1", 1.0),
        ("6", 6.0),
        ("np", None),
        ("bz", None),
        ("+", None),
        ("-", None),
        ("0", None),
        ("3,5", 3.5),
        ("85", None),
        ("", None),
    ],
)
def test_grade_values(value: str, expected: float | None) -> None:
    assert grade_value(value) == expected


def test_school_grading_system_is_used() -> None:
    assert grade_value("4+", Grading(plus=0.33, minus=0.33)) == pytest.approx(4.33)
    assert grade_value("0", Grading(count_zero=True)) == 0.0


def test_weighted_average_skips_what_does_not_count() -> None:
    stored = [
        {"value": "5", "weight": 3, "counts": True},
        {"value": "3", "weight": 1, "counts": True},
        {"value": "1", "weight": 2, "counts": False},
        {"value": "np", "weight": 1, "counts": True},
        {"value": "6", "weight": 0, "counts": True},
        {"value": "2", "weight": 1, "counts": True, "type": "semester"},
    ]
    assert weighted_average([P.grade(g) for g in stored]) == pytest.approx(4.5)
    assert weighted_average([P.grade({"value": "np", "weight": 1})]) is None


def test_point_percentage() -> None:
    stored = [
        {"scale": "points", "points": 15, "max_points": 20, "weight": 1, "counts": True},
        {"scale": "points", "points": 40, "max_points": 50, "weight": 2, "counts": True},
    ]
    assert point_percentage([P.grade(g) for g in stored]) == pytest.approx(
        100 * (15 + 80) / (20 + 100)
    )


def test_grades_summary_view() -> None:
    items = [
        {
            "id": "1",
            "value": "5",
            "subject": "Matematyka",
            "subject_id": 1,
            "weight": 3,
            "counts": True,
            "semester": 1,
            "type": "normal",
            "scale": "standard",
            "added": "2026-10-01",
        },
        {
            "id": "2",
            "value": "4-",
            "subject": "Matematyka",
            "subject_id": 1,
            "weight": 1,
            "counts": True,
            "semester": 1,
            "type": "normal",
            "scale": "standard",
            "added": "2026-10-02",
        },
        {
            "id": "3",
            "value": "4",
            "subject": "Matematyka",
            "subject_id": 1,
            "weight": 1,
            "counts": True,
            "semester": 1,
            "type": "semester_proposal",
            "scale": "standard",
        },
        {
            "id": "4",
            "value": "<b>6</b>",
            "subject": "Plastyka",
            "subject_id": 2,
            "weight": 1,
            "counts": True,
            "semester": 2,
            "type": "normal",
            "scale": "standard",
        },
    ]
    text = grades_view.summary(t, "Ania", [P.grade(g) for g in items], {}, 1)
    assert "Matematyka</b>: 5, 4-" in text
    assert "średnia 4,69" in text  # (5*3 + 3.75) / 4
    assert "przewidywana śródroczna" in text
    assert "Plastyka" not in text
    parse_html(text)


def test_plan_lines_mark_changes() -> None:
    lessons = {
        "days": {
            "2026-11-26": [
                {
                    "no": 1,
                    "from": "08:00",
                    "to": "08:45",
                    "subject": "Matematyka",
                    "room": "Sala 12",
                    "canceled": False,
                    "substitution": False,
                },
                {
                    "no": 2,
                    "from": "08:55",
                    "to": "09:40",
                    "subject": "Historia",
                    "canceled": True,
                    "substitution": False,
                },
                {
                    "no": 3,
                    "from": "09:50",
                    "to": "10:35",
                    "subject": "Chemia",
                    "teacher": "Jan Nowak",
                    "canceled": False,
                    "substitution": True,
                    "original": {"subject": "Fizyka"},
                },
                {
                    "no": 4,
                    "from": "10:45",
                    "to": "11:30",
                    "subject": "Biologia",
                    "room": "Sala 14",
                    "canceled": False,
                    "substitution": True,
                    "room_changed": True,
                    "original": {"subject": "Biologia", "room": "Sala 12"},
                },
            ]
        }
    }
    text = plan_view.day_view(t, "Ania", lessons, {}, date(2026, 11, 26))
    assert "<s>Historia</s> ❌ odwołana" in text
    assert "<s>Fizyka</s> → Chemia" in text and "Jan Nowak" in text
    assert "zmiana sali: Sala 14 (było Sala 12)" in text
    free = {
        "free_days": [
            {"name": "Boże Ciało", "from": "2026-11-26", "to": "2026-11-26", "whole_day": True}
        ]
    }
    assert "Dzień wolny: Boże Ciało" in plan_view.day_view(
        t, "Ania", lessons, free, date(2026, 11, 26)
    )
    assert "Weekend" in plan_view.day_view(t, "Ania", lessons, {}, date(2026, 11, 28))
    parse_html(text)


def test_the_desk_counts_whats_new_in_words_and_leaves_out_nothing_new() -> None:
    now = datetime(2026, 11, 25, 18, 0, tzinfo=WARSAW)
    data: dict[str, Any] = {
        "grades": {"items": [{"id": "1", "added": "2026-11-25 10:00:00", "value": "5"}]},
        "attendance": {
            "items": [{"id": str(n), "date": "2026-11-25", "status": "absent"} for n in range(3)]
        },
        "messages": {"items": []},
    }
    text = child_block(translator("pl"), "Ania", data, {}, now, None)
    assert "Od wczoraj: 1 ocena, 3 nieobecności." in text
    assert "wiadomości" not in text.split("Od wczoraj")[1].split("\n")[0]


def test_librus_markup_becomes_plain_text_with_its_links() -> None:
    assert librus_text("Dzień dobry,<br/>zebranie w <b>czwartek</b>&nbsp;o 17:30.") == (
        "Dzień dobry,\nzebranie w czwartek o 17:30."
    )
    assert librus_text('<p>Plan: <a href="https://liblink.pl/x1">link</a></p>') == (
        "Plan: link (https://liblink.pl/x1)"
    )
    assert librus_text('<a href="https://liblink.pl/x1">https://liblink.pl/x1</a>') == (
        "https://liblink.pl/x1"
    )
    assert librus_text('Kliknij <a href="javascript:alert(1)">tu</a>') == "Kliknij tu"
    assert librus_text("<ul><li>zeszyt</li><li>linijka</li></ul>") == "• zeszyt\n• linijka"
    assert librus_text("Proszę zabrać <a hre") == "Proszę zabrać"  # a preview cut in a tag
    assert librus_text("<style>p{}</style>a &lt;b&gt; 2 &amp; 3") == "a <b> 2 & 3"
    assert librus_text(None) == "" and librus_text("x < y") == "x < y"


def test_a_room_named_sala_is_not_called_sala_twice() -> None:
    t = translator("pl")
    day = {
        "2026-11-26": [
            {"no": 1, "from": "08:00", "to": "08:45", "subject": "Fizyka", "room": "Sala 6"},
            {"no": 2, "from": "08:55", "to": "09:40", "subject": "Chemia", "room": "12"},
        ]
    }
    text = plan_view.day_block(t, {"days": day}, {}, date(2026, 11, 26))
    assert "Sala 6" in text and "sala Sala" not in text and "s. " not in text
    assert "sala 12" in text


def test_a_grades_subject_average_counts_its_subject_and_semester_only() -> None:
    def g(value: str, subject: int, semester: int = 1, weight: int = 1) -> P.GradeItem:
        return P.grade(
            {"value": value, "subject_id": subject, "semester": semester, "weight": weight}
        )

    items = [g("5", 1, weight=3), g("3", 1), g("1", 2), g("2", 1, semester=2)]
    assert subject_average(items, items[1]) == (5 * 3 + 3) / 4
    assert subject_average(items, items[3]) == 2.0
    assert subject_average([], g("np", 1)) is None


def test_the_desk_names_what_is_still_ahead() -> None:
    agenda = {
        "items": [
            {"id": "1", "date": "2026-11-25", "category": "sprawdzian", "content": "Ułamki"},
            {
                "id": "2",
                "date": "2026-11-26",
                "category": "zebranie z rodzicami",
                "time_from": "17:30",
                "content": "Zebranie",
            },
            {"id": "3", "date": "2026-11-27", "category": "Inne", "content": "Kartkówka z mapy"},
        ]
    }
    today = date(2026, 11, 25)
    morning = next_test(agenda, today, datetime(2026, 11, 25, 9, 0, tzinfo=WARSAW))
    evening = next_test(agenda, today, datetime(2026, 11, 25, 18, 0, tzinfo=WARSAW))
    assert morning is not None and morning["id"] == "1"
    assert evening is not None and evening["id"] == "2"  # today's test is behind
    later = next_test(agenda, date(2026, 11, 26), datetime(2026, 11, 26, 18, 0, tzinfo=WARSAW))
    assert later is not None and later["id"] == "3"  # the meeting at 17:30 has passed


def test_the_weekly_summary_is_about_monday_to_friday() -> None:
    monday, friday = date(2026, 11, 23), date(2026, 11, 27)
    assert school_week(date(2026, 11, 27)) == (monday, friday)  # Friday: this week
    assert school_week(date(2026, 11, 29)) == (monday, friday)  # Sunday: the week just over
    assert school_week(date(2026, 12, 1)) == (monday, friday)  # Tuesday: the week before
