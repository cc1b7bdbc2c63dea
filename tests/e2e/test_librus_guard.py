"""The bot is never a way to hurt a child's Librus account: a paused account makes no
Librus call from any press, and a button pressed thirty times is not thirty fetches."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.callbacks import MessageCb, RefreshCb
from simulator.librus.faults import FaultRule
from tests.e2e.harness import Harness, running_bot
from tests.figures import record_figure

USER = 601
PIPELINE = ("bot", "poller", "sender")


def _requests(h: Harness, login: str) -> int:
    return sum(h.librus.counter(login).requests.values()) + sum(
        h.librus.counter(None).requests.values()
    )


async def test_presses_on_a_paused_child_make_no_librus_request(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        inbox = await h.say(USER, "/wiadomosci", expect=lambda e: "Wiadomości" in e.text)
        assert inbox.buttons
        # The password is changed at school: the next poll pauses the child.
        h.password_changed_at_school(login, "zmienione-w-szkole")
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
            assert stored is not None and stored.is_paused
        h.librus.reset_counters()
        message = MessageCb.unpack(str(inbox.buttons[0][0]["callback_data"])).message
        answers = []
        for step in ("ask", "open", "open", "ask", "open"):
            data = MessageCb(account=stored.id, message=message, step=step).pack()
            query = h.telegram.press(USER, USER, data=data)
            answers.append(await h.answer_of(query))
        refresh = RefreshCb(command="wiadomosci", account=stored.id).pack()
        for _ in range(5):
            h.telegram.press(USER, USER, data=refresh)
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        made = _requests(h, login)
        assert made == 0, h.librus.counter(login).to_json()
        assert all("wstrzymane" in str(a.get("text")) for a in answers)
        record_figure("paused presses", presses=10, librus_requests=made)


async def test_thirty_refresh_presses_are_not_thirty_fetches(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
        assert stored is not None
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        h.clock.advance(timedelta(minutes=5))
        h.librus.reset_counters()
        refresh = RefreshCb(command="oceny", account=stored.id).pack()
        queries = [h.telegram.press(USER, USER, data=refresh) for _ in range(30)]
        for query in queries:
            await h.answer_of(query)
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        grades_fetches = h.librus.counter(login).requests["Grades"]
        flood_requests = _requests(h, login)
        assert 1 <= grades_fetches <= 2, h.librus.counter(login).to_json()
        # After the cooldown a press fetches again.
        h.clock.advance(timedelta(minutes=2))
        last = h.telegram.press(USER, USER, data=refresh)
        await h.answer_of(last)
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert h.librus.counter(login).requests["Grades"] == grades_fetches + 1
        record_figure(
            "refresh flood",
            presses=30,
            grades_fetches=grades_fetches,
            requests=flood_requests,
        )


@pytest.mark.parametrize(
    ("mode", "reason", "status"),
    [
        ("wrong_password_flag_false", "invalid_credentials", "nie przyjmuje hasła"),
        ("captcha_message_only", "captcha", "captchę"),
        ("captcha_page", "captcha", "captchę"),
        ("password_change", "account_action", "czeka na działanie"),
        ("accept_terms", "account_action", "czeka na działanie"),
        ("account_expired", "account_action", "czeka na działanie"),
        ("login_refused_other", "login_refused", "odmówił logowania"),
    ],
)
async def test_a_linked_child_pauses_for_the_right_reason_and_is_not_retried(
    tmp_path: Path, mode: str, reason: str, status: str
) -> None:
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        login = str(account["login"])
        h.telegram.user(USER, "Anna")
        await h.link(USER, account)
        h.librus.faults.add(FaultRule(mode=mode, endpoint="login", login=login, count=None))
        h.librus.kill_sessions(login)
        h.clock.advance(timedelta(hours=1))
        await h.deliver()
        async with h.store.reading() as uow:
            stored = await uow.accounts.by_login(login)
        assert stored is not None and stored.is_paused and stored.pause_reason == reason
        attempts = h.librus.counter(login).login_attempts
        for _ in range(3):  # hours go by: no path tries the refused login again
            h.clock.advance(timedelta(hours=2))
            await h.deliver()
        await h.say(USER, "/oceny", expect=lambda e: "Oceny" in e.text)
        assert h.librus.counter(login).login_attempts == attempts
        children = await h.say(USER, "/dzieci", expect=lambda e: "Twoje dzieci" in e.text)
        assert status in children.text
