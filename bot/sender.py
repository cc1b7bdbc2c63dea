"""Delivers the outbox within Telegram's limits.

Each pass takes the chats with rows due now whose flood gate is open, and per chat:
claims its due rows (committed before anything is sent), renders them as one message
in the chat's language (or, where the chat chose one message per event, one row per
pass, so a chat waiting out its second holds no sending slot), splits what is too
long, sends, and marks the rows sent. A pass that sent something is followed at once
by the next; the global gate sets the pace. Telegram's answers decide the rest:

* 429: the throttle waits `retry_after` and tries again; if it keeps coming, the rows
  are postponed by `retry_after` without counting an attempt;
* 5xx: retried with full-jitter backoff (up to 15 minutes apart) for a day: a row is
  given up by its age, not by a count of attempts, and then the chat is told once;
* a network error (or a timeout) after the request may have gone: retried the same
  way and marked in doubt, because Telegram may have delivered it;
* 403 (blocked, removed from the group) or "chat not found": the chat is deactivated
  and its queue dropped;
* the group became a supergroup: the chat, its subscriptions and queue move to the new
  id, and the rows go out there at once;
* any other refusal: the rows are dropped and the reason logged (a bug to fix, not a
  reason to retry forever).

A row claimed by a sender that died before marking it is taken again once its claim
runs out, marked in doubt: Telegram offers bots no idempotency key, so a message
accepted just before a crash is the one duplicate left, and it is counted.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup
from sqlalchemy.exc import SQLAlchemyError

from bot.i18n import Translator, translator
from bot.render import briefs, charts
from bot.render.briefs import ChildSnapshots, catch_up_text
from bot.render.events import notification
from bot.render.text import split_message
from bot.throttle import FloodGate
from bot.topics import Topics, lost_thread
from storage.records import ChatRecord, ChildRecord, OutboxRecord
from storage.uow import Store, UnitOfWork
from sync import kinds as K
from sync import payloads as P
from sync.averages import Grading
from sync.backoff import full_jitter
from sync.briefs import BRIEF_TYPES, CATCH_UP, EVENING, WEEKLY
from sync.chat_fate import chat_gone, chat_migrated
from sync.clock import WARSAW, Clock
from sync.crashpoints import crash_point
from sync.forecast import chat_thresholds, current_semester
from sync.metrics import CHARTS, GIVEN_UP, SEND_LATENCY, SENDS
from sync.notices import notice_row

log = logging.getLogger("bot.sender")

EXPIRED = "expired: "  # the drop reason of rows given up by age (the timeline keeps them)
GONE = ("chat not found", "user is deactivated", "bot was kicked")
# Refusals that pass: a bot restricted by the group's admins, slow mode. The queue is
# held and tried again every HOLD, never dropped for it; the sharing parents are told
# if it lasts longer than HOLD_TOLD.
CANNOT_SEND = ("have no rights to send", "not enough rights", "chat_write_forbidden")
HOLD = timedelta(minutes=15)
HOLD_TOLD = timedelta(hours=1)


@dataclass(frozen=True)
class SenderPolicy:
    claim_for: timedelta = timedelta(seconds=90)
    rows_per_message: int = 40  # more rows than this go out in the next message
    # A notification is given up by age, not by a count of attempts: a Telegram or
    # network outage of hours must not lose news. One older than this is dropped,
    # counted, and the chat told once what it missed (when Telegram takes it).
    give_up_after: timedelta = timedelta(hours=24)
    retry_base: timedelta = timedelta(seconds=5)
    retry_cap: timedelta = timedelta(minutes=15)
    chats_per_pass: int = 200
    concurrency: int = 16


@dataclass
class SendStats:
    messages: int = 0
    rows: int = 0
    retried: int = 0
    dropped: int = 0
    deactivated: int = 0
    migrated: int = 0
    in_doubt: int = 0
    rate_limited: int = 0
    errors: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SendPass:
    """What one pass did, and how long the loop may rest after it."""

    sent: int = 0  # messages sent
    #: Seconds until the first flood gate opens, when every due chat waited for its
    #: gate (the loop wakes then rather than a whole tick later); 0 otherwise.
    gate_wait: float = 0.0


class Sender:
    def __init__(
        self,
        store: Store,
        bot: Bot,
        gate: FloodGate,
        clock: Clock,
        *,
        policy: SenderPolicy | None = None,
        rng: random.Random | None = None,
        topics: Topics | None = None,
    ) -> None:
        self.store = store
        self.topics = topics
        self.bot = bot
        self.gate = gate
        self.clock = clock
        self.policy = policy or SenderPolicy()
        self.rng = rng or random.Random()
        self.stats = SendStats()
        self.last_pass = 0.0  # monotonic time of the last pass; 0 until it sends at all
        self.wake = asyncio.Event()

    # ------------------------------------------------------------------ the loop

    async def run(self, stop: asyncio.Event, *, tick: float = 1.0) -> None:
        """Deliver until `stop` is set: a pass every `tick` seconds, or at once when
        the pollers `wake` it with new rows."""
        while not stop.is_set():
            self.last_pass = time.monotonic()
            done = SendPass()
            try:
                done = await self.deliver_due()
            except Exception:
                log.exception("a send pass failed")
            if done.sent:  # more may be due: the flood gate, not the tick, sets the pace
                await asyncio.sleep(0)
                continue
            self.wake.clear()
            pause = min(tick, done.gate_wait) if done.gate_wait > 0 else tick
            waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wake.wait())]
            await asyncio.wait(waits, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waits:
                waiter.cancel()

    async def deliver_due(self) -> SendPass:
        """One pass over the chats with something due."""
        now = self.clock.now()
        async with self.store.reading() as uow:
            # More candidates than a pass takes: chats that were just written to wait
            # for their gate, and must not stand in the way of the ones that need not.
            chats = await uow.outbox.due_chats(now, limit=4 * self.policy.chats_per_pass)
        delays = {c.id: self.gate.delay(c.id, not c.is_private) for c in chats}
        ready = [c for c in chats if delays[c.id] <= 0][: self.policy.chats_per_pass]
        closed = [d for d in delays.values() if d > 0]
        before = self.stats.messages
        limit = asyncio.Semaphore(self.policy.concurrency)

        async def one(chat: ChatRecord) -> None:
            async with limit:
                await self.deliver_chat(chat)

        await asyncio.gather(*(one(chat) for chat in ready))
        return SendPass(
            sent=self.stats.messages - before,
            gate_wait=min(closed) if closed and not ready else 0.0,
        )

    async def drain(self, *, max_passes: int = 1000) -> int:
        """Deliver until nothing is due now (tests, the demo); returns messages sent."""
        sent = 0
        for _ in range(max_passes):
            now = self.clock.now()
            async with self.store.reading() as uow:
                due = await uow.outbox.due_chats(now, limit=1)
            if not due:
                return sent
            delivered = (await self.deliver_due()).sent
            sent += delivered
            if not delivered:
                await asyncio.sleep(0.05)  # every due chat is waiting for its gate
        return sent

    # ------------------------------------------------------------------ one chat

    async def deliver_chat(self, chat: ChatRecord) -> None:
        now = self.clock.now()
        # One message per pass to a chat that wants one per event: the next waits for
        # the chat's gate in a later pass instead of holding a sending slot meanwhile.
        limit = self.policy.rows_per_message if chat.batch_notifications else 1
        async with self.store.transaction() as uow:
            rows = await uow.outbox.claim_for_chat(
                chat.id, now, until=now + self.policy.claim_for, limit=limit
            )
            children = await uow.links.children_of_chat(chat.id)
        if not rows:
            return
        crash_point("send.claimed")
        self.stats.in_doubt += sum(1 for r in rows if r.in_doubt)
        t = translator(chat.language)
        names = {c.account_id: c.child_name for c in children}
        events = [r for r in rows if r.payload.get("type") not in BRIEF_TYPES]
        groups: list[list[OutboxRecord]] = []
        for same in self._streams(chat, events):
            groups.extend([same] if chat.batch_notifications else [[r] for r in same])
        groups.extend([r] for r in rows if r.payload.get("type") in BRIEF_TYPES)
        for index, group in enumerate(groups):
            if group[0].payload.get("type") in BRIEF_TYPES:
                text, markup = await self._brief(t, chat, group[0], children), None
            else:
                text, markup = notification(
                    t,
                    group,
                    names=names,
                    many_children=len(children) > 1,
                    local_hour=_local_hour(now, chat.timezone),
                )
            outcome = await self._send(chat, group, text, markup, names)
            if outcome == "sent" and chat.weekly_charts and group[0].payload.get("type") == WEEKLY:
                await self._weekly_charts(chat, t, children, now)
            if outcome != "sent":
                rest = [r.id for g in groups[index + 1 :] for r in g]
                if rest and outcome != "gone":
                    async with self.store.transaction() as uow:
                        await uow.outbox.release(rest)
                return

    def _streams(self, chat: ChatRecord, events: list[OutboxRecord]) -> list[list[OutboxRecord]]:
        """The events as one stream, or, in a chat with a topic per child, per child
        (news about no child in particular first, for the main stream)."""
        if not events:
            return []
        if not self._per_child(chat):
            return [events]
        streams: dict[int | None, list[OutboxRecord]] = {}
        for row in events:
            streams.setdefault(row.account_id, []).append(row)
        return [streams[k] for k in sorted(streams, key=lambda k: (k is not None, k or 0))]

    def _per_child(self, chat: ChatRecord) -> bool:
        return (
            self.topics is not None
            and self.topics.enabled
            and chat.is_private
            and chat.child_topics
        )

    async def _thread(
        self, chat: ChatRecord, rows: list[OutboxRecord], names: dict[int, str]
    ) -> int | None:
        """The topic of the one child these rows are about (None: the main stream)."""
        accounts = {r.account_id for r in rows}
        return await self._thread_of(chat, accounts.pop() if len(accounts) == 1 else None, names)

    async def _weekly_charts(
        self, chat: ChatRecord, t: Translator, children: list[ChildRecord], now: datetime
    ) -> None:
        """After the weekly summary, each child's grade chart of the semester (asked for
        in /ustawienia). The summary is the news; a chart that cannot be drawn or sent
        is logged and counted, not retried."""
        today = now.astimezone(WARSAW).date()
        wanted = [(c.account_id, k) for c in children for k in (K.GRADES, K.REFERENCE)]
        async with self.store.reading() as uow:
            snaps = await uow.snapshots.get_many(wanted)
        names = {c.account_id: c.child_name for c in children}
        for child in children:
            grades = snaps.get((child.account_id, K.GRADES))
            reference = snaps.get((child.account_id, K.REFERENCE))
            ref = reference.data if reference else {}
            semester = current_semester(ref, today)
            trends = charts.trends(
                P.grades_in(grades.data if grades else None), Grading.from_reference(ref), semester
            )
            shown = [trend for trend in trends if len(trend.points) >= 2]
            if not shown:
                continue
            name = child.child_name
            try:
                png = await asyncio.to_thread(charts.grades_png, t, name, shown, semester)
                thread = await self._thread_of(chat, child.account_id, names)
                await self.bot.send_photo(
                    chat.id,
                    BufferedInputFile(png, filename="wykres.png"),
                    caption=t("chart-caption-grades", name=name, semester=semester),
                    message_thread_id=thread,
                )
            except Exception as err:  # noqa: BLE001 - a chart never holds up the queue
                log.warning("a weekly chart was not sent", extra={"error": str(err)[:120]})
                CHARTS.labels("g", "refused").inc()
                continue
            CHARTS.labels("g", "weekly").inc()

    async def _thread_of(
        self, chat: ChatRecord, account: int | None, names: dict[int, str]
    ) -> int | None:
        if self.topics is None or not self._per_child(chat) or account not in names:
            return None
        assert account is not None
        return await self.topics.thread_for(chat.id, account, names[account])

    async def _brief(
        self, t: Translator, chat: ChatRecord, row: OutboxRecord, children: list[ChildRecord]
    ) -> str:
        """The evening brief or weekly summary, from the snapshots as they are now."""
        wanted = [(c.account_id, kind) for c in children for kind in (*K.ALL_KINDS, K.REFERENCE)]
        async with self.store.reading() as uow:
            snaps = await uow.snapshots.get_many(wanted)
        kids = [
            ChildSnapshots(
                name=c.child_name,
                data={k: s.data for (a, k), s in snaps.items() if a == c.account_id},
                reference=snaps[(c.account_id, K.REFERENCE)].data
                if (c.account_id, K.REFERENCE) in snaps
                else {},
            )
            for c in children
        ]
        payload = row.payload
        if payload.get("type") == CATCH_UP:
            return catch_up_text(t, payload, children, kids)
        if payload.get("type") == EVENING:
            return briefs.evening(t, date.fromisoformat(str(payload["day"])), kids) if kids else ""
        first, last = (
            date.fromisoformat(str(payload["first"])),
            date.fromisoformat(str(payload["last"])),
        )
        thresholds = chat_thresholds(chat)
        return briefs.weekly(t, first, last, kids, thresholds=thresholds) if kids else ""

    async def _send(
        self,
        chat: ChatRecord,
        rows: list[OutboxRecord],
        text: str,
        markup: InlineKeyboardMarkup | None,
        names: dict[int, str] | None = None,
    ) -> str:
        ids = [r.id for r in rows]
        if not text.strip():
            return await self._drop(ids, "nothing to render")
        parts = split_message(text)
        try:
            message_id = await self._send_in_topic(chat, rows, parts, markup, names or {})
        except Exception as err:  # noqa: BLE001 - every failure is classified in _failed
            outcome = await self._failed(chat, rows, err)
            SENDS.labels(outcome).inc()
            return outcome
        crash_point("send.sent")
        now = self.clock.now()
        await self._mark_sent(ids, message_id)
        crash_point("send.marked")
        if chat.cannot_send_since is not None:
            async with self.store.transaction() as uow:
                await uow.chats.can_send_again(chat.id)
        SENDS.labels("sent").inc()
        for row in rows:
            SEND_LATENCY.observe(max(0.0, (now - row.created_at).total_seconds()))
        self.stats.messages += len(parts)
        self.stats.rows += len(ids)
        return "sent"

    async def _mark_sent(self, ids: list[int], message_id: int) -> None:
        """Telegram took it: the rows must say so, or the next claim sends it again. A
        database busy for longer than its write timeout is tried again for as long as
        the claim lasts (only then could another pass take the rows)."""
        deadline = time.monotonic() + self.policy.claim_for.total_seconds() * 0.8
        pause = 0.05
        while True:
            try:
                async with self.store.transaction() as uow:
                    await uow.outbox.mark_sent(ids, self.clock.now(), message_id)
                return
            except SQLAlchemyError as err:
                if time.monotonic() + pause >= deadline:
                    log.error("a sent notification could not be marked", exc_info=err)
                    raise
                log.warning("marking a sent notification failed, trying again")
                await asyncio.sleep(pause)
                pause = min(pause * 2, 2.0)

    async def _send_in_topic(
        self,
        chat: ChatRecord,
        rows: list[OutboxRecord],
        parts: list[str],
        markup: InlineKeyboardMarkup | None,
        names: dict[int, str],
    ) -> int:
        """Into the child's topic when the chat has one per child. A topic the parent
        deleted is forgotten and made again once (bot/topics.py)."""
        thread = await self._thread(chat, rows, names)
        try:
            return await self._send_parts(chat.id, parts, markup, thread)
        except TelegramBadRequest as err:
            if thread is None or self.topics is None or not lost_thread(err):
                raise
        account = rows[0].account_id
        assert account is not None
        await self.topics.forget(chat.id, account)
        return await self._send_parts(chat.id, parts, markup, await self._thread(chat, rows, names))

    async def _send_parts(
        self,
        chat_id: int,
        parts: list[str],
        markup: InlineKeyboardMarkup | None,
        thread: int | None = None,
    ) -> int:
        message_id = 0
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            sent = await self.bot.send_message(
                chat_id,
                part,
                reply_markup=markup if last else None,
                message_thread_id=thread,
            )
            message_id = sent.message_id
        return message_id

    # ------------------------------------------------------------------ outcomes

    async def _failed(self, chat: ChatRecord, rows: list[OutboxRecord], err: Exception) -> str:
        """What Telegram's refusal means for these rows (see the module docstring)."""
        ids = [r.id for r in rows]
        if isinstance(err, TelegramMigrateToChat):
            return await self._migrated(chat, ids, err.migrate_to_chat_id)
        if isinstance(err, TelegramRetryAfter):
            self.stats.rate_limited += 1
            until = self.clock.now() + timedelta(seconds=err.retry_after)
            async with self.store.transaction() as uow:
                await uow.outbox.postpone(ids, until)
            return "later"
        if isinstance(err, TelegramForbiddenError | TelegramBadRequest) and any(
            reason in err.message.lower() for reason in CANNOT_SEND
        ):
            return await self._held(chat, ids)
        if isinstance(err, TelegramForbiddenError):
            return await self._gone(chat, err.message)
        if isinstance(err, TelegramBadRequest):
            if any(reason in err.message.lower() for reason in GONE):
                return await self._gone(chat, err.message)
            log.error(
                "Telegram refused a notification",
                extra={"chat": chat.id, "rows": len(ids), "error": err.message[:200]},
            )
            return await self._drop(ids, err.message)
        if isinstance(err, TelegramServerError):
            return await self._retry(rows, f"server: {err.message}", in_doubt=False)
        if isinstance(err, ClientDecodeError):  # an HTML error page from a proxy
            return await self._retry(rows, "server: not a Bot API answer", in_doubt=False)
        if isinstance(err, TelegramNetworkError):
            safe = "ClientConnectorError" in err.message or "Cannot connect" in err.message
            return await self._retry(rows, f"network: {err.message}", in_doubt=not safe)
        log.error("unexpected error while sending", exc_info=err, extra={"chat": chat.id})
        return await self._retry(rows, f"unexpected: {type(err).__name__}", in_doubt=True)

    async def _retry(self, rows: list[OutboxRecord], error: str, *, in_doubt: bool) -> str:
        attempts = max(r.attempts for r in rows) + 1
        ids = [r.id for r in rows]
        kind = error.split(":", maxsplit=1)[0]
        self.stats.errors[kind] = self.stats.errors.get(kind, 0) + 1
        now = self.clock.now()
        oldest = min(r.created_at for r in rows)
        if now - oldest >= self.policy.give_up_after:
            return await self._give_up(rows, error, oldest)
        delay = full_jitter(
            attempts,
            base=self.policy.retry_base.total_seconds(),
            cap=self.policy.retry_cap.total_seconds(),
            rng=self.rng,
        )
        async with self.store.transaction() as uow:
            await uow.outbox.record_failure(ids, error, self.clock.now() + delay)
            if in_doubt:
                await uow.outbox.mark_in_doubt(ids)
        self.stats.retried += len(ids)
        log.warning("notification will be retried", extra={"rows": len(ids), "error": error[:120]})
        return "later"

    async def _give_up(self, rows: list[OutboxRecord], error: str, oldest: datetime) -> str:
        """Too old to matter as they are: dropped, counted, and the chat gets one notice
        of what it missed (the timeline still lists them)."""
        ids = [r.id for r in rows]
        chat_id = rows[0].chat_id
        now = self.clock.now()
        log.error("notifications given up by age", extra={"rows": len(ids), "error": error[:200]})
        since = oldest.astimezone(WARSAW)
        async with self.store.transaction() as uow:
            await uow.outbox.drop(ids, now, f"{EXPIRED}{error}"[:500])
            notice = notice_row(
                chat_id,
                "notice-missed",
                {"since": since.strftime("%d.%m %H:%M")},
                once_key=f"missed:{since.date().isoformat()}",
                now=now,
            )
            await uow.outbox.enqueue([notice], now)
        GIVEN_UP.labels("age").inc(len(ids))
        self.stats.dropped += len(ids)
        return "dropped"

    async def _drop(self, ids: list[int], reason: str) -> str:
        async with self.store.transaction() as uow:
            await uow.outbox.drop(ids, self.clock.now(), reason)
        self.stats.dropped += len(ids)
        return "dropped"

    async def _held(self, chat: ChatRecord, ids: list[int]) -> str:
        """Telegram will not take the bot's messages here for now: hold the queue."""
        now = self.clock.now()
        async with self.store.transaction() as uow:
            since = await uow.chats.cannot_send(chat.id, now)
            await uow.outbox.postpone(ids, now + HOLD)
            if now - since >= HOLD_TOLD:
                await self._tell_sharing_parents(uow, chat, since, now)
        log.info("cannot send to a chat for now", extra={"chat": chat.id})
        return "later"

    @staticmethod
    async def _tell_sharing_parents(
        uow: UnitOfWork, chat: ChatRecord, since: datetime, now: datetime
    ) -> None:
        """The parents who shared children into the group hear it, privately, once."""
        parents = await uow.subscriptions.sharing_parents(chat.id)
        rows = [
            notice_row(
                user_id,
                "notice-group-cannot-send",
                {"group": chat.title or "?"},
                once_key=f"cannot-send:{chat.id}:{since.isoformat()}",
                now=now,
            )
            for user_id in parents
        ]
        await uow.outbox.enqueue(rows, now)

    async def _gone(self, chat: ChatRecord, reason: str) -> str:
        async with self.store.transaction() as uow:
            dropped = await chat_gone(uow, chat.id)
        self.gate.forget(chat.id)
        self.stats.deactivated += 1
        self.stats.dropped += dropped
        log.info(
            "chat deactivated", extra={"chat": chat.id, "dropped": dropped, "why": reason[:80]}
        )
        return "gone"

    async def _migrated(self, chat: ChatRecord, ids: list[int], new_id: int) -> str:
        async with self.store.transaction() as uow:
            await chat_migrated(uow, chat.id, new_id)
            await uow.outbox.release(ids)
            moved = await uow.chats.get(new_id)
        self.stats.migrated += 1
        log.info("group became a supergroup", extra={"chat": chat.id, "new_chat": new_id})
        if moved is not None:
            await self.deliver_chat(moved)
        return "migrated"


__all__ = ["SendStats", "Sender", "SenderPolicy"]


def _local_hour(now: datetime, zone: str) -> int:
    try:
        return now.astimezone(ZoneInfo(zone)).hour
    except (ValueError, KeyError):  # an unknown zone name: Poland's time
        return now.astimezone(WARSAW).hour
