"""'📎 <file>' through the real bot: a message's attachments and a homework's files come
into the chat as documents, and nothing in Librus is marked read by it; a homework
file whose first two keys fail arrives with a progress message counting the seconds;
a file over Telegram's limit is named with its size; one child's downloads wait for
each other; and in a group only the children shared there can be downloaded for.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.callbacks import FileCb
from simulator.librus.files import SimFile
from simulator.telegram.model import Entry
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, PARENT, family, in_group, share_code

USER = 641
MB = 1024 * 1024
WAIT = 90  # seconds a download may take on a slow machine (the homework one sleeps ~4 s)


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


def document(name: str):  # type: ignore[no-untyped-def]
    return lambda e: e.document is not None and e.document[0] == name


async def download(
    h: Harness, user: int, button: str, *, after: int, chat: int | None = None
) -> Entry:
    """Press a file's button; the document the bot sends for it."""
    where = user if chat is None else chat
    h.telegram.press(where, user, text=button)
    name = button.removeprefix("📎 ").split(" · ")[0]
    return await h.telegram.wait_for(where, document(name), after=after, timeout=WAIT)


async def progress_messages(h: Harness, chat: int, after: int) -> list[Entry]:
    """The progress messages since `after`, once the bot has deleted them (it does so
    right after the document is sent)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        found = [
            e
            for e in h.telegram.bot_messages(chat, include_deleted=True)
            if e.message_id > after and "Pobieram" in (e.edits[0][0] if e.edits else e.text)
        ]
        if (found and all(e.deleted for e in found)) or loop.time() > deadline:
            return found
        await asyncio.sleep(0.02)


async def opened_body(h: Harness, user: int, topic: str) -> Entry:
    """/wiadomosci → the message → 'Otwórz': its body, with the file buttons."""
    await h.say(user, "/wiadomosci", expect=has("Wiadomości"))
    await h.press(user, f"1. {topic}", expect=has("Otworzyć?"))
    return await h.press(user, "Otwórz", expect=has("✉️"))


async def test_message_files_come_as_documents_and_mark_nothing_read(tmp_path: Path) -> None:
    async with running_bot(tmp_path, downloads={"cooldown_seconds": 20}) as h:
        account = h.account(0)
        login = str(account["login"])
        photo = SimFile(name="tablica.jpg", size=3 * MB)
        message_id = h.librus.edit.add_message(
            login, topic="Wycieczka", body="W załącznikach.", attachments=["zgoda.pdf", photo]
        )
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        body = await opened_body(h, USER, "Wycieczka")
        assert body.button_texts() == ["📎 zgoda.pdf", "📎 tablica.jpg", "✏️ Odpowiedz"]
        assert "wyślę tutaj" in body.text and "w Librusie" not in body.text
        assert [e["kind"] for e in h.librus.side_effects(login)] == ["message_opened"]
        read_at = h.librus.world.messages[message_id].read_at

        last = h.last_id(USER)
        sent = await download(h, USER, "📎 zgoda.pdf", after=last)
        assert sent.document is not None and sent.document[1].startswith(b"%PDF-")
        assert "zgoda.pdf" in sent.text and account["student"].split()[0] in sent.text
        # the progress message said what it fetched, and is gone once the file is there
        (progress,) = await progress_messages(h, USER, last)
        assert progress.deleted and "Pobieram „zgoda.pdf” z Librusa" in progress.raw

        # the same child's next file waits for the pause after the last one
        query = h.telegram.press(USER, user_id=USER, message_id=body.message_id, text="tablica")
        answer = await h.answer_of(query)
        assert "Następny plik dla tego dziecka pobiorę o" in str(answer.get("text"))
        assert not any(e.document and e.document[0] == "tablica.jpg" for e in h.news(USER, last))
        h.clock.advance(timedelta(seconds=21))
        photo_sent = await download(h, USER, "📎 tablica.jpg", after=h.last_id(USER))
        assert photo_sent.document is not None
        assert photo_sent.document[1][:3] == b"\xff\xd8\xff" and len(photo_sent.document[1]) == (
            3 * MB
        )

        # Downloading marked nothing read: the one side effect is the opening itself.
        assert [e["kind"] for e in h.librus.side_effects(login)] == ["message_opened"]
        assert h.librus.world.messages[message_id].read_at == read_at
        assert [f.downloads for f in h.librus.world.files.values() if f.downloads] == [1, 1]


async def test_a_homework_file_that_fails_twice_arrives_with_its_seconds(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, downloads={"progress_seconds": 0.5}) as h:
        account = h.account(0)
        login = str(account["login"])
        stubborn = SimFile(name="zadania.docx", size=300_000, failing_keys=2)
        h.librus.edit.add_homework(login, topic="Wypracowanie", files=[stubborn])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        listed = await h.say(USER, "/zadania", expect=has("Zadania domowe"))
        assert "📎 zadania.docx" in listed.button_texts()
        h.librus.reset_counters()
        last = h.last_id(USER)
        sent = await download(h, USER, "📎 zadania.docx", after=last)
        assert sent.document is not None and sent.document[1].startswith(b"PK\x03\x04")
        assert len(sent.document[1]) == 300_000
        # the progress message counted the seconds in place before it went away
        (shown,) = await progress_messages(h, USER, last)
        assert shown.deleted
        texts = [text for text, _ in shown.edits] + [shown.text]
        assert "Pobieram „zadania.docx” z Librusa… Pliki z zadań" in texts[0]
        assert any(" s (pliki z zadań Librus przygotowuje nawet 2 minuty)" in t for t in texts)
        # three keys: two refused by the sandbox, the third one worked
        assert h.librus.requests_for(login)["homework/downloadFile"] == 3
        assert stubborn.downloads == 1
        assert h.librus.side_effects(login) == []


async def test_a_file_over_telegrams_limit_is_named_with_its_size(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account(0)
        login = str(account["login"])
        huge = SimFile(name="prezentacja.pdf", size=51 * MB + 300_000)
        h.librus.edit.add_message(login, topic="Prezentacja", body="Slajdy.", attachments=[huge])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        await opened_body(h, USER, "Prezentacja")
        last = h.last_id(USER)
        h.telegram.press(USER, USER, text="📎 prezentacja.pdf")
        told = await h.telegram.wait_for(USER, has("Telegram przyjmuje"), after=last, timeout=WAIT)
        assert "„prezentacja.pdf” ma 51,3 MB" in told.text and "do 50 MB" in told.text
        assert "Pobierzesz go w Librusie" in told.text
        assert not any(e.document for e in h.news(USER, last))


async def test_in_a_group_only_shared_children_files_are_sent(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=("bot", "poller", "sender")) as h:
        ours, theirs = h.account(0), h.account(1)
        mine_file = SimFile(name="nasz.pdf", size=50_000)
        their_file = SimFile(name="obcy.pdf", size=50_000)
        ours_id = h.librus.edit.add_homework(str(ours["login"]), topic="Nasze", files=[mine_file])
        theirs_id = h.librus.edit.add_homework(
            str(theirs["login"]), topic="Obce", files=[their_file]
        )
        mine, other = await family(h)
        await in_group(h, PARENT, f"/start@dzwonek_bot {await share_code(h)}")
        listed = await in_group(h, MEMBER, "/zadania@dzwonek_bot")
        assert "📎 nasz.pdf" in listed.button_texts()
        sent = await download(h, MEMBER, "📎 nasz.pdf", chat=GROUP, after=h.last_id(GROUP))
        assert sent.document is not None and sent.chat_id == GROUP
        # the other family's child is not shared here: a forged press gets nothing
        their_file_id = next(
            fid for name, fid in h.librus.world.homework[theirs_id].files if name == "obcy.pdf"
        )
        forged = FileCb(kind="h", account=other, item=str(theirs_id), file=their_file_id)
        query = h.telegram.press(GROUP, MEMBER, data=forged.pack())
        assert "nieaktualny" in str((await h.answer_of(query)).get("text"))
        # nor one naming our child with a file its homework does not list
        foreign = FileCb(kind="h", account=mine, item=str(ours_id), file=their_file_id)
        query = h.telegram.press(GROUP, MEMBER, data=foreign.pack())
        assert "nie ma już w danych" in str((await h.answer_of(query)).get("text"))
        assert their_file.downloads == 0 and mine_file.downloads == 1
