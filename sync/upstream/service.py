"""The bot's single door to Librus: check a login, poll an account, open one message,
download one attachment.

`Upstream` puts the parts together on one shared, polite transport: the warm
connections (`pool`), a poll's orchestration (`polling`), the reference data's policy
(`reference`), the live login check (`login_check`) and the message a parent asked to
open. Around all of it, the circuit breaker: while Librus refuses this server, nothing
is asked of it. Errors come out as `sync.errors` classes, data as `sync.payloads`
shapes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sync.clock import Clock, SystemClock
from sync.errors import CaptchaRequired, UpstreamError, UpstreamUnavailable
from sync.upstream.breaker import CircuitBreaker
from sync.upstream.client import AccountClient
from sync.upstream.contract import (
    AccountAccess,
    Attachment,
    DownloadedFile,
    KindResult,
    LoginCheck,
    MessageBody,
    PollOutcome,
    StudentProfile,
    UpstreamSettings,
)
from sync.upstream.login_budget import LoginBudget
from sync.upstream.login_check import check_login
from sync.upstream.polling import AccountPolls
from sync.upstream.pool import ClientPool
from sync.upstream.transport import LibrusTransport


class Upstream:
    def __init__(
        self, settings: UpstreamSettings, access: AccountAccess, clock: Clock | None = None
    ) -> None:
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.transport = LibrusTransport(
            connect_to=settings.connect_to,
            ca_file=settings.ca_file,
            requests_per_second=settings.requests_per_second,
            max_concurrency=settings.max_concurrency,
        )
        self.breaker = CircuitBreaker(self.clock.now, settings.breaker)
        self.login_budget = LoginBudget(settings.password_logins_per_hour, self.clock.now)
        self.pool = ClientPool(settings, access, self.transport, self.clock, self.login_budget)
        self._polls = AccountPolls(self.pool, self.transport, settings)

    async def close(self) -> None:
        await self.pool.close()
        await self.transport.close()

    def lock(self, account_id: int) -> asyncio.Lock:
        """Serialises work on one account inside this process."""
        return self.pool.lock(account_id)

    async def forget(self, account_id: int) -> None:
        """Drop the live connection (the account was unlinked or its password changed)."""
        await self.pool.forget(account_id)
        self._polls.forget(account_id)

    async def check_login(
        self, login: str, password: str, *, session: bytes | None = None
    ) -> LoginCheck:
        """Log in live with what the parent typed and read who the child is."""
        self.breaker.check()
        return await check_login(
            self.transport, self.settings, self.login_budget, login, password, session=session
        )

    async def poll(
        self,
        account_id: int,
        login: str,
        kinds: Iterable[str],
        *,
        reference: dict[str, Any] | None,
        reference_fetched_at: datetime | None,
        now: datetime,
        today: date,
        known_absent: frozenset[str] = frozenset(),
    ) -> PollOutcome:
        """Fetch the given kinds. Raises `AuthProblem` (pause the account) or
        `UpstreamUnavailable` (back off); a single kind's trouble is in its result.
        Captchas and blocks feed the circuit breaker; while it is open, nothing is
        asked of Librus. `known_absent`: kinds asked again that the school did not give
        last time (their refusal now is no sign of a block)."""
        self.breaker.check()
        try:
            outcome = await self._polls.poll(
                account_id,
                login,
                kinds,
                reference=reference,
                reference_fetched_at=reference_fetched_at,
                now=now,
                today=today,
                known_absent=known_absent,
            )
        except CaptchaRequired:
            self.breaker.refused(account_id)
            raise
        except UpstreamUnavailable as err:
            if err.blocked:
                self.breaker.refused(account_id)
            raise
        self.breaker.succeeded()
        return outcome

    @asynccontextmanager
    async def _on_request(self, account_id: int, login: str) -> AsyncIterator[AccountClient]:
        """The account's connection for what a parent asked for (open, reply, download):
        nothing while the breaker is open, and the account's lock held throughout, so
        a poll does not share the session midway and the pool does not drop it."""
        self.breaker.check()
        async with self.pool.lock(account_id):
            client = await self.pool.client(account_id, login)
            await client.prepare()
            yield client

    async def open_message(self, account_id: int, login: str, message_id: str) -> MessageBody:
        """The full message. Librus marks it read for the teacher: only on a parent's request."""
        async with self._on_request(account_id, login) as client:
            message = await client.open_message(message_id)
        return MessageBody(
            id=message.id,
            sender=message.sender_name,
            topic=message.topic,
            content=message.content,
            sent=message.send_date,
            attachments=tuple(Attachment(a.id, a.filename or a.id) for a in message.attachments),
            no_reply=message.no_reply or not message.sender_id,
        )

    async def reply(self, account_id: int, login: str, message_id: str, text: str) -> None:
        """Send the parent's confirmed reply in the message's thread, once: never
        retried (see `SendFailed`). Librus opens the original to find its sender,
        which marks it read; the bot offers a reply only on a body already opened."""
        async with self._on_request(account_id, login) as client:
            await client.reply(message_id, text)

    async def download(
        self, account_id: int, login: str, kind: str, item_id: str, file_id: str
    ) -> DownloadedFile:
        """One attachment of a message (`kind` "m", `item_id` the message) or of a
        homework ("h"), on a parent's request. Marks nothing read: a message file is
        asked for by its id, without opening the message. Holds the account's lock
        for the whole download (up to the library's 150 s deadline), so its
        connection is not dropped midway; that account's poll waits meanwhile."""
        async with self._on_request(account_id, login) as client:
            if kind == "m":
                return await client.message_file(file_id, item_id)
            return await client.homework_file(file_id)


__all__ = [
    "AccountAccess",
    "KindResult",
    "LoginCheck",
    "MessageBody",
    "PollOutcome",
    "StudentProfile",
    "Upstream",
    "UpstreamError",
    "UpstreamSettings",
]
