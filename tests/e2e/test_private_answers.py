"""Answers only the asker sees in a family group (Bot API 10.2 ephemeral messages), end
to end: the answer and its buttons for the asker alone, the line with the private-chat
link, the link's checks, each way Telegram may fail to keep the answer private, the
group's setting, a teacher's message opened from the group, in three languages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, OTHER, PARENT, family, in_group, share_code

PIPELINE = ("bot", "poller", "sender")
STRANGER = 990
GRADES = "📚 Oceny – Laura"


async def shared_family(h: Harness) -> int:
    """The group with PARENT's child (Laura, whose grades the answers show) shared."""
    mine, _ = await family(h)
    await in_group(h, PARENT, f"/start {await share_code(h)}")
    return mine


def link_of(entry: Entry) -> str:
    """The /start payload of the line's private-chat link."""
    urls = [b.get("url") or "" for row in entry.buttons for b in row]
    assert len(urls) == 1 and "?start=v_" in urls[0], urls
    return urls[0].split("?start=", 1)[1]


async def press_on(h: Harness, user: int, entry: Entry, text: str) -> Entry:
    """`user` presses `text` on this message of the group; it as edited next."""
    edits = len(entry.edits)
    h.telegram.press(GROUP, user, entry.message_id, text=text)
    return await h.telegram.wait_for(
        GROUP, lambda e: e is entry and len(e.edits) > edits, after=entry.message_id - 1
    )


async def asks(h: Harness, user: int, command: str) -> tuple[list[Entry], Entry]:
    """`user` types `command` in the group: (what only they got, the public line)."""
    start = h.last_id(GROUP)
    await in_group(h, user, command)
    line = await h.telegram.wait_for(GROUP, lambda e: "🔒" in e.text[:2], after=start)
    assert line.receiver is None
    mine = [e for e in h.news(GROUP, start) if e.receiver == user]
    return mine, line


