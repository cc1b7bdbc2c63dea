"""aiogram FSM storage in our own database, so a conversation survives a restart.

Conversations that sit untouched longer than `ttl` are treated as gone: a parent who
left the linking dialogue yesterday starts afresh instead of having an old step
interpret today's message. The linking flow keeps no password here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from storage.uow import Store
from sync.clock import Clock


def storage_key(key: StorageKey) -> str:
    return f"{key.bot_id}:{key.chat_id}:{key.user_id}"


class DatabaseStorage(BaseStorage):
    def __init__(self, store: Store, clock: Clock, ttl: timedelta = timedelta(minutes=15)) -> None:
        self._store = store
        self._clock = clock
        self.ttl = ttl

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._store.transaction() as uow:
            await uow.conversations.set_state(storage_key(key), value, self._clock.now())

    async def get_state(self, key: StorageKey) -> str | None:
        state, _, _ = await self._fresh(key)
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._store.transaction() as uow:
            await uow.conversations.set_data(storage_key(key), dict(data), self._clock.now())

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data, _ = await self._fresh(key)
        return data

    async def expired(self, key: StorageKey) -> str | None:
        """The step a timed-out conversation was at (once; it is cleared then), else None."""
        async with self._store.reading() as uow:
            state, _, updated = await uow.conversations.get(storage_key(key))
        if state is None or updated is None or self._clock.now() - updated <= self.ttl:
            return None
        await self.clear(key)
        return state

    async def clear(self, key: StorageKey) -> None:
        async with self._store.transaction() as uow:
            await uow.conversations.delete(storage_key(key))

    async def _fresh(self, key: StorageKey) -> tuple[str | None, dict[str, Any], object]:
        async with self._store.reading() as uow:
            state, data, updated = await uow.conversations.get(storage_key(key))
        if updated is not None and self._clock.now() - updated > self.ttl:
            return None, {}, None
        return state, data, updated

    async def close(self) -> None:
        return None
