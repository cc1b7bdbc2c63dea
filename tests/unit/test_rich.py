"""Rich messages: our HTML into RichText, the tables of /plan tydzień, /oceny and
/frekwencja, and the fake Bot API's check of rich payloads (what the bot builds passes
it, and every way to get a payload wrong is refused)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from aiogram.types import InputRichMessage

from bot.i18n import translator
from bot.render import tables
from bot.render.rich import message, rich_text
from simulator.telegram.rich import RichError, check_message
from sync import payloads as P
from sync.payloads import GradeItem

t = translator("pl")
MONDAY = date(2026, 11, 23)


def payload(rich: InputRichMessage) -> dict[str, Any]:
    """What aiogram sends for it."""
    return rich.model_dump(mode="json", exclude_none=True)


def test_our_html_becomes_rich_text() -> None:
    nodes = rich_text("<b>Fizyka</b>: 5, <u>4</u> &amp; <s>a <i>b</i></s>")
    assert isinstance(nodes, list)
    dumped = [n if isinstance(n, str | list) else n.model_dump(mode="json") for n in nodes]
    assert dumped == [
        {"type": "bold", "text": "Fizyka"},
        ": 5, ",
        {"type": "underline", "text": "4"},
        " & ",
        {"type": "strikethrough", "text": ["a ", {"type": "italic", "text": "b"}]},
    ]
    assert rich_text("bez &lt;tagów&gt;") == "bez <tagów>"
    link = rich_text('<a href="https://x.pl/a">tu</a>')
    assert not isinstance(link, str | list) and link.model_dump(mode="json") == {
        "type": "url",
        "text": "tu",
        "url": "https://x.pl/a",
    }


def lesson(no: int, subject: str, **extra: Any) -> dict[str, Any]:
    return {"no": no, "subject": subject, "from": f"0{7 + no}:00", "to": f"0{7 + no}:45", **extra}


def test_the_week_as_a_table_with_changes_marked() -> None:
    timetable = {
        "days": {
            "2026-11-23": [lesson(1, "Matematyka"), lesson(2, "Fizyka", canceled=True)],
            "2026-11-24": [
                lesson(1, "Biologia", substitution=True, original={"subject": "Chemia"})
            ],
            "2026-11-25": [],
            # 26.11 not fetched
        }
    }
    reference = {"free_days": [{"from": "2026-11-27", "to": "2026-11-27", "name": "Dzień dyr."}]}
    blocks = tables.week_blocks(t, "Ola", timetable, reference, MONDAY)
    assert blocks is not None
    shown = check_message(payload(message(blocks)))
    lines = shown.splitlines()
    assert lines[0] == "🗓 Plan – Ola, tydzień od 23 listopada"
    assert lines[1] == "Lekcja | pon. 23.11 | wt. 24.11 | śr. 25.11 | czw. 26.11 | pt. 27.11"
    assert lines[2] == " |  |  | — | ? | Dzień dyr."  # days without lessons say why
    assert lines[3:5] == ["1", "08:00 | Matematyka | Chemia → Biologia 🔄 |  |  | "]
    assert lines[5:] == ["2", "09:00 | Fizyka ❌ |  |  |  | "]
    cancelled = payload(message(blocks))["blocks"][1]["cells"][3][1]["text"]
    assert cancelled[0] == {"type": "strikethrough", "text": "Fizyka"}
    kindergarten = {"days": {"2026-11-23": [{"no": None, "subject": "Zabawa"}]}}
    assert tables.week_blocks(t, "Ola", kindergarten, {"kindergarten": True}, MONDAY) is None
    assert tables.week_blocks(t, "Ola", {"days": {}}, {}, MONDAY) is None


def grade(subject: str, value: str, n: int, **extra: Any) -> GradeItem:
    base = {"id": n, "subject": subject, "subject_id": 1}
    return P.grade({**base, "value": value, "semester": 1, "weight": 1, **extra})


def test_grades_and_attendance_tables_pass_the_fake() -> None:
    items = [
        grade("Fizyka", "5", 1),
        grade("Fizyka", "3", 2),
        grade("Biologia", "4", 3, type="semester"),
    ]
    blocks = tables.grades_blocks(t, "Ola", items, {}, 1, "🔮 Prognoza: 4")
    assert blocks is not None
    shown = check_message(payload(message(blocks)))
    assert "Przedmiot | Oceny | Średnia" in shown
    assert "Fizyka | 5, 3 | średnia 4,00" in shown
    assert "Biologia | —\nśródroczna: 4 | " in shown  # as the text: no counted grades yet
    assert shown.endswith("🔮 Prognoza: 4")
    assert tables.grades_blocks(t, "Ola", [], {}, 1) is None
    attendance = {
        "stats": {"7": {"total": 20, "absent": 2, "excused": 1, "late": 1, "present": 16}},
        "items": [
            {
                "id": 1,
                "date": "2026-11-20",
                "lesson_no": 3,
                "subject": "WF",
                "subject_id": 7,
                "status": "absent",
            }
        ],
    }
    blocks = tables.attendance_blocks(t, "Ola", attendance, today=date(2026, 11, 25))
    assert blocks is not None
    shown = check_message(payload(message(blocks)))
    assert "Przedmiot | Nieobecności | Spóźnienia" in shown and "WF | 3 | 1" in shown
    cells = payload(message(blocks))["blocks"][2]["cells"]
    assert cells[1][1]["align"] == "right" and cells[0][0]["is_header"] is True


def test_descriptive_grades_have_no_average_column() -> None:
    items = [
        grade("Edukacja", "Czyta płynnie", 1, scale="descriptive", category="Czytanie"),
        grade("Edukacja", "Liczy do 100", 2, scale="descriptive", category="Liczenie"),
    ]
    blocks = tables.grades_blocks(t, "Ola", items, {}, 1)
    assert blocks is not None
    shown = check_message(payload(message(blocks)))
    assert "Przedmiot | Oceny\n" in shown and "Średnia" not in shown
    assert "Edukacja | Czytanie: Czyta płynnie\nLiczenie: Liczy do 100" in shown


def good() -> dict[str, Any]:
    return {
        "blocks": [
            {"type": "heading", "text": "Plan", "size": 3},
            {
                "type": "table",
                "cells": [[{"text": "a", "align": "left", "valign": "top"}]],
                "is_compact": True,
            },
        ]
    }


def broken(change: str) -> dict[str, Any]:
    rich = good()
    table = rich["blocks"][1]
    cell = table["cells"][0][0]
    if change == "type":
        rich["blocks"][0]["type"] = "banner"
    elif change == "size":
        rich["blocks"][0]["size"] = 7
    elif change == "field":
        table["colour"] = "red"
    elif change == "align":
        cell["align"] = "justify"
    elif change == "valign":
        del cell["valign"]
    elif change == "width":
        table["cells"].append([dict(cell), dict(cell)])
    elif change == "flag":
        table["is_compact"] = False
    elif change == "text":
        cell["text"] = {"type": "blink", "text": "a"}
    elif change == "html":
        rich["html"] = "<p>a</p>"
    elif change == "long":
        rich["blocks"].append({"type": "paragraph", "text": "ź" * 4100})
    elif change == "empty":
        table["cells"] = []
    return rich


def test_the_fake_takes_a_good_payload() -> None:
    assert check_message(good()) == "Plan\na"


@pytest.mark.parametrize(
    "change",
    ["type", "size", "field", "align", "valign", "width", "flag", "text", "html", "long", "empty"],
)
def test_the_fake_refuses_what_telegram_would(change: str) -> None:
    with pytest.raises(RichError):
        check_message(broken(change))


def test_a_long_teachers_message_folds_when_it_fits_one_message() -> None:
    from bot.render.messages import body
    from bot.render.text import split_message
    from simulator.telegram.html import parse_entities

    short = body(t, "Anna Nowak", "Wycieczka", None, "Zbiórka o 7:30.", ())
    assert "<blockquote" not in short
    long = body(t, "Anna Nowak", "Wycieczka", None, "Szanowni Państwo, " * 50, ())
    shown, entities = parse_entities(long)
    assert {"expandable_blockquote"} <= {e["type"] for e in entities}
    assert shown.count("Szanowni Państwo") == 50  # all of it, folded, not cut
    huge = body(t, "Anna Nowak", "Regulamin", None, "Paragraf pierwszy. " * 300, ())
    assert "<blockquote" not in huge and len(split_message(huge)) > 1
