"""The sender against the fake Bot API, on SQLite and PostgreSQL: merging, limits,
and each answer Telegram may give (429, 5xx, dropped connections, 403, migration)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot

from bot.config import Settings
from bot.sender import Sender, SenderPolicy
from bot.telegram import create_bot
from bot.throttle import FloodGate
from simulator.telegram.server import FakeTelegram, TelegramFault
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store
from sync.clock import ManualClock

USER, OTHER, GROUP = 701, 702, -100701


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    fake.user(USER, "Anna")
    fake.user(OTHER, "Piotr")
    fake.group(GROUP, members={USER: "creator", OTHER: "member"})
    fake.add_bot_to_group(GROUP, USER)
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    settings = Settings.model_validate(
        {"telegram": {"token": telegram.token, "api_base": telegram.api_base}}
    )
    instance = create_bot(settings, FloodGate())
    try:
        yield instance
    finally:
        await instance.session.close()


def make_sender(store: Store, bot: Bot, clock: ManualClock, **policy: object) -> Sender:
    gate = FloodGate()
    return Sender(store, bot, gate, clock, policy=SenderPolicy(**policy))  # type: ignore[arg-type]


async def queue(
    store: Store, chat: int, values: list[str], now: datetime, *, kind: str = "private"
) -> None:
    async with store.transaction() as uow:
        await uow.chats.ensure(chat, kind)
        rows = [
            NewOutboxRow(
                chat_id=chat,
                account_id=None,
                category="grades",
                payload={
                    "type": "grade_new",
                    "child": "Ania",
                    "data": {"id": v, "value": v, "subject": "Matematyka", "comments": []},
                },
                idempotency_key=f"{chat}:{v}",
                not_before=now,
            )
            for v in values
        ]
        await uow.outbox.enqueue(rows, now)


def texts(telegram: FakeTelegram, chat: int) -> list[str]:
    return [e.text for e in telegram.bot_messages(chat)]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC))


async def test_rows_due_together_are_one_message(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    await queue(store, USER, ["5", "4", "3+"], clock.now())
    sender = make_sender(store, bot, clock)
    assert await sender.drain() == 1
    [message] = texts(telegram, USER)
    assert all(f"Nowa ocena: {v} – Matematyka" in message for v in ("5", "4", "3+"))
    async with store.reading() as uow:
        assert await uow.outbox.due_chats(clock.now(), limit=5) == []
        rows = await uow.outbox.for_chat_since(USER, clock.now() - timedelta(hours=1))
    assert {r.telegram_message_id for r in rows} == {telegram.bot_messages(USER)[0].message_id}
    assert await sender.drain() == 0  # nothing twice


async def test_one_message_per_event_when_the_chat_asks(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    await queue(store, USER, ["5", "4"], clock.now())
    async with store.transaction() as uow:
        await uow.chats.update_settings(USER, batch_notifications=False)
    assert await make_sender(store, bot, clock).drain() == 2
    assert len(texts(telegram, USER)) == 2
    assert telegram.flood.violations == []


async def test_a_blocked_user_deactivates_the_chat_and_drops_its_queue(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    telegram.block_bot(USER)
    await queue(store, USER, ["5"], clock.now())
    await queue(store, OTHER, ["2"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    assert sender.stats.deactivated == 1 and texts(telegram, OTHER)
    async with store.reading() as uow:
        chat = await uow.chats.get(USER)
        assert chat is not None and not chat.active
        assert await uow.outbox.pending_for_chat(USER) == []
    sends_to_blocked = [m for m, status in telegram.requests if status == 403]
    assert len(sends_to_blocked) == 1  # and never again


async def test_a_group_that_became_a_supergroup_gets_its_news_under_the_new_id(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    await queue(store, GROUP, ["6"], clock.now(), kind="group")
    telegram.migrate_group(GROUP, -1000701, USER)
    sender = make_sender(store, bot, clock)
    await sender.drain()
    assert sender.stats.migrated == 1
    assert texts(telegram, -1000701) and "Nowa ocena: 6" in texts(telegram, -1000701)[0]
    async with store.reading() as uow:
        assert await uow.chats.get(GROUP) is None
        assert await uow.chats.get(-1000701) is not None


async def test_server_errors_are_retried_with_backoff(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    telegram.faults.append(TelegramFault("bad_gateway", "sendMessage", count=2))
    await queue(store, USER, ["5"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    assert texts(telegram, USER) == []
    for _ in range(3):
        clock.advance(timedelta(minutes=20))
        await sender.drain()
    assert len(texts(telegram, USER)) == 1
    assert sender.stats.retried == 2 and sender.stats.in_doubt == 0


async def test_a_dropped_connection_is_in_doubt_and_sent_again(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    telegram.faults.append(TelegramFault("drop", "sendMessage", count=1))
    await queue(store, USER, ["5"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    clock.advance(timedelta(minutes=20))
    await sender.drain()
    assert len(texts(telegram, USER)) == 1  # the fake dropped it before taking it
    async with store.reading() as uow:
        assert await uow.outbox.in_doubt_count() == 1


async def test_flood_control_is_waited_out_without_losing_the_row(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    telegram.faults.append(TelegramFault("rate_limited", "sendMessage", count=1, retry_after=1))
    await queue(store, USER, ["5"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    assert len(texts(telegram, USER)) == 1
    async with store.reading() as uow:
        [row] = await uow.outbox.for_chat_since(USER, clock.now() - timedelta(hours=1))
    assert row.attempts == 0 and row.sent_at is not None


@pytest.mark.usefixtures("telegram")
async def test_a_row_claimed_by_a_dead_sender_is_resent_once_in_doubt(
    store: Store, bot: Bot, clock: ManualClock
) -> None:
    await queue(store, USER, ["5"], clock.now())
    async with store.transaction() as uow:  # a sender claimed it, then died
        claimed = await uow.outbox.claim_for_chat(
            USER, clock.now(), until=clock.now() + timedelta(seconds=90), limit=10
        )
    assert len(claimed) == 1
    sender = make_sender(store, bot, clock)
    assert await sender.drain() == 0  # still claimed
    clock.advance(timedelta(seconds=91))
    assert await sender.drain() == 1
    assert sender.stats.in_doubt == 1


async def test_group_and_chat_limits_hold(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    async with store.transaction() as uow:
        await uow.chats.ensure(GROUP, "group")
        await uow.chats.update_settings(GROUP, batch_notifications=False)
    await queue(store, GROUP, [str(n) for n in range(6)], clock.now(), kind="group")
    await queue(store, USER, ["1", "2"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    assert len(texts(telegram, GROUP)) == 6 and len(texts(telegram, USER)) == 1
    assert telegram.flood.violations == []


async def test_a_forty_minute_outage_loses_nothing_and_a_day_long_one_is_told(
    store: Store, bot: Bot, telegram: FakeTelegram, clock: ManualClock
) -> None:
    """Given up by age, not by a count of attempts: 12 jittered attempts used to drop a
    notification after about 40 minutes of a Telegram outage."""
    telegram.faults.append(TelegramFault("bad_gateway", "sendMessage", count=None))
    await queue(store, USER, ["5"], clock.now())
    # No wait between messages to one chat: the test's passes need no real seconds.
    sender = Sender(store, bot, FloodGate(chat_interval=0), clock, policy=SenderPolicy())
    for _ in range(16):  # five hours of failures, a pass 20 minutes apart
        clock.advance(timedelta(minutes=20))
        await sender.drain()
    assert sender.stats.dropped == 0
    telegram.faults.clear()
    clock.advance(timedelta(minutes=16))
    await sender.drain()
    assert [t for t in texts(telegram, USER) if "Nowa ocena: 5" in t]
    # A day-long outage: the row is given up, counted, and the chat told once.
    telegram.faults.append(TelegramFault("bad_gateway", "sendMessage", count=None))
    await queue(store, USER, ["4"], clock.now())
    for _ in range(13):
        clock.advance(timedelta(hours=2))
        await sender.drain()
    assert sender.stats.dropped == 1
    telegram.faults.clear()
    clock.advance(timedelta(minutes=20))
    await sender.drain()
    told = [t for t in texts(telegram, USER) if "nie dotarła" in t]
    assert len(told) == 1 and "/ostatnie" in told[0]
    async with store.reading() as uow:
        timeline = await uow.outbox.for_chat_since(USER, clock.now() - timedelta(days=3))
    assert any(r.payload.get("data", {}).get("value") == "4" for r in timeline)


async def test_a_busy_database_after_a_send_does_not_send_it_twice(
    store: Store,
    bot: Bot,
    telegram: FakeTelegram,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy.exc import OperationalError

    from storage.repositories.outbox import OutboxRepository

    real = OutboxRepository.mark_sent
    failures = {"left": 3}

    async def busy(self: OutboxRepository, *args: object, **kwargs: object) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("UPDATE outbox", {}, Exception("database is locked"))
        await real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(OutboxRepository, "mark_sent", busy)
    await queue(store, USER, ["5"], clock.now())
    sender = make_sender(store, bot, clock)
    await sender.drain()
    clock.advance(timedelta(minutes=5))  # past the claim: a lost mark would resend
    await sender.drain()
    assert len([t for t in texts(telegram, USER) if "Nowa ocena: 5" in t]) == 1
    assert failures["left"] == 0
