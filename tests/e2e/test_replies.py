"""'✏️ Odpowiedz' through the real bot: the parent types a reply, sees what goes to
whom and from which account, confirms, and Librus gets it once; a second press sends
nothing; a refusal shows Librus's words and sends nothing; a send whose answer was
lost is never repeated; the daily cap; no dialogue in a group; none for a system
message."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from bot.callbacks import ReplyCb
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_files import opened_body
from tests.e2e.test_groups import GROUP, PARENT, family, in_group, share_code

USER = 651
TEXT = "Dziękuję, Ola będzie na zebraniu. <i>Pozdrawiam</i>"


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def linked_with_message(h: Harness, topic: str, **extra: object) -> tuple[str, str]:
    account = h.account(0)
    login = str(account["login"])
    message_id = h.librus.edit.add_message(login, topic=topic, body="Zapraszam.", **extra)  # type: ignore[arg-type]
    h.telegram.user(USER, "Anna")
    await h.link(USER, account)
    return login, message_id


async def reopened(h: Harness, topic: str) -> None:
    """A message read already opens without the warning."""
    await h.say(USER, "/wiadomosci", expect=has("Wiadomości"))
    await h.press(USER, f"1. {topic}", expect=has("✉️"))


async def confirmed_screen(h: Harness, topic: str, text: str = TEXT, *, first: bool) -> None:
    """From the message's body to the confirmation screen."""
    await (opened_body(h, USER, topic) if first else reopened(h, topic))
    await h.press(USER, "✏️ Odpowiedz", expect=has("Napisz odpowiedź do"))
    await h.say(USER, text, expect=has("Sprawdź, zanim wyślę"))


