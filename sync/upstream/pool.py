"""The warm Librus connections: one `AccountClient` per account, least recently used
closed first, never one in use; its session kept (encrypted, by storage) only when it
changed."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict

from sync.clock import Clock
from sync.upstream.client import AccountClient
from sync.upstream.contract import AccountAccess, UpstreamSettings
from sync.upstream.login_budget import LoginBudget
from sync.upstream.sessions import messages_from_bytes, session_from_bytes
from sync.upstream.transport import LibrusTransport

log = logging.getLogger("sync.upstream")


class ClientPool:
    def __init__(
        self,
        settings: UpstreamSettings,
        access: AccountAccess,
        transport: LibrusTransport,
        clock: Clock,
        login_budget: LoginBudget,
    ) -> None:
        self.settings = settings
        self._access = access
        self._transport = transport
        self._clock = clock
        self._login_budget = login_budget
        self._clients: OrderedDict[int, AccountClient] = OrderedDict()
        self._locks: dict[int, asyncio.Lock] = {}
        # Digest of the session last written per account: an unchanged session (most
        # polls) is not encrypted and written again.
        self._kept: dict[int, bytes] = {}

    async def close(self) -> None:
        for account_id in list(self._clients):
            await self._evict(account_id)

    def lock(self, account_id: int) -> asyncio.Lock:
        """Serialises work on one account inside this process."""
        return self._locks.setdefault(account_id, asyncio.Lock())

    async def client(self, account_id: int, login: str) -> AccountClient:
        """The account's connection: the warm one, or one rebuilt from its stored session."""
        client = self._clients.get(account_id)
        if client is not None and client.username == login:
            self._clients.move_to_end(account_id)
            return client
        if client is not None:
            await self._evict(account_id)
        blob = await self._access.load_session(account_id)

        async def password() -> str:
            return await self._access.open_password(account_id)

        async def persist(blob: bytes) -> None:
            await self.keep_session(account_id, blob)

        client = AccountClient(
            login,
            self._transport.new_session(),
            password_source=password,
            session_sink=persist,
            session_data=session_from_bytes(blob),
            request_timeout=self.settings.request_timeout,
            now=self._clock.now,
            messages_renew_after=self.settings.messages_renew_after,
            saved_messages=messages_from_bytes(blob),
            login_gate=self._login_budget.take,
        )
        self._clients[account_id] = client
        await self._trim()
        return client

    async def _trim(self) -> None:
        """Close the least recently used clients beyond `max_clients`, never one that
        is being used (its account's lock is held): that poll would lose its session."""
        idle = [
            account_id
            for account_id in self._clients
            if not (account_id in self._locks and self._locks[account_id].locked())
        ]
        for account_id in idle[: max(0, len(self._clients) - self.settings.max_clients)]:
            await self._evict(account_id)

    async def _evict(self, account_id: int) -> None:
        client = self._clients.pop(account_id, None)
        if client is None:
            return
        try:
            await self.keep_session(account_id, client.export_session())
        except Exception:  # noqa: BLE001 - the client closes either way
            log.warning("could not keep the Librus session", extra={"account": account_id})
        await client.close()

    async def forget(self, account_id: int) -> None:
        """Drop the live connection (the account was unlinked or its password changed)."""
        client = self._clients.pop(account_id, None)
        if client is not None:
            await client.close()
        self._locks.pop(account_id, None)
        self._kept.pop(account_id, None)

    async def keep_session(self, account_id: int, blob: bytes) -> None:
        """Store the session (encrypted) unless it is what was stored last."""
        digest = hashlib.blake2b(blob, digest_size=16).digest()
        if self._kept.get(account_id) == digest:
            return
        await self._access.store_session(account_id, blob)
        self._kept[account_id] = digest
