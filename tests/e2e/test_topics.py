"""A topic per child in a parent's private chat (Bot API 9.3/9.4), end to end: turned
on in /ustawienia, each child's news in its topic, a command typed in a topic about
that child, a topic the parent deleted made again, turned off, and a bot without
topics, in three languages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot

PIPELINE = ("bot", "poller", "sender")
PARENT = 811


async def two_children(h: Harness, user: int = PARENT) -> list[tuple[int, str, str]]:
    """(account id, child's name, login) of the two children `user` links."""
    found: list[tuple[int, str, str]] = []
    for index in (0, 1):
        account = h.account(index)
        await h.link(user, account)
        async with h.store.reading() as uow:
            children = await uow.links.children(user)
        new = [c for c in children if c.account_id not in {f[0] for f in found}]
        found.append((new[0].account_id, new[0].child_name, str(account["login"])))
    return found


async def news_after(h: Harness, start: int, *, count: int) -> list[Entry]:
    h.clock.advance(timedelta(minutes=13))
    await h.deliver()
    news = h.news(PARENT, start)
    assert len(news) == count, [e.text[:60] for e in news]
    return news


async def test_each_childs_news_and_commands_in_its_own_topic(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE, topics=True) as h:
        children = await two_children(h)
        view = await h.say(PARENT, "/ustawienia", expect=lambda e: bool(e.buttons))
        assert "🧵 Osobny wątek dla każdego dziecka: nie, wszystko w jednym miejscu" in view.text
        start = h.last_id(PARENT)
        await h.press(PARENT, "Osobny wątek dla każdego dziecka", expect=lambda e: "tak" in e.text)
        topics = h.telegram.chats[PARENT].topics
        assert sorted(topics.values()) == sorted(name for _, name, _ in children)
        thread = {
            account: t for t, name in topics.items() for account, n, _ in children if n == name
        }
        intros = [e for e in h.news(PARENT, start) if e.thread is not None]
        assert {e.thread for e in intros} == set(topics)
        assert all(e.text.startswith(f"🧵 Wątek: {topics.get(e.thread or 0)}.") for e in intros)
        # Each child's grade in its own topic.
        start = h.last_id(PARENT)
        for _, _, login in children:
            h.librus.edit.add_grade(login, value="3", subject="Fizyka")
        news = await news_after(h, start, count=2)
        assert {e.thread for e in news} == set(topics)
        # A command typed in a child's topic: about that child, answered there.
        first, name, login = children[0]
        start = h.last_id(PARENT)
        h.telegram.send_text(PARENT, PARENT, "/oceny", thread=thread[first])
        answer = await h.telegram.wait_for(PARENT, lambda e: "Oceny" in e.text, after=start)
        assert answer.thread == thread[first] and f"Oceny – {name}" in answer.text
        # The parent deletes a topic: the next news makes it again, under the same name.
        h.telegram.delete_topic(PARENT, thread[first])
        start = h.last_id(PARENT)
        h.librus.edit.add_grade(login, value="4", subject="Fizyka")
        (again,) = await news_after(h, start, count=1)
        assert again.thread not in (None, thread[first])
        assert topics.get(again.thread or 0) == name
        async with h.store.reading() as uow:
            assert await uow.topics.thread(PARENT, first) == again.thread
        # Off: back to one stream; the topics stay in Telegram.
        await h.say(PARENT, "/ustawienia", expect=lambda e: bool(e.buttons))
        await h.press(PARENT, "Wszystko w jednym miejscu", expect=lambda e: "nie, " in e.text)
        start = h.last_id(PARENT)
        h.librus.edit.add_grade(login, value="5", subject="Fizyka")
        (flat,) = await news_after(h, start, count=1)
        assert flat.thread is None and len(topics) == 2


async def test_without_topics_nothing_changes_and_a_forged_switch_is_refused(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await h.link(PARENT, h.account(0))
        view = await h.say(PARENT, "/ustawienia", expect=lambda e: bool(e.buttons))
        assert "🧵" not in view.text and not any("🧵" in b for b in view.button_texts())
        query = h.telegram.press(PARENT, PARENT, view.message_id, data="s1:topics:on")
        assert (await h.answer_of(query))["text"].startswith("Telegram nie założył wątków")
        async with h.store.reading() as uow:
            chat = await uow.chats.get(PARENT)
        assert chat is not None and not chat.child_topics
        assert h.telegram.chats[PARENT].topics == {}


async def test_topics_in_english_and_ukrainian(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE, topics=True) as h:
        for user, language, line, button, intro in (
            (821, "en", "🧵 A topic for each child: no", "A topic for each child", "🧵 Topic: "),
            (822, "uk", "🧵 Окрема тема для кожної дитини: ні", "Окрема тема", "🧵 Тема: "),
        ):
            h.telegram.user(user, "Olena", language_code=language)
            await h.link(user, h.account(0 if language == "en" else 1))
            view = await h.say(user, "/ustawienia", expect=lambda e: bool(e.buttons))
            assert line in view.text
            start = h.last_id(user)
            await h.press(user, button)
            intros = [e for e in h.telegram.bot_messages(user) if e.message_id > start and e.thread]
            assert len(intros) == 1 and intros[0].text.startswith(intro)
