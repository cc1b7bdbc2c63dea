"""From a change in the simulated Librus to a message in the fake Telegram chats."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sync.clock import WARSAW
from tests.e2e.harness import running_bot

PARENT, SECOND, GROUP = 601, 602, -100601
PIPELINE = ("bot", "poller", "sender")


async def test_a_new_grade_reaches_every_subscribed_chat_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        h.telegram.user(SECOND, "Piotr")
        await h.link(SECOND, account)  # the other parent: the same account, one poll
        async with h.store.transaction() as uow:
            await uow.chats.ensure(GROUP, "group", title="Rodzina")
            link = await uow.links.get(PARENT, (await uow.links.children(PARENT))[0].account_id)
            assert link is not None
            await uow.subscriptions.subscribe(GROUP, link.account_id, link.id)
        h.telegram.group(GROUP, members={PARENT: "creator", SECOND: "member"})
        await h.bot_joins(GROUP, PARENT)
        await h.runtime.sender.drain()  # the first parent hears of the second one
        before = {chat: h.last_id(chat) for chat in (PARENT, SECOND, GROUP)}
        assert await h.deliver() == 0  # the linking poll was a silent baseline

        h.librus.edit.add_grade(
            login, value="4+", subject="Matematyka", comment="Ułamki <zwykłe> & dziesiętne"
        )
        h.clock.advance(timedelta(minutes=13))
        assert await h.deliver() == 1  # one account, one poll, however many parents
        for chat in (PARENT, SECOND, GROUP):
            news = h.news(chat, before[chat])
            assert len(news) == 1, (chat, [e.text for e in news])
            text = news[0].text
            assert "Nowa ocena: 4+ – Matematyka" in text
            assert "Ułamki <zwykłe> & dziesiętne" in text
            assert "🔕 Wycisz: oceny" in news[0].button_texts()
            # Who gave it, when, and where the subject's average stands now.
            assert "średnia z przedmiotu: " in text
        grade = h.librus.edit.list("grade", login)[-1]
        teacher = h.librus.world.teachers[grade["teacher_id"]].name
        assert teacher in text

        h.clock.advance(timedelta(minutes=13))
        await h.deliver()  # nothing new: nothing sent
        for chat in (PARENT, SECOND, GROUP):
            assert len(h.news(chat, before[chat])) == 1


async def test_a_message_preview_offers_its_body_after_a_warning(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        start = h.last_id(PARENT)
        h.librus.edit.add_message(
            login,
            topic="Wycieczka do Krakowa",
            body="Szanowni Państwo,<br>Zbiórka o 7:30 pod&nbsp;szkołą.<p><b>Plan</b>: "
            '<a href="https://liblink.pl/Ab3">tutaj</a> &amp; więcej</p>',
        )
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        news = h.news(PARENT, start)
        assert len(news) == 1 and "Nowa wiadomość –" in news[0].text
        assert "Wycieczka do Krakowa" in news[0].text
        assert h.librus.side_effects(login) == []  # the preview did not open it
        warning = await h.press(PARENT, "Pokaż treść", expect=lambda e: "Otworzyć?" in e.text)
        assert warning.message_id != news[0].message_id
        body = await h.press(PARENT, "Otwórz", expect=lambda e: "Zbiórka" in e.text)
        assert "Szanowni Państwo,\nZbiórka o 7:30 pod szkołą." in body.text
        assert "tutaj (https://liblink.pl/Ab3) & więcej" in body.text
        assert "<" not in body.text and "&amp;" not in body.text and "nbsp" not in body.text
        assert "<" not in news[0].text and "nbsp" not in news[0].text
        assert [e["kind"] for e in h.librus.side_effects(login)] == ["message_opened"]


async def test_mute_a_category_from_the_notification(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        start = h.last_id(PARENT)
        h.librus.edit.add_grade(login, value="2", subject="Fizyka")
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        assert len(h.news(PARENT, start)) == 1
        entry = h.telegram.last_bot_message(PARENT)
        query = h.telegram.press(PARENT, PARENT, entry.message_id, text="Wycisz: oceny")
        answer = await h.answer_of(query)
        assert "nie piszę już" in answer["text"]
        flipped = await h.telegram.wait_for(
            PARENT, lambda e: "🔔 Przywróć: oceny" in e.button_texts(), after=start
        )
        assert flipped.message_id == entry.message_id
        h.librus.edit.add_grade(login, value="1", subject="Fizyka")
        h.librus.edit.add_attendance(login, lesson_no=2)
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        news = h.news(PARENT, entry.message_id)
        assert len(news) == 1, [e.text for e in news]
        assert "Nieobecność" in news[0].text and "ocena" not in news[0].text.lower()


async def test_quiet_hours_hold_until_the_morning_digest(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        start = h.last_id(PARENT)
        evening = h.clock.now().replace(hour=21, minute=30)  # 22:30 in Warsaw
        h.clock.set(evening)
        h.librus.edit.add_grade(login, value="6", subject="Historia")
        h.librus.edit.add_grade(login, value="5", subject="Biologia")
        await h.deliver()
        assert h.news(PARENT, start) == []  # held overnight
        h.clock.set(evening + timedelta(hours=8))  # 06:30 in Warsaw: still quiet
        await h.runtime.release_held()
        await h.runtime.sender.drain()
        assert h.news(PARENT, start) == []
        h.clock.set(evening + timedelta(hours=9))  # 07:30 in Warsaw
        await h.runtime.release_held()
        await h.runtime.sender.drain()
        news = h.news(PARENT, start)
        assert len(news) == 1, [e.text for e in news]  # both grades in one digest
        assert "Dzień dobry" in news[0].text
        assert "Historia" in news[0].text and "Biologia" in news[0].text


async def test_the_scheduler_delivers_within_one_poll(tmp_path: Path) -> None:
    async with running_bot(
        tmp_path,
        roles=PIPELINE,
        scheduled=True,
        polling={"tick_seconds": 0.2},
        sender={"tick_seconds": 0.2},
    ) as h:
        account = h.account()
        await h.link(PARENT, account)
        start = h.last_id(PARENT)
        h.librus.edit.add_grade(str(account["login"]), value="3", subject="Chemia")
        h.clock.advance(timedelta(minutes=13))  # the next urgent poll is due
        entry = await h.telegram.wait_for(
            PARENT, lambda e: "Chemia" in e.text, after=start, timeout=20
        )
        assert "Nowa ocena: 3" in entry.text


async def test_the_timeline_shows_what_came_and_what_waits(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(PARENT, account)
        for n in range(9):
            h.librus.edit.add_grade(login, value=str(n % 6 + 1), subject="Plastyka")
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        h.clock.set(h.clock.now().replace(hour=21, minute=30))  # quiet hours
        h.librus.edit.add_grade(login, value="6", subject="Muzyka")
        await h.deliver()
        page = await h.say(PARENT, "/ostatnie", expect=lambda e: "Ostatnie 7 dni" in e.text)
        assert "Muzyka" in page.text and "czeka do 07:00" in page.text
        assert page.text.index("Muzyka") < page.text.index("Plastyka")  # newest first
        assert "strona 1 z 2" in page.text
        older = await h.press(PARENT, "Starsze", expect=lambda e: "strona 2 z 2" in e.text)
        assert "Plastyka" in older.text and "Muzyka" not in older.text


async def test_evening_brief_and_weekly_summary(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        await h.link(PARENT, account)
        async with h.store.transaction() as uow:
            await uow.chats.update_settings(
                PARENT, evening_brief_enabled=True, weekly_summary_enabled=True
            )
        start = h.last_id(PARENT)
        h.clock.set(h.clock.now().replace(hour=17, minute=30))  # 18:30 in Warsaw, Wednesday
        assert await h.runtime.queue_briefs() == 0
        h.clock.set(h.clock.now().replace(hour=18, minute=5))  # 19:05
        assert await h.runtime.queue_briefs() == 1
        assert await h.runtime.queue_briefs() == 0  # once a day
        await h.runtime.sender.drain()
        [brief] = h.news(PARENT, start)
        assert "Na jutro" in brief.text and "czwartek" in brief.text
        assert "08:00" in brief.text  # tomorrow's lessons
        friday = h.clock.now() + timedelta(days=2)
        h.clock.set(friday.replace(hour=15, minute=10))  # Friday 16:10
        assert await h.runtime.queue_briefs() == 1
        await h.runtime.sender.drain()
        summary = h.news(PARENT, brief.message_id)[-1]
        assert "Podsumowanie tygodnia" in summary.text
        assert "Frekwencja w tym tygodniu" in summary.text
        assert "🔮 Prognoza: średnia" in summary.text  # the report-card outlook
        # Monday to Friday of this school week, not the seven days before.
        monday = (friday - timedelta(days=4)).astimezone(WARSAW)
        assert f"{monday.day}.{monday.month:02d}" in summary.text.splitlines()[0]
