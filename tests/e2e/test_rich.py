"""Tables as rich messages (Bot API 10.1), end to end: /oceny, /frekwencja and
/plan tydzień as tables, presses that move between a table and a text, the HTML text
when a server refuses rich messages or does not know them, groups, three languages."""

from __future__ import annotations

from pathlib import Path

from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, PARENT, family, in_group, share_code

USER = 831


def rich_sends(h: Harness) -> int:
    return sum(1 for m, _ in h.telegram.requests if m == "sendRichMessage")


async def test_tables_and_the_text_between_them(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await h.link(USER, h.account(0))
        grades = await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert grades.kind == "rich" and "Przedmiot | Oceny | Średnia" in grades.text
        assert "stan z" in grades.text.splitlines()[-1]
        subject = grades.button_texts()[0]
        detail = await h.press(USER, subject, expect=lambda e: e.kind == "text")
        assert detail.message_id == grades.message_id and subject in detail.text
        back = await h.press(USER, "Wróć", expect=lambda e: e.kind == "rich")
        assert "Przedmiot | Oceny | Średnia" in back.text
        attendance = await h.say(USER, "/frekwencja", expect=lambda e: "Frekwencja" in e.text)
        assert attendance.kind == "rich" and "Obecność:" in attendance.text
        # A day is a list, the week a table.
        day = await h.say(USER, "/plan", expect=lambda e: "Plan" in e.text)
        assert day.kind == "text"
        week = await h.say(USER, "/plan tydzień", expect=lambda e: "tydzień od" in e.text)
        assert week.kind == "rich" and week.text.splitlines()[1].startswith("Lekcja | pon.")


async def test_the_html_text_when_rich_messages_are_refused_or_unknown(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await h.link(USER, h.account(0))
        h.telegram.rich_mode = "refused"
        attendance = await h.say(USER, "/frekwencja", expect=lambda e: "Frekwencja" in e.text)
        assert attendance.kind == "text" and "Obecność:" in attendance.text
        assert ("sendRichMessage", 400) in h.telegram.requests
        # A server older than 10.1: one 404, then text only.
        h.telegram.rich_mode = "unknown"
        week = await h.say(USER, "/plan tydzień", expect=lambda e: "tydzień od" in e.text)
        assert week.kind == "text" and "poniedziałek" in week.text
        tried = rich_sends(h)
        again = await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert again.kind == "text" and rich_sends(h) == tried
        shown = [e for e in h.telegram.bot_messages(USER) if "tydzień od" in e.text]
        assert len(shown) == 1  # the answer went once


async def test_tables_in_english_and_ukrainian(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        for user, language, index, head in (
            (841, "en", 0, "Subject | Grades | Average"),
            (842, "uk", 1, "Предмет | Оцінки | Середня"),
        ):
            h.telegram.user(user, "Olena", language_code=language)
            await h.link(user, h.account(index))
            answer: Entry = await h.say(user, "/oceny", expect=lambda e: bool(e.buttons))
            assert answer.kind == "rich" and head in answer.text
            week = await h.say(user, "/plan week", expect=lambda e: e.kind == "rich")
            assert week.text.splitlines()[1].split(" | ")[0] in ("Lesson", "Урок")


async def test_groups_tables_for_everyone_texts_for_the_asker(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await family(h)
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        week = await in_group(h, MEMBER, "/plan tydzień")
        assert week.kind == "rich" and week.receiver is None
        start = h.last_id(GROUP)
        await in_group(h, MEMBER, "/oceny")
        mine = await h.telegram.wait_for(GROUP, lambda e: e.receiver == MEMBER, after=start)
        assert mine.kind == "text" and "Oceny" in mine.text
