"""Linking a child: success, every failure, cancel, timeout, and where the password goes."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from simulator.librus.faults import FaultRule
from storage.models import ConversationState, SyncState, SynergiaAccount
from tests.e2e.harness import Harness, running_bot

USER = 501


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


async def test_wrong_password_can_be_retried_then_stops_after_three(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        await _to_password_step(h, account)
        wrong = await h.say(USER, "zle-haslo", expect=lambda e: "nie przyjął" in e.text)
        assert "jeszcze raz" in wrong.text
        ok = await h.say(USER, str(account["password"]), expect=lambda e: bool(e.buttons))
        assert "Zgadzasz się" in ok.text
        await h.press(USER, "Anuluj", expect=lambda e: "niczego nie zapisałem" in e.text)
        await _to_password_step(h, account)
        for _ in range(2):
            await h.say(USER, "zle", expect=lambda e: "nie przyjął" in e.text)
        stop = await h.say(USER, "zle", expect=lambda e: "trzecia" in e.text)
        assert "synergia.librus.pl" in stop.text
        logins_attempted = h.librus.counter(str(account["login"])).login_attempts
        after = await h.say(USER, "zle-znowu")
        assert "Nie rozumiem" in after.text  # the dialogue is over, nothing tried
        assert h.librus.counter(str(account["login"])).login_attempts == logins_attempted
        async with h.store.reading() as uow:
            assert await uow.accounts.by_login(str(account["login"])) is None


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
        assert h.runtime.app is not None and len(h.runtime.app.pending) == 0


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
    async with running_bot(tmp_path) as h:
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
        # Each parent has a private subscription; polling stays one per account.
        async with h.store.reading() as uow:
            subs = await uow.subscriptions.for_account(rows[0].id)
        assert sorted(s.chat_id for s in subs) == [USER, 502]
