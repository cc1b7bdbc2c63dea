"""Family groups end to end: sharing with a one-time code and each refusal, group
settings by admins only, unsharing, the bot removed or blocked, a group upgraded."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from simulator.telegram.server import Entry
from storage.uow import UnitOfWork
from tests.e2e.harness import Harness, running_bot

PARENT, MEMBER, OTHER = 601, 602, 701  # OTHER: another family's parent, also a group admin
GROUP = -100601
PIPELINE = ("bot", "poller", "sender")
CODE = re.compile(r"/start@dzwonek_bot (g_[A-Za-z0-9_-]+)")


async def family(h: Harness) -> tuple[int, int]:
    """PARENT links child 0, OTHER links child 1; the group has all three people."""
    await h.link(PARENT, h.account(0))
    h.telegram.user(OTHER, "Obcy")
    await h.link(OTHER, h.account(1))
    h.telegram.user(MEMBER, "Babcia")
    h.telegram.group(GROUP, members={PARENT: "creator", MEMBER: "member", OTHER: "administrator"})
    intro = await h.bot_joins(GROUP, PARENT)
    assert "W grupie nie podaje się haseł" in intro.text
    async with h.store.reading() as uow:
        mine = (await uow.links.children(PARENT))[0].account_id
        theirs = (await uow.links.children(OTHER))[0].account_id
    return mine, theirs


async def share_code(h: Harness, user: int = PARENT) -> str:
    """The private-chat path: /dzieci → the child → 'Udostępnij w grupie' → link."""
    await h.say(user, "/dzieci", expect=lambda e: bool(e.buttons))
    entry = h.telegram.bot_messages(user)[-1]
    child_button = entry.button_texts()[0]
    await h.press(user, child_button, expect=lambda e: "Udostępnij" in " ".join(e.button_texts()))
    picker = await h.press(user, "Udostępnij w grupie", expect=lambda e: "☑️" in str(e.buttons))
    assert "Które dzieci" in picker.text
    done = await h.press(user, "Utwórz link", expect=lambda e: "/start@dzwonek_bot g_" in e.text)
    assert "Działa raz, przez 10 minut" in done.text
    assert any("startgroup=g_" in (b.get("url") or "") for row in done.buttons for b in row)
    match = CODE.search(done.text)
    assert match is not None
    return match.group(1)


async def in_group(h: Harness, user: int, text: str) -> Entry:
    return await h.say(user, text, chat_id=GROUP)


async def test_sharing_with_a_code_and_every_refusal(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        mine, theirs = await family(h)
        code = await share_code(h)

        reply = await in_group(h, MEMBER, f"/start {code}")
        assert "tylko rodzic, który go utworzył" in reply.text
        h.telegram.set_member(GROUP, PARENT, "member")
        reply = await in_group(h, PARENT, f"/start {code}")
        assert "tylko jej administrator" in reply.text
        h.telegram.set_member(GROUP, PARENT, "creator")
        reply = await in_group(h, PARENT, "/start g_nieznanykodinnegobota")
        assert "Nie znam tego kodu" in reply.text
        reply = await h.say(PARENT, f"/start {code}")
        assert "działa w grupie" in reply.text

        # Another bot spoke last: a bare /start no longer reaches ours (privacy mode),
        # the command addressed to it does.
        h.telegram.other_bot_speaks(GROUP)
        withheld = h.telegram.withheld
        h.telegram.send_text(GROUP, PARENT, f"/start {code}")
        assert h.telegram.withheld == withheld + 1
        reply = await in_group(h, PARENT, f"/start@dzwonek_bot {code}")
        assert "Ta grupa dostaje teraz powiadomienia" in reply.text
        reply = await in_group(h, PARENT, f"/start {code}")
        assert "już użyty" in reply.text
        async with h.store.reading() as uow:
            followed = {s.account_id for s in await uow.subscriptions.for_chat(GROUP)}
        assert followed == {mine}

        late = await share_code(h)
        h.clock.advance(timedelta(minutes=11))
        reply = await in_group(h, PARENT, f"/start {late}")
        assert "wygasł" in reply.text

        # The group hears about the shared child, and only that child.
        before = max((e.message_id for e in h.telegram.transcript(GROUP)), default=0)
        h.librus.edit.add_grade(str(h.account(0)["login"]), value="5", subject="Fizyka")
        h.librus.edit.add_grade(str(h.account(1)["login"]), value="2", subject="Fizyka")
        h.clock.advance(timedelta(minutes=15))
        await h.deliver()
        news = [e for e in h.telegram.bot_messages(GROUP) if e.message_id > before]
        assert len(news) == 1 and "Nowa ocena: 5 – Fizyka" in news[0].text
        assert theirs not in followed


async def test_group_settings_change_only_by_admins(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        await family(h)
        view = await in_group(h, MEMBER, "/ustawienia")
        assert "Ustawienia tej rozmowy" in view.text and "administratorzy" in view.text
        query = h.telegram.press(GROUP, MEMBER, view.message_id, text="Cisza nocna")
        quiet = await h.telegram.wait_for(GROUP, lambda e: "Bez ciszy" in str(e.buttons))
        query = h.telegram.press(GROUP, MEMBER, quiet.message_id, text="Bez ciszy")
        answer = await h.answer_of(query)
        assert answer.get("show_alert") and "administratorzy" in answer["text"]
        async with h.store.reading() as uow:
            chat = await uow.chats.get(GROUP)
        assert chat is not None and chat.quiet_start == "21:00"

        query = h.telegram.press(GROUP, OTHER, quiet.message_id, text="Bez ciszy")
        assert (await h.answer_of(query)).get("text") == "Zapisano."
        async with h.store.reading() as uow:
            chat = await uow.chats.get(GROUP)
        assert chat is not None and chat.quiet_start is None and chat.quiet_end is None


async def test_private_settings_every_switch(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(PARENT, "Anna")
        view = await h.say(PARENT, "/ustawienia", expect=lambda e: bool(e.buttons))
        assert "Cisza nocna: 21:00–07:00" in view.text
        presses = [
            "Kategorie",
            "oceny",  # mutes grades
            "Wróć",
            "Wieczorny skrót",
            "20:00",
            "Wróć",
            "Włącz podsumowanie tygodnia",
            "Każda nowość osobno",
            "Język",
            "English",
        ]
        for button in presses:
            await h.press(PARENT, button)
        async with h.store.reading() as uow:
            chat = await uow.chats.get(PARENT)
        assert chat is not None
        assert list(chat.muted_categories) == ["grades"]
        assert chat.evening_brief_enabled and chat.evening_brief_time == "20:00"
        assert chat.weekly_summary_enabled and not chat.batch_notifications
        assert chat.language == "en"
        shown = h.telegram.bot_messages(PARENT)[-1]
        assert "Settings of this chat" in shown.text and "all except grades" in shown.text


async def test_unsharing_and_the_bot_leaving(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        mine, _ = await family(h)
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        listing = await in_group(h, MEMBER, "/dzieci")
        assert "Dzieci udostępnione w tej grupie" in listing.text
        query = h.telegram.press(GROUP, OTHER, listing.message_id, text="Przestań udostępniać")
        assert "tylko rodzic" in (await h.answer_of(query))["text"]
        query = h.telegram.press(GROUP, MEMBER, listing.message_id, text="Przestań udostępniać")
        assert "tylko rodzic" in (await h.answer_of(query))["text"]
        async with h.store.reading() as uow:
            assert await uow.subscriptions.get(GROUP, mine) is not None
        query = h.telegram.press(GROUP, PARENT, listing.message_id, text="Przestań udostępniać")
        await h.answer_of(query)
        async with h.store.reading() as uow:
            assert await uow.subscriptions.get(GROUP, mine) is None

        # Shared again, then the bot is removed: the group forgets and stops.
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        h.telegram.remove_bot_from_group(GROUP, PARENT)
        await eventually(h, lambda uow: _inactive(uow, GROUP))
        async with h.store.reading() as uow:
            assert await uow.subscriptions.for_chat(GROUP) == []

        # A parent who blocks the bot: the chat stops, the children stay linked.
        h.telegram.block_bot(PARENT)
        await eventually(h, lambda uow: _inactive(uow, PARENT))
        async with h.store.reading() as uow:
            assert len(await uow.links.children(PARENT)) == 1


async def test_a_group_upgraded_to_a_supergroup_keeps_its_children(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        mine, _ = await family(h)
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        new_id = -1001234567890
        h.telegram.migrate_group(GROUP, new_id, PARENT)
        await eventually(h, lambda uow: _follows(uow, new_id, mine))
        async with h.store.reading() as uow:
            assert await uow.chats.get(GROUP) is None
        reply = await h.say(PARENT, "/oceny", chat_id=new_id)
        assert "Oceny" in reply.text


async def _inactive(uow: UnitOfWork, chat_id: int) -> bool:
    chat = await uow.chats.get(chat_id)
    return chat is not None and not chat.active


async def _follows(uow: UnitOfWork, chat_id: int, account_id: int) -> bool:
    return await uow.subscriptions.get(chat_id, account_id) is not None


async def eventually(
    h: Harness, check: Callable[[UnitOfWork], Awaitable[bool]], timeout: float = 5
) -> None:
    """Until `check` holds in the database (the bot handles updates on its own time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        async with h.store.reading() as uow:
            if await check(uow):
                return
        await asyncio.sleep(0.02)
    raise AssertionError("the database never reached the expected state")
