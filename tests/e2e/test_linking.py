"""Linking a child: success, every failure, cancel, timeout, and where the password goes."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from simulator.librus.faults import FaultRule
from simulator.telegram.server import Entry
from storage.models import ConversationState, SyncState, SynergiaAccount
from sync.login_checks import LoginLimits
from tests.e2e.harness import Harness, running_bot
from tests.figures import record_figure

USER = 501
PIPELINE = ("bot", "poller", "sender")


async def _to_password_step(h: Harness, account: dict[str, object]) -> None:
    h.telegram.user(USER, "Anna")
    await h.say(USER, "/dodaj", expect=lambda e: "Synergii" in e.text)
    await h.say(USER, str(account["login"]), expect=lambda e: "hasło" in e.text)


async def test_success_deletes_the_password_and_stores_only_ciphertext(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        password = str(account["password"])
        found = await h.say(USER, password, expect=lambda e: bool(e.buttons))
        assert str(account["student"]) in found.text and str(account["class"]) in found.text
        assert "Zgadzasz się" in found.text and "AES-256" in found.text
        password_message = next(e for e in h.telegram.transcript(USER) if e.text == password)
        assert password_message.deleted
        # Nothing stored before consent.
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None
            rows = list(await uow.session.scalars(select(ConversationState)))
        for row in rows:
            assert password not in str(row.data) and password not in str(row.state)
        done = await h.press(USER, "✅", expect=lambda e: "🎉" in e.text)
        assert "Dodałem konto" in done.text
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(str(account["login"]))
            assert stored is not None
            assert await uow.accounts.open_password(stored.id) == password
            blob = await uow.session.scalar(select(SynergiaAccount.password_ct))
            rows = list(await uow.session.scalars(select(ConversationState)))
        assert blob is not None and password.encode() not in blob
        assert all(password not in str(r.data) for r in rows)
    db_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    for form in (
        password.encode(),
        base64.b64encode(password.encode()),
        password.encode().hex().encode(),
    ):
        assert form not in db_bytes
    assert password not in caplog.text


async def test_email_bad_login_sticker_and_huge_message(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        await h.say(USER, "/dodaj")
        email = await h.say(USER, "anna.nowak@gmail.com")
        assert "e-mail" in email.text and "Konta LIBRUS" in email.text
        assert "1234567u" in email.text
        bad = await h.say(USER, "to nie jest login")
        assert "cyfry" in bad.text
        huge = await h.say(USER, "x" * 10_000)
        assert "cyfry" in huge.text
        last = max(e.message_id for e in h.telegram.transcript(USER))
        h.telegram.send_sticker(USER, USER)
        sticker = await h.telegram.wait_for(USER, after=last)
        assert "login" in sticker.text
        ok = await h.say(USER, str(h.account()["login"]).upper())
        assert "hasło" in ok.text


async def test_a_typo_can_be_retried_then_the_login_rests(tmp_path: Path) -> None:
    """A parent's typo is forgiven; two failed checks of one login make it rest for
    three hours, across dialogues, and no check reaches Librus meanwhile."""
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        await _to_password_step(h, account)
        wrong = await h.say(USER, "zle-haslo", expect=lambda e: "nie przyjął" in e.text)
        assert "jeszcze raz" in wrong.text
        ok = await h.say(USER, str(account["password"]), expect=lambda e: bool(e.buttons))
        assert "Zgadzasz się" in ok.text
        await h.press(USER, "Anuluj", expect=lambda e: "niczego nie zapisałem" in e.text)
        await _to_password_step(h, account)
        await h.say(USER, "zle", expect=lambda e: "nie przyjął" in e.text)
        stop = await h.say(USER, "zle", expect=lambda e: "Następną próbę" in e.text)
        assert "nie przyjął" in stop.text and not stop.buttons
        attempted = h.librus.counter(login).login_attempts
        after = await h.say(USER, "zle-znowu")
        assert "Nie rozumiem" in after.text  # the dialogue is over, nothing tried
        # A new dialogue does not reset it, even with the right password.
        await _to_password_step(h, account)
        rest = await h.say(
            USER, str(account["password"]), expect=lambda e: "za dużo nieudanych" in e.text
        )
        assert "synergia.librus.pl" in rest.text
        assert h.librus.counter(login).login_attempts == attempted
        assert not h.librus.captcha_pending(login)
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(login) is None
        h.clock.advance(timedelta(hours=3, minutes=1))
        await _to_password_step(h, account)
        ok = await h.say(USER, str(account["password"]), expect=lambda e: bool(e.buttons))
        assert "Zgadzasz się" in ok.text


async def test_a_stranger_cannot_guess_a_linked_childs_password(tmp_path: Path) -> None:
    """18 guesses by a stranger against a linked login, through new dialogues: Librus
    sees at most the login's allowance, the stranger links nothing, the parent who
    linked the child is told once, and no captcha is summoned."""
    stranger = 777
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        await h.link(USER, account)
        h.librus.reset_counters()
        h.telegram.user(stranger, "Obcy")
        answers = []
        checked = lambda e: "Sprawdzam" not in e.text  # noqa: E731

        async def guess(password: str) -> Entry:
            await h.say(stranger, "/anuluj")
            await h.say(stranger, "/dodaj", expect=lambda e: "Synergii" in e.text)
            await h.say(stranger, login, expect=lambda e: "hasło" in e.text)
            return await h.say(stranger, password, expect=checked)

        answers = [await guess(f"zgaduje-{n}") for n in range(18)]
        # The right password on the 19th try is refused by the limit, unchecked.
        last = await guess(str(account["password"]))
        failed = h.librus.counter(login).failed_logins
        assert failed <= LoginLimits().login_failures
        assert "za dużo nieudanych" in last.text and not last.buttons
        assert sum("za dużo nieudanych" in a.text for a in answers) >= 16
        assert not h.librus.captcha_pending(login)
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
            assert stored is not None
            assert await uow.links.get(stranger, stored.id) is None
        await h.runtime.sender.drain()
        told = [e for e in h.telegram.bot_messages(USER) if "próbował dodać" in e.text]
        assert len(told) == 1 and str(account["student"]).split()[0] in told[0].text
        assert "Obcy" not in told[0].text
        record_figure(
            "password guessing",
            guesses=19,
            failed_librus_logins=failed,
            limit=LoginLimits().login_failures,
            linked=0,
            owners_told=len(told),
        )


@pytest.mark.parametrize(
    ("mode", "text"),
    [("captcha", "Nie jestem robotem"), ("account_expired", "synergia.librus.pl")],
)
async def test_captcha_and_account_action_explain_and_store_nothing(
    tmp_path: Path, mode: str, text: str
) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        h.librus.faults.add(FaultRule(mode=mode, endpoint="login", count=None))
        answer = await h.say(
            USER, str(account["password"]), expect=lambda e: "Sprawdzam" not in e.text
        )
        assert text in answer.text and "Niczego nie zapisałem" in answer.text
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None


@pytest.mark.parametrize(
    ("mode", "text"), [("maintenance", "przerwę techniczną"), ("drop", "połączyć")]
)
async def test_outage_offers_a_retry_without_retyping(tmp_path: Path, mode: str, text: str) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        h.librus.faults.add(FaultRule(mode=mode, endpoint="*", count=None))
        answer = await h.say(
            USER, str(account["password"]), expect=lambda e: "Sprawdzam" not in e.text
        )
        assert text in answer.text and "Spróbuj ponownie" in answer.button_texts()[0]
        h.librus.faults.clear()
        retried = await h.press(USER, "Spróbuj ponownie", expect=lambda e: "Zgadzasz" in e.text)
        assert str(account["student"]) in retried.text


async def test_a_forced_password_change_is_done_in_the_browser_then_linked(
    tmp_path: Path,
) -> None:
    """The school's temporary password: Librus's page is quoted, nothing is retried by
    itself, and the new password typed after the change links the child."""
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        h.librus.require_action(login, "password_change")
        await _to_password_step(h, account)
        answer = await h.say(
            USER, str(account["password"]), expect=lambda e: "Sprawdzam" not in e.text
        )
        assert "„Zmiana hasła”" in answer.text and "synergia.librus.pl" in answer.text
        assert "Spróbuj ponownie" in answer.button_texts()[0]
        assert "nie mogę się połączyć" not in answer.text.lower()
        logins = h.librus.counter(login).login_attempts
        again = await h.press(USER, "Spróbuj ponownie", expect=lambda e: "Sprawdzam" not in e.text)
        assert "Zmiana hasła" in again.text  # not done yet: said again, nothing stored
        assert h.librus.counter(login).login_attempts == logins + 1
        h.librus.clear_action(login, new_password="Moje-Nowe-1")
        ok = await h.say(USER, "Moje-Nowe-1", expect=lambda e: bool(e.buttons))
        assert "Zgadzasz się" in ok.text
        await h.press(USER, "✅", expect=lambda e: "🎉" in e.text)
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
            assert stored is not None
            assert await uow.accounts.open_password(stored.id) == "Moje-Nowe-1"


@pytest.mark.parametrize(
    ("mode", "quoted"),
    [
        ("login_refused_other", "Logowanie z tego konta jest chwilowo niemożliwe"),
        ("captcha_message_only", 'Proszę zaznaczyć pole "Nie jestem robotem"'),
        ("captcha_page", "Potwierdź, że nie jesteś robotem"),
    ],
)
async def test_librus_own_words_are_shown_when_it_refuses(
    tmp_path: Path, mode: str, quoted: str
) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        h.librus.faults.add(FaultRule(mode=mode, endpoint="login", count=None))
        answer = await h.say(
            USER, str(account["password"]), expect=lambda e: "Sprawdzam" not in e.text
        )
        assert f"Librus napisał: „{quoted}" in answer.text
        assert "nie przyjął loginu lub hasła" not in answer.text  # not called a wrong password
        assert not answer.buttons  # nothing to retry: the parent acts in Librus first


async def test_cancel_at_every_step(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        h.telegram.user(USER, "Anna")
        await h.say(USER, "/dodaj")
        cancelled = await h.press(USER, "Anuluj")
        assert "niczego nie zapisałem" in cancelled.text
        await _to_password_step(h, account)
        stopped = await h.say(USER, "/anuluj")
        assert "niczego nie zapisałem" in stopped.text
        await _to_password_step(h, account)
        await h.say(USER, str(account["password"]), expect=lambda e: bool(e.buttons))
        await h.press(USER, "Anuluj", expect=lambda e: "niczego" in e.text)
        stale = h.telegram.press(USER, USER, data="l1:accept")
        assert "nieaktualny" in (await h.answer_of(stale)).get("text", "")
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None
        assert len(h.runtime.app.pending) == 0


async def test_abandoned_dialogue_times_out(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        h.clock.advance(timedelta(minutes=20))
        expired = await h.say(USER, str(account["password"]))
        assert "wygasła" in expired.text and "usunąłem" in expired.text
        password_message = next(
            e for e in h.telegram.transcript(USER) if e.text == str(account["password"])
        )
        assert password_message.deleted
        again = await h.say(USER, "cokolwiek")
        assert "Nie rozumiem" in again.text
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None


async def test_linking_in_a_group_points_to_the_private_chat(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        h.telegram.user(USER, "Anna")
        h.telegram.group(-900, members={USER: "administrator"})
        await h.bot_joins(-900, USER)
        answer = await h.say(USER, "/dodaj", chat_id=-900, expect=lambda e: "prywatn" in e.text)
        assert "t.me/dzwonek_bot?start=add" in answer.text
        h.telegram.user(USER, "Anna")
        deep = await h.say(USER, "/start add", expect=lambda e: "login" in e.text)
        assert "Synergii" in deep.text


async def test_second_parent_attaches_to_the_same_account(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        await h.link(USER, account)
        h.telegram.user(502, "Piotr")
        await h.link(502, account)
        async with h.store.reading() as uow:
            rows = list(await uow.session.scalars(select(SynergiaAccount)))
            states = list(await uow.session.scalars(select(SyncState)))
            first = await uow.links.children(USER)
            second = await uow.links.children(502)
        assert len(rows) == 1 and len(states) == 1
        assert first[0].account_id == second[0].account_id
        # The first parent hears of it, with only Telegram's public name of the other.
        await h.runtime.sender.drain()
        told = [e for e in h.telegram.bot_messages(USER) if "także ktoś inny" in e.text]
        assert len(told) == 1 and "Piotr" in told[0].text
        assert not [e for e in h.telegram.bot_messages(502) if "także ktoś inny" in e.text]
        # Each parent has a private subscription; polling stays one per account.
        async with h.store.reading() as uow:
            subs = await uow.subscriptions.for_account(rows[0].id)
        assert sorted(s.chat_id for s in subs) == [USER, 502]