async def test_only_the_asker_sees_grades_and_the_link_opens_them_privately(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        mine = await shared_family(h)
        answer, line = await asks(h, MEMBER, "/oceny")
        assert len(answer) == 1 and GRADES in answer[0].text
        # Nothing of the grades is posted for the group; the line names the asker.
        assert all(GRADES not in e.text for e in h.telegram.public(GROUP))
        assert line.text == "🔒 Babcia: tę odpowiedź widzisz tylko Ty."
        assert link_of(line) == f"v_oceny_{GROUP}_{mine}"
        assert answer[0] not in h.telegram.seen_by(GROUP, PARENT)
        # Its buttons work for the asker, in place, and stay hers.
        subject = answer[0].button_texts()[0]
        detail = await press_on(h, MEMBER, answer[0], subject)
        assert detail.message_id == answer[0].message_id and detail.receiver == MEMBER
        assert subject in detail.text and detail.text != answer[0].edits[0][0]
        # The link, opened in the private chat by a member of the group.
        private = await h.say(MEMBER, f"/start {link_of(line)}")
        assert private.text.startswith("🔒 Z grupy „Rodzina”:") and GRADES in private.text
        assert not private.buttons
        # ... and by someone outside it, or by a member who has left.
        h.telegram.user(STRANGER, "Ktoś")
        refused = await h.say(STRANGER, f"/start {link_of(line)}")
        assert refused.text.startswith("Ten link już nie działa") and GRADES not in refused.text
        h.telegram.set_member(GROUP, MEMBER, "left")
        again = await h.say(MEMBER, f"/start {link_of(line)}")
        assert again.text.startswith("Ten link już nie działa")
        # A forged link for another family's child, or for a group that never had it.
        async with h.store.reading() as uow:
            theirs = (await uow.links.children(OTHER))[0].account_id
        forged = await h.say(OTHER, f"/start v_oceny_{GROUP}_{theirs}")
        assert forged.text.startswith("Ten link już nie działa")
        assert (await h.say(PARENT, "/start v_oceny_-5_1")).text.startswith("Ten link")


async def test_when_telegram_refuses_or_ignores_the_answer_stays_out_of_the_group(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await shared_family(h)
        # Refused (a 400): nothing for the asker, the line says so and links.
        h.telegram.ephemeral_mode = "refused"
        answer, line = await asks(h, MEMBER, "/frekwencja")
        assert answer == []
        assert line.text.startswith("🔒 Babcia: Telegram nie pokazał tej odpowiedzi tylko Tobie")
        assert link_of(line).startswith(f"v_frekwencja_{GROUP}_")
        assert not any("Frekwencja" in e.text for e in h.telegram.public(GROUP))
        # Taken, and never seen (offline): the line is there for her anyway.
        h.telegram.ephemeral_mode = "deliver"
        h.telegram.ephemeral_offline.add(MEMBER)
        answer, line = await asks(h, MEMBER, "/oceny")
        assert len(answer) == 1 and answer[0].unseen
        assert answer[0] not in h.telegram.seen_by(GROUP, MEMBER)
        assert "widzisz tylko Ty" in line.text and link_of(line)
        # An older server drops the parameters and posts for all: taken back at once,
        # and not tried again.
        h.telegram.ephemeral_offline.clear()
        h.telegram.ephemeral_mode = "ignored"
        start = h.last_id(GROUP)
        _, line = await asks(h, MEMBER, "/oceny")
        posted = [
            e
            for e in h.telegram.bot_messages(GROUP, include_deleted=True)
            if e.message_id > start and GRADES in e.text
        ]
        assert len(posted) == 1 and posted[0].deleted
        assert "nie pokazał" in line.text
        sent_before = len(h.telegram.requests)
        _, line = await asks(h, MEMBER, "/uwagi")
        assert "nie pokazał" in line.text
        tried = [m for m, _ in h.telegram.requests[sent_before:] if m == "deleteMessage"]
        assert tried == []  # not posted again to be taken back
        assert all(GRADES not in e.text for e in h.telegram.public(GROUP))


async def test_admins_choose_answers_for_everyone(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await shared_family(h)
        view = await in_group(h, PARENT, "/ustawienia")
        assert (
            "🔒 Oceny, frekwencja, uwagi i treść wiadomości: widzi je tylko osoba, która pyta"
            in (view.text)
        )
        query = h.telegram.press(GROUP, MEMBER, view.message_id, text="wszystkim w grupie")
        assert "administrator" in (await h.answer_of(query))["text"]
        query = h.telegram.press(GROUP, PARENT, view.message_id, text="wszystkim w grupie")
        assert (await h.answer_of(query))["text"] == "Zapisano."
        start = h.last_id(GROUP)
        answer = await in_group(h, MEMBER, "/oceny")
        assert answer.receiver is None and GRADES in answer.text
        assert all(e.receiver is None for e in h.news(GROUP, start))
        async with h.store.reading() as uow:
            chat = await uow.chats.get(GROUP)
        assert chat is not None and not chat.private_answers


async def test_a_teachers_message_opened_from_the_group_is_for_the_asker(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await shared_family(h)
        login = str(h.account(0)["login"])
        start = h.last_id(GROUP)
        h.librus.edit.add_message(
            login,
            topic="Zebranie",
            body="Szanowni Państwo, " + "w sprawie zebrania " * 20 + "proszę o pilny kontakt.",
            attachments=["a.pdf"],
        )
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        news = [e for e in h.news(GROUP, start) if "Zebranie" in e.text]
        assert len(news) == 1 and news[0].receiver is None  # the preview is for everyone
        h.telegram.press(GROUP, MEMBER, news[0].message_id, text="Pokaż treść")
        warning = await h.telegram.wait_for(GROUP, lambda e: "Otworzyć?" in e.text, after=start)
        assert warning.receiver == MEMBER
        body = await press_on(h, MEMBER, warning, "Otwórz")
        assert body.receiver == MEMBER and body.message_id == warning.message_id
        assert "a.pdf" in body.text and not any("📎" in b for b in body.button_texts())
        assert all("pilny kontakt" not in e.text for e in h.telegram.public(GROUP))
        assert [e["kind"] for e in h.librus.side_effects(login)] == ["message_opened"]
        # The link shows an opened message again, privately, and never opens a new one.
        show = [b for row in news[0].buttons for b in row if "Pokaż treść" in b["text"]]
        _, account, message_id, _ = str(show[0]["callback_data"]).split(":")
        private = await h.say(MEMBER, f"/start v_m_{GROUP}_{account}_{message_id}")
        assert private.text.startswith("🔒 Z grupy „Rodzina”:") and "pilny kontakt" in private.text
        unread = h.librus.edit.add_message(login, topic="Inne", body="Nowa sprawa.")
        h.clock.advance(timedelta(minutes=13))
        await h.deliver()
        refused = await h.say(MEMBER, f"/start v_m_{GROUP}_{account}_{unread}")
        assert refused.text.startswith("Ten link już nie działa")
        assert "Nowa sprawa" not in refused.text
        assert [e["kind"] for e in h.librus.side_effects(login)].count("message_opened") == 1


async def test_english_and_ukrainian_groups(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await shared_family(h)
        h.telegram.user(MEMBER, "Babcia").language_code = "uk"
        for language, shown, refused, grades in (
            ("en", "🔒 Babcia: only you can see this answer.", "could not show this", "Grades"),
            ("uk", "🔒 Babcia: цю відповідь бачите лише Ви.", "не зміг показати", "Оцінки"),
        ):
            async with h.store.transaction() as uow:
                await uow.chats.update_settings(GROUP, language=language)
            h.telegram.ephemeral_mode = "deliver"
            answer, line = await asks(h, MEMBER, "/oceny")
            assert line.text == shown and len(answer) == 1 and grades in answer[0].text
            h.telegram.ephemeral_mode = "refused"
            _, line = await asks(h, MEMBER, "/oceny")
            assert refused in line.text
            private = await h.say(MEMBER, f"/start {link_of(line)}")
            assert "Оцінки – Laura" in private.text  # her own chat speaks Ukrainian


async def test_two_families_children_the_picker_is_the_askers_too(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        await shared_family(h)
        await in_group(h, OTHER, f"/start {await share_code(h, OTHER)}")
        picker, line = await asks(h, MEMBER, "/oceny")
        assert len(picker) == 1 and "Którego dziecka" in picker[0].text
        assert link_of(line) == f"v_oceny_{GROUP}_0"
        chosen = await press_on(h, MEMBER, picker[0], "Laura")
        assert chosen.receiver == MEMBER and GRADES in chosen.text
        assert all(GRADES not in e.text for e in h.telegram.public(GROUP))
        both = await h.say(MEMBER, f"/start {link_of(line)}")
        assert GRADES in both.text and both.text.count("📚") == 2
