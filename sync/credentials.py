"""`AccountAccess` on top of storage: secrets are opened per call, in short transactions."""

from __future__ import annotations

from storage.uow import Store


class StoredAccountAccess:
    """Counts password openings, so tests and metrics can tell logins were really needed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.password_openings = 0

    async def open_password(self, account_id: int) -> str:
        self.password_openings += 1
        async with self._store.reading() as uow:
            return await uow.accounts.open_password(account_id)

    async def load_session(self, account_id: int) -> bytes | None:
        async with self._store.reading() as uow:
            return await uow.accounts.load_session(account_id)

    async def store_session(self, account_id: int, blob: bytes) -> None:
        async with self._store.transaction() as uow:
            await uow.accounts.store_session(account_id, blob)
