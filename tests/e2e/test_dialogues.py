"""Every dialogue can be left: /anuluj and every command work at every step, a command
at the password step never reaches Librus, words at the consent screen point to its
buttons."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from simulator.librus.faults import FaultRule
from tests.e2e.harness import Harness, running_bot

USER = 801


async def _at_password_step(h: Harness) -> str:
    account = h.account()
    h.telegram.user(USER, "Anna")
    await h.say(USER, "/dodaj", expect=lambda e: "Synergii" in e.text)
    await h.say(USER, str(account["login"]), expect=lambda e: "hasło" in e.text)
    return str(account["login"])


@pytest.mark.parametrize("command", ["/plan", "/oceny", "/dodaj", "/pomoc"])
async def test_a_command_at_the_password_step_is_a_command(tmp_path: Path, command: str) -> None:
    async with running_bot(tmp_path) as h:
        login = await _at_password_step(h)
        attempts = h.librus.counter(login).login_attempts
        left = await h.say(USER, command, expect=lambda e: "Przerwałem" in e.text)
        assert "niczego nie zapisałem" in left.text
        # The command's own answer follows; nothing went to Librus as a password.
        answer = await h.telegram.wait_for(
            USER, lambda e: "Przerwałem" not in e.text, after=left.message_id
        )
        assert "Sprawdzam w Librusie" not in answer.text
        assert h.librus.counter(login).login_attempts == attempts
        message = next(e for e in h.telegram.transcript(USER) if e.text == command)
        assert not message.deleted  # not taken for a password either


async def test_a_password_that_begins_with_a_slash_is_still_a_password(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        login = await _at_password_step(h)
        await h.say(USER, "/tajne-haslo", expect=lambda e: "nie przyjął" in e.text)
        assert h.librus.counter(login).failed_logins == 1


@pytest.mark.parametrize("command", ["/anuluj", "/dodaj", "/oceny"])
async def test_the_rename_dialogue_can_be_left(tmp_path: Path, command: str) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        await h.say(USER, "/dzieci", expect=lambda e: "Twoje dzieci" in e.text)
        await h.press(USER, str(account["student"]).split()[0], expect=lambda e: bool(e.buttons))
        await h.press(USER, "Zmień nazwę", expect=lambda e: "Jak mam nazywać" in e.text)
        answer = await h.say(USER, command)
        assert "Nazwa powinna" not in answer.text
        expected = "Przerwane" if command == "/anuluj" else "Przerwałem"
        assert expected in answer.text
        async with h.store.reading() as uow:
            children = await uow.links.children(USER)
        assert children[0].child_name == str(account["student"]).split()[0]  # not renamed


@pytest.mark.parametrize("word", ["tak", "ok", "zgadzam się"])
async def test_words_at_the_consent_screen_point_to_its_buttons(tmp_path: Path, word: str) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _at_password_step(h)
        await h.say(USER, str(account["password"]), expect=lambda e: bool(e.buttons))
        answer = await h.say(USER, word)
        assert "Zgadzam się" in answer.text and "Nie rozumiem" not in answer.text
        done = await h.press(USER, "✅", expect=lambda e: "🎉" in e.text)
        assert "Dodałem konto" in done.text


HUGE = "18446744073709551616"


@pytest.mark.parametrize(
    "data",
    [
        f"u1:unshare:{HUGE}",
        f"k1:menu:{HUGE}",
        f"g1:{HUGE}:0:0",
        "g1:1:0:99999999999",
        f"m1:{HUGE}:1:open",
        f"t1:{HUGE}",
        f"x1:-{HUGE}:grades:0",
    ],
)
async def test_forged_numbers_in_a_button_get_the_stale_answer(tmp_path: Path, data: str) -> None:
    group = -100801
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        await h.link(USER, h.account())
        h.telegram.group(group, members={USER: "creator"})
        intro = await h.bot_joins(group, USER)
        private = h.telegram.bot_messages(USER)[-1]
        for chat, message in ((USER, private), (group, intro)):
            query = h.telegram.press(chat, USER, message.message_id, data=data)
            answer = await h.answer_of(query)
            assert "nieaktualny" in str(answer.get("text")), (chat, answer)
        errors = [e for e in h.telegram.bot_messages(USER) if "Coś poszło nie tak" in e.text]
        assert errors == []


async def test_a_press_behind_a_slow_refresh_is_answered_in_telegrams_window(
    tmp_path: Path,
) -> None:
    """Telegram refuses answers after its window (the fake: 15 s). A press that waits
    behind a 17-second refresh of the same chat is still answered in time."""
    async with running_bot(tmp_path) as h:
        account = h.account()
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        h.clock.advance(timedelta(minutes=3))  # past the refresh cooldown
        h.librus.faults.add(
            FaultRule(mode="slow", endpoint="Grades", login=str(account["login"]), delay=17)
        )
        message = h.telegram.bot_messages(USER)[-1]
        slow = h.telegram.press(USER, USER, message.message_id, text="Odśwież")
        behind = h.telegram.press(USER, USER, message.message_id, text="Odśwież")
        first, second = await h.answer_of(slow, timeout=30), await h.answer_of(behind, timeout=30)
        # The press that got the chat first says what it does; the one behind it is
        # answered by the deadline (an empty answer stops its spinner).
        assert sorted(str(a.get("text") or "") for a in (first, second))[1] == "Pobieram z Librusa…"
        await h.telegram.wait_for(  # the refresh itself ends too
            USER, lambda e: e.message_id == message.message_id and bool(e.edits), timeout=40
        )
        assert h.telegram.late_answers == 0
        errors = [e for e in h.telegram.bot_messages(USER) if "Coś poszło nie tak" in e.text]
        assert errors == []


async def test_an_opened_message_shows_read_and_opens_again_without_the_warning(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        h.librus.edit.add_message(login, topic="Wycieczka do Krakowa", body="Zbiórka o 7:30.")
        h.clock.advance(timedelta(minutes=3))
        inbox = await h.say(USER, "/wiadomosci", expect=lambda e: "Wiadomości" in e.text)
        refreshed = await h.press(USER, "Odśwież", expect=lambda e: "Krakowa" in e.text)
        line = next(x for x in refreshed.text.splitlines() if "Wycieczka do Krakowa" in x)
        assert line.startswith("🔵")
        number = line.split(".")[0].split()[-1]
        del inbox
        warning = await h.press(USER, f"📖 {number}.", expect=lambda e: "Otworzyć?" in e.text)
        assert warning.buttons
        body = await h.press(USER, "Otwórz", expect=lambda e: "Wycieczka do Krakowa" in e.text)
        assert "Otworzyć?" not in body.text
        opened = len(h.librus.side_effects(login))
        again = await h.say(USER, "/wiadomosci", expect=lambda e: "Wiadomości" in e.text)
        line = next(x for x in again.text.splitlines() if "Wycieczka do Krakowa" in x)
        assert line.startswith("▫️")
        second = await h.press(
            USER, f"📖 {number}.", expect=lambda e: "Wycieczka do Krakowa" in e.text
        )
        assert "Otworzyć?" not in second.text
        assert len(h.librus.side_effects(login)) == opened  # nothing more marked read