async def test_a_reply_is_shown_confirmed_and_sent_once(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        login, message_id = await linked_with_message(h, "Zebranie klasowe")
        message = h.librus.world.messages[message_id]
        teacher = h.librus.world.teachers[message.teacher_id]
        body = await opened_body(h, USER, "Zebranie klasowe")
        assert body.button_texts()[-1] == "✏️ Odpowiedz"
        asked = await h.press(USER, "✏️ Odpowiedz", expect=has("Napisz odpowiedź do"))
        assert teacher.name in asked.text and "Temat: Re: Zebranie klasowe" in asked.text
        # a sticker and a letter too long for the form are answered, and nothing is lost
        last = h.last_id(USER)
        h.telegram.send_sticker(USER, USER)
        await h.telegram.wait_for(USER, has("musi być tekstem"), after=last)
        too_long = await h.say(USER, "x" * 10_000, expect=has("znaków"))
        assert "10\xa0000 znaków" in too_long.text and "najwyżej 2\xa0000" in too_long.text
        screen = await h.say(USER, TEXT, expect=has("Sprawdź, zanim wyślę"))
        child = str(h.account(0)["student"]).split()[0]
        assert f"Do: {teacher.name}" in screen.text
        assert f"Od: konto Synergii ({child}) – w Twoim imieniu" in screen.text
        assert TEXT in screen.text  # exactly as typed, the markup shown as text
        assert h.librus.world.sent_messages == []
        confirmation = ReplyCb.unpack(screen.buttons[0][0]["callback_data"])

        done = await h.press(USER, "✅ Wyślij", expect=has("✅ Wysłane do"))
        assert TEXT in done.text and teacher.name in done.text
        (sent,) = h.librus.world.sent_messages
        assert sent.original == message_id and sent.receivers == [teacher.messages_account_id]
        assert sent.topic == "Re: Zebranie klasowe"
        # the teacher reads the characters typed: Librus shows bodies as HTML
        assert html.unescape(sent.text) == TEXT and "<i>" not in sent.text
        # the same confirmation pressed again sends nothing
        query = h.telegram.press(USER, USER, data=confirmation.pack())
        assert "Tej odpowiedzi już nie ma" in str((await h.answer_of(query)).get("text"))
        assert len(h.librus.world.sent_messages) == 1
        kinds = [e["kind"] for e in h.librus.side_effects(login)]
        assert kinds == ["message_opened", "message_sent"]
        # the bot keeps that a reply went out, never what it said
        database = (tmp_path / "bot.sqlite3").read_bytes()
        for extra in tmp_path.glob("bot.sqlite3-*"):
            database += extra.read_bytes()
        assert "Ola będzie".encode() not in database
        export = await h.say(USER, "/eksport", expect=lambda e: e.document is not None)
        assert export.document is not None
        (record,) = json.loads(export.document[1])["replies_to_teachers"]
        assert record["message_id"] == message_id and record["outcome"] == "sent"
        assert "Ola będzie".encode() not in export.document[1]


async def test_a_refusal_says_librus_words_and_a_lost_answer_is_not_resent(
    tmp_path: Path,
) -> None:
    async with running_bot(
        tmp_path, roles=("bot", "poller", "sender"), replies={"per_day": 2}
    ) as h:
        login, _ = await linked_with_message(h, "Wycieczka")
        # a 403 (the library keeps no body) and a 400 with Librus's sentence
        h.librus.send_modes[login] = "refuse"
        await confirmed_screen(h, "Wycieczka", first=True)
        refused = await h.press(USER, "✅ Wyślij", expect=has("nie przyjął"))
        assert "Librus napisał" not in refused.text
        h.librus.send_modes[login] = "refuse_words"
        await confirmed_screen(h, "Wycieczka", "Czy będzie autokar?", first=False)
        refused = await h.press(USER, "✅ Wyślij", expect=has("nie przyjął"))
        assert "Librus napisał: „Nie masz uprawnień do wysyłania wiadomości.”" in refused.text
        assert h.librus.world.sent_messages == []

        h.librus.send_modes[login] = "lose_answer"
        await confirmed_screen(h, "Wycieczka", "Czy trzeba zabrać legitymację?", first=False)
        unknown = await h.press(USER, "✅ Wyślij", expect=has("nie potwierdził"))
        assert "Wysłane" in unknown.text  # where to look in Librus
        await h.deliver()
        assert len(h.librus.world.sent_messages) == 1  # it went out, once, and stays once

        # a refused reply does not count toward the cap, the one in doubt does
        h.librus.send_modes[login] = "accept"
        await confirmed_screen(h, "Wycieczka", "Dziękuję.", first=False)
        await h.press(USER, "✅ Wyślij", expect=has("✅ Wysłane do"))
        await reopened(h, "Wycieczka")
        last = h.last_id(USER)
        query = h.telegram.press(USER, USER, text="✏️ Odpowiedz")
        assert "dzienny limit" in str((await h.answer_of(query)).get("text"))
        assert "poszły już 2 odpowiedzi" in str((await h.answer_of(query)).get("text"))
        assert [e for e in h.news(USER, last) if "Napisz odpowiedź" in e.text] == []
        assert len(h.librus.world.sent_messages) == 2


async def test_no_dialogue_in_a_group_nor_for_a_system_message(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=("bot", "poller", "sender")) as h:
        login = str(h.account(0)["login"])
        system = h.librus.edit.add_message(
            login, topic="Usprawiedliwienie przyjęte", body="OK", sender="e-Usprawiedliwienia"
        )
        h.librus.edit.add_message(login, topic="Zebranie w grupie", body="Zapraszam.")
        mine, _ = await family(h)
        await in_group(h, PARENT, f"/start@dzwonek_bot {await share_code(h)}")
        await in_group(h, PARENT, "/ustawienia@dzwonek_bot")  # buttons to press on
        forged = ReplyCb(step="start", account=mine, message=system)
        query = h.telegram.press(GROUP, PARENT, data=forged.pack())
        assert "prywatnym czacie" in str((await h.answer_of(query)).get("text"))
        # in the group, the body's button leads to the private chat
        await in_group(h, PARENT, "/wiadomosci@dzwonek_bot")
        await h.press(PARENT, "1. Zebranie w grupie", chat_id=GROUP, expect=has("Otworzyć?"))
        shown = await h.press(PARENT, "Otwórz", chat_id=GROUP, expect=has("✉️"))
        (link,) = [b for row in shown.buttons for b in row if b.get("url")]
        assert link["text"] == "✏️ Odpowiedz (w czacie prywatnym)"
        assert link["url"] == "https://t.me/dzwonek_bot"
        # a system message takes no reply: no button
        await h.say(PARENT, "/wiadomosci", expect=has("Wiadomości"))
        await h.press(PARENT, "2. Usprawiedliwienie przyjęte", expect=has("Otworzyć?"))
        body = await h.press(PARENT, "Otwórz", expect=has("✉️"))
        assert not any("Odpowiedz" in text for text in body.button_texts())


WORDS = {  # what each language's screens say, read by the test below
    "en": ("Open it?", "📖 Open", "✏️ Reply", "Write your reply to", "✅ Send", "✅ Sent to",
           "From: the Synergia account ({}) – in your name", "Downloading"),
    "uk": ("Відкрити?", "📖 Відкрити", "✏️ Відповісти", "Напишіть відповідь", "✅ Надіслати",
           "✅ Надіслано", "Від: обліковий запис Synergia ({}) – від вашого імені", "Завантажую"),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(WORDS))
async def test_two_children_files_and_a_reply_in_english_and_ukrainian(
    tmp_path: Path, language: str
) -> None:
    ask, open_, reply_, write, send_, sent_, from_, fetching = WORDS[language]
    async with running_bot(tmp_path) as h:
        first, second = h.account(0), h.account(1)
        names = [str(a["student"]).split()[0] for a in (first, second)]
        h.librus.edit.add_homework(str(first["login"]), topic="Plakat", files=["plakat.pdf"])
        h.librus.edit.add_homework(str(second["login"]), topic="Mapa", files=["mapa.jpg"])
        message_id = h.librus.edit.add_message(
            str(second["login"]), topic="Konkurs", body="Zgłoszenia do piątku."
        )
        h.telegram.user(USER, "Anna", language_code=language)
        await h.link(USER, first)
        await h.link(USER, second)
        # one /zadania for both children: each file's button says whose it is
        both = await h.say(USER, "/zadania", expect=lambda e: "📎" in " ".join(e.button_texts()))
        labels = [b for b in both.button_texts() if b.startswith("📎")]
        assert f"📎 plakat.pdf · {names[0]}" in labels and f"📎 mapa.jpg · {names[1]}" in labels
        last = h.last_id(USER)
        h.telegram.press(USER, USER, text=f"📎 mapa.jpg · {names[1]}")
        got = await h.telegram.wait_for(
            USER, lambda e: e.document is not None and e.document[0] == "mapa.jpg", after=last
        )
        assert got.document is not None and names[1] in got.text
        assert any(fetching in e.raw for e in h.telegram.bot_messages(USER, include_deleted=True))
        # the second child's message, answered in the chat's language
        picker = await h.say(USER, "/wiadomosci", expect=lambda e: names[1] in e.button_texts())
        assert picker.button_texts() == names
        await h.press(USER, names[1], expect=lambda e: "Konkurs" in " ".join(e.button_texts()))
        await h.press(USER, "1. Konkurs", expect=has(ask))
        await h.press(USER, open_, expect=has("✉️"))
        await h.press(USER, reply_, expect=has(write))
        screen = await h.say(USER, "Zgłaszamy się.", expect=has(from_.format(names[1])))
        assert "{" not in screen.text and "Sprawdź" not in screen.text
        done = await h.press(USER, send_, expect=has(sent_))
        assert "Zgłaszamy się." in done.text
        (sent,) = h.librus.world.sent_messages
        assert sent.login == str(second["login"]) and sent.original == message_id
