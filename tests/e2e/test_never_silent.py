"""Never silent, nothing lost: a paused child is told once with its fix, the news of a
pause arrives after it, a long pause or a flood of news comes as one summary."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from simulator.librus.faults import FaultRule
from sync.housekeeping import tidy
from tests.e2e.harness import Harness, running_bot
from tests.figures import record_figure

PARENT, SECOND, GROUP = 701, 702, -100701
PIPELINE = ("bot", "poller", "sender")


async def _family(h: Harness) -> dict[str, object]:
    """Two parents who linked one child, and a family group it is shared into."""
    account = h.account()
    h.telegram.user(PARENT, "Anna")
    await h.link(PARENT, account)
    h.telegram.user(SECOND, "Piotr")
    await h.link(SECOND, account)
    async with h.store.transaction() as uow:
        await uow.chats.ensure(GROUP, "group", title="Rodzina")
        child = (await uow.links.children(PARENT))[0]
        link = await uow.links.get(PARENT, child.account_id)
        assert link is not None
        await uow.subscriptions.subscribe(GROUP, link.account_id, link.id)
    h.telegram.group(GROUP, members={PARENT: "creator", SECOND: "member"})
    await h.bot_joins(GROUP, PARENT)
    await h.deliver()
    return account


async def test_a_paused_child_is_told_once_and_its_news_is_not_lost(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = await _family(h)
        login = str(account["login"])
        before = {chat: h.last_id(chat) for chat in (PARENT, SECOND, GROUP)}
        h.password_changed_at_school(login, "Nowe-Haslo-7")
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        # During the pause: a grade is given, another one taken away.
        shown = h.librus.clock.now().isoformat()
        grades = [g for g in h.librus.edit.list("grade", login) if g["visible_from"] <= shown]
        removed = grades[-1]
        h.librus.edit.delete("grade", removed["id"])
        h.librus.edit.add_grade(login, value="2", subject="Fizyka")
        for _ in range(3):  # hours of polls: said once, nothing else tried
            h.clock.advance(timedelta(hours=2))
            await h.deliver()
        for chat in (PARENT, SECOND):
            told = h.news(chat, before[chat])
            assert len(told) == 1, (chat, [e.text for e in told])
            assert "nie przyjmuje już hasła" in told[0].text
            assert told[0].button_texts() == ["🔑 Podaj hasło"]
        group = h.news(GROUP, before[GROUP])
        assert len(group) == 1 and "wstrzymane" in group[0].text and not group[0].buttons
        # The button starts the fix; the new password brings the news of the pause.
        asked = await h.press(PARENT, "Podaj hasło", expect=lambda e: "nowe hasło" in e.text)
        assert login in asked.text
        mark = h.last_id(PARENT)
        await h.say(PARENT, "Nowe-Haslo-7", expect=lambda e: "powiadomienia wracają" in e.text)
        await h.deliver()
        h.clock.advance(timedelta(minutes=31))  # a deletion needs a second complete answer
        await h.deliver()
        news = " ".join(e.text for e in h.news(PARENT, mark))
        assert "Nowa ocena: 2 – Fizyka" in news, news
        assert "Usunięta ocena" in news or "usunięt" in news.lower(), news
        record_figure(
            "paused child",
            told_parents=2,
            told_groups=1,
            repeats=0,
            news_after_resume=len(h.news(PARENT, mark)) - 1,
        )


async def test_a_long_pause_is_one_summary_and_a_reminder_comes_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = await _family(h)
        login = str(account["login"])
        h.password_changed_at_school(login, "Nowe-Haslo-8")
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        for subject in ("Fizyka", "Chemia", "Historia"):
            h.librus.edit.add_grade(login, value="5", subject=subject)
        h.clock.advance(timedelta(days=3, hours=1))
        mark = h.last_id(PARENT)
        for _ in range(2):
            await tidy(h.store, h.clock.now())
            await h.runtime.sender.drain()
        reminders = [e for e in h.news(PARENT, mark) if "Przypominam" in e.text]
        assert len(reminders) == 1 and reminders[0].button_texts() == ["🔑 Podaj hasło"]
        await h.press(PARENT, "Podaj hasło", expect=lambda e: "nowe hasło" in e.text)
        mark = h.last_id(PARENT)
        await h.say(PARENT, "Nowe-Haslo-8", expect=lambda e: "powiadomienia wracają" in e.text)
        await h.deliver()
        news = [e for e in h.news(PARENT, mark) if "Hasło zapisane" not in e.text]
        assert len(news) == 1, [e.text for e in news]
        assert "podczas przerwy od" in news[0].text and "3 oceny" in news[0].text


async def test_a_flood_of_new_grades_is_one_summary(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = await _family(h)
        login = str(account["login"])
        before = h.last_id(PARENT)
        for n in range(300):
            h.librus.edit.add_grade(login, value=str(1 + n % 6), subject="Matematyka")
        h.clock.advance(timedelta(minutes=15))
        await h.deliver()
        news = h.news(PARENT, before)
        assert len(news) == 1, [e.text[:80] for e in news]
        assert "naraz dużo nowego: 300 ocen" in news[0].text
        record_figure("flood of grades", grades=300, messages_per_chat=len(news))


async def test_unlinking_takes_the_child_out_of_every_chat_that_no_longer_follows_it(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(PARENT, "Anna")
        await h.link(PARENT, account)
        h.telegram.user(SECOND, "Piotr")
        await h.link(SECOND, account)  # keeps the account: only Anna's share goes
        async with h.store.transaction() as uow:
            await uow.chats.ensure(GROUP, "group", title="Rodzina")
            child = (await uow.links.children(PARENT))[0]
            link = await uow.links.get(PARENT, child.account_id)
            assert link is not None
            await uow.subscriptions.subscribe(GROUP, child.account_id, link.id)
        h.telegram.group(GROUP, members={PARENT: "creator"})
        await h.bot_joins(GROUP, PARENT)
        await h.runtime.sender.drain()
        h.librus.edit.add_grade(login, value="3", subject="Fizyka")
        h.clock.advance(timedelta(minutes=15))
        await h.runtime.poller.run_until_idle()  # queued, not yet sent
        async with h.store.reading() as uow:
            queued = await uow.outbox.pending_for_chat(GROUP)
        assert [r.account_id for r in queued] == [child.account_id]
        await h.say(PARENT, "/dzieci", expect=lambda e: "Twoje dzieci" in e.text)
        await h.press(PARENT, child.child_name, expect=lambda e: bool(e.buttons))
        await h.press(PARENT, "Usuń", expect=lambda e: "odłączyć od Dzwonka" in e.text)
        await h.press(PARENT, "Tak, usuń", expect=lambda e: "Usunięte" in e.text)
        async with h.store.reading() as uow:
            assert await uow.outbox.pending_for_chat(GROUP) == []
            timeline = await uow.outbox.for_chat_since(GROUP, h.clock.now() - timedelta(days=7))
        assert timeline == []
        await h.runtime.sender.drain()
        assert not [e for e in h.telegram.bot_messages(GROUP) if "Fizyka" in e.text]


async def test_a_parent_can_stop_sharing_from_the_private_chat(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        h.telegram.user(PARENT, "Anna")
        await h.link(PARENT, account)
        async with h.store.transaction() as uow:
            await uow.chats.ensure(GROUP, "group", title="Rodzina")
            child = (await uow.links.children(PARENT))[0]
            link = await uow.links.get(PARENT, child.account_id)
            assert link is not None
            await uow.subscriptions.subscribe(GROUP, child.account_id, link.id)
        await h.say(PARENT, "/dzieci", expect=lambda e: "Twoje dzieci" in e.text)
        await h.press(PARENT, child.child_name, expect=lambda e: bool(e.buttons))
        groups = await h.press(PARENT, "Grupy", expect=lambda e: "grupy" in e.text.lower())
        assert "Przestań udostępniać: Rodzina" in groups.button_texts()[0]
        await h.press(PARENT, "Przestań", expect=lambda e: "nie udostępniasz" in e.text)
        async with h.store.reading() as uow:
            assert await uow.subscriptions.get(GROUP, child.account_id) is None


async def test_a_group_that_took_the_bots_rights_holds_its_queue(tmp_path: Path) -> None:
    """'have no rights to send' passes: the group's news waits, the sharing parent is
    told privately once it lasts, and it all goes out when the rights come back."""
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(PARENT, "Anna")
        await h.link(PARENT, account)
        async with h.store.transaction() as uow:
            await uow.chats.ensure(GROUP, "group", title="Rodzina")
            child = (await uow.links.children(PARENT))[0]
            link = await uow.links.get(PARENT, child.account_id)
            assert link is not None
            await uow.subscriptions.subscribe(GROUP, child.account_id, link.id)
        h.telegram.group(GROUP, members={PARENT: "creator"})
        await h.bot_joins(GROUP, PARENT)
        h.telegram.restrict_bot(GROUP, PARENT)
        h.librus.edit.add_grade(login, value="6", subject="Muzyka")
        h.clock.advance(timedelta(minutes=15))
        await h.deliver()
        for _ in range(6):  # an hour and a half of passes while restricted
            h.clock.advance(timedelta(minutes=16))
            await h.deliver()
        async with h.store.reading() as uow:
            chat = await uow.chats.get(GROUP)
            pending = await uow.outbox.pending_for_chat(GROUP)
        assert chat is not None and chat.active and chat.cannot_send_since is not None
        assert len(pending) == 1
        told = [e for e in h.telegram.bot_messages(PARENT) if "nie mogę pisać w grupie" in e.text]
        assert len(told) == 1 and "Rodzina" in told[0].text
        # An admin gives the rights back: the held news goes out at once.
        mark = h.last_id(GROUP)
        h.telegram.restrict_bot(GROUP, PARENT, restricted=False)
        for _ in range(20):
            await h.deliver()
            if [e for e in h.news(GROUP, mark) if "Muzyka" in e.text]:
                break
            await asyncio.sleep(0.1)
        assert [e for e in h.news(GROUP, mark) if "Nowa ocena: 6 – Muzyka" in e.text]
        async with h.store.reading() as uow:
            chat = await uow.chats.get(GROUP)
        assert chat is not None and chat.cannot_send_since is None


async def test_a_long_outage_is_told_once_and_its_end_with_what_was_caught_up(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(PARENT, "Anna")
        await h.link(PARENT, account)
        before = h.last_id(PARENT)
        h.librus.faults.add(FaultRule(mode="maintenance", endpoint="*", count=None))
        for _ in range(8):  # four hours of failed polls
            h.clock.advance(timedelta(minutes=30))
            await h.deliver()
        down = [e for e in h.news(PARENT, before) if "nie mogę pobrać danych" in e.text]
        assert len(down) == 1
        h.librus.faults.clear()
        h.librus.edit.add_grade(login, value="5", subject="Biologia")
        for _ in range(3):
            h.clock.advance(timedelta(hours=1))
            await h.deliver()
        texts = [e.text for e in h.news(PARENT, before)]
        back = [t for t in texts if "znowu odpowiada" in t]
        assert len(back) == 1 and "Nadrobiłem: 1 ocena" in back[0], texts
        assert any("Nowa ocena: 5 – Biologia" in t for t in texts), texts
        assert sum("nie mogę pobrać danych" in t for t in texts) == 1
