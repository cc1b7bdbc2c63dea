"""'📈 Wykres' end to end: the grades and attendance charts as photos in the chat, for
the asker alone in a family group, refused with a reason when Telegram will not keep it
to the asker, a forged press, too few grades, three languages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, OTHER, PARENT, family, in_group, share_code

USER = 851


def photos(h: Harness, chat: int) -> list[Entry]:
    return [e for e in h.telegram.bot_messages(chat) if e.kind == "photo"]


async def press_chart(h: Harness, chat: int, user: int, entry: Entry) -> dict[str, object]:
    query = h.telegram.press(chat, user, entry.message_id, text="📈")
    return await h.answer_of(query, timeout=20)


async def test_grades_and_attendance_charts_in_the_chat(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await h.link(USER, h.account(0))
        grades = await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        answer = await press_chart(h, USER, USER, grades)
        assert not answer.get("show_alert")
        (chart,) = photos(h, USER)
        assert chart.text == "📈 Oceny i średnia ważona – Laura, semestr 1"
        assert chart.photo is not None and chart.photo[1] == 1080  # a phone's width
        assert chart.photo[0].startswith(b"\x89PNG")
        attendance = await h.say(USER, "/frekwencja", expect=lambda e: "Frekwencja" in e.text)
        await press_chart(h, USER, USER, attendance)
        assert photos(h, USER)[-1].text == "📈 Nieobecności i spóźnienia tygodniami – Laura"
        # The second semester has no grades in November: said, not drawn.
        async with h.store.reading() as uow:
            account = (await uow.links.children(USER))[0].account_id
        query = h.telegram.press(USER, USER, grades.message_id, data=f"z1:g:{account}:2")
        refused = await h.answer_of(query)
        assert refused["show_alert"] and str(refused["text"]).startswith("Za mało ocen")
        assert len(photos(h, USER)) == 2


async def test_in_a_group_the_chart_is_the_askers_and_a_forgery_gets_nothing(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as h:
        _, theirs = await family(h)
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        start = h.last_id(GROUP)
        await in_group(h, MEMBER, "/oceny")
        mine = await h.telegram.wait_for(GROUP, lambda e: e.receiver == MEMBER, after=start)
        await press_chart(h, GROUP, MEMBER, mine)
        (chart,) = photos(h, GROUP)
        assert chart.receiver == MEMBER and "Laura" in chart.text
        # Refused as the asker's alone: not sent at all, and she is told.
        h.telegram.ephemeral_mode = "refused"
        answer = await press_chart(h, GROUP, MEMBER, mine)
        assert answer["show_alert"] and "nie pokazał wykresu" in str(answer["text"])
        assert len(photos(h, GROUP)) == 1
        # Another family's child, never shared here.
        public = h.telegram.public(GROUP)[-1].message_id
        query = h.telegram.press(GROUP, OTHER, public, data=f"z1:a:{theirs}:0")
        forged = await h.answer_of(query)
        assert forged["show_alert"] and len(photos(h, GROUP)) == 1
        assert all(e.receiver is not None for e in photos(h, GROUP))


async def test_chart_captions_in_english_and_ukrainian(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        for user, language, index, caption in (
            (861, "en", 0, "📈 Grades and the weighted average – "),
            (862, "uk", 1, "📈 Оцінки й середня зважена – "),
        ):
            h.telegram.user(user, "Olena", language_code=language)
            await h.link(user, h.account(index))
            grades = await h.say(user, "/oceny", expect=lambda e: bool(e.buttons))
            await press_chart(h, user, user, grades)
            assert photos(h, user)[-1].text.startswith(caption)


async def test_the_weekly_summary_brings_the_grade_chart_when_asked(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=("bot", "poller", "sender")) as h:
        await h.link(USER, h.account(0))
        view = await h.say(USER, "/ustawienia", expect=lambda e: bool(e.buttons))
        assert "Wykres ocen w podsumowaniu" not in view.text  # only with the summary on
        await h.press(USER, "Włącz podsumowanie tygodnia", expect=lambda e: "📈" in e.text)
        shown = await h.press(USER, "Dołączaj wykres ocen", expect=lambda e: "tak" in e.text)
        assert "📈 Wykres ocen w podsumowaniu tygodnia: tak" in shown.text
        start = h.last_id(USER)
        friday = h.clock.now() + timedelta(days=2)
        h.clock.set(friday.replace(hour=15, minute=10))  # Friday 16:10 in Warsaw
        assert await h.runtime.queue_briefs() == 1
        await h.runtime.sender.drain()
        news = h.news(USER, start)
        assert "Podsumowanie tygodnia" in news[0].text
        assert [e.kind for e in news[1:]] == ["photo"]
        assert news[1].text == "📈 Oceny i średnia ważona – Laura, semestr 1"
