"""Synergia accounts: one row per login, the password and Librus session sealed.

This is the only place that seals or opens credential blobs. The password is opened
only through `open_password`, which `sync.upstream` calls inside a login.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import BlobContext, Cipher
from storage.models import Link, SyncState, SynergiaAccount, utcnow
from storage.records import AccountRecord

PASSWORD = "password"  # noqa: S105 - the purpose label of a blob, not a password
SESSION = "session"


def password_context(account_id: int, login: str) -> BlobContext:
    return BlobContext(table="accounts", row=str(account_id), purpose=f"{PASSWORD}:{login}")


def session_context(account_id: int, login: str) -> BlobContext:
    return BlobContext(table="accounts", row=str(account_id), purpose=f"{SESSION}:{login}")


def account_record(row: SynergiaAccount) -> AccountRecord:
    return AccountRecord(
        id=row.id,
        login=row.login,
        student_name=row.student_name,
        class_name=row.class_name,
        school_name=row.school_name,
        register_number=row.register_number,
        status=row.status,
        pause_reason=row.pause_reason,
        paused_at=row.paused_at,
        created_at=row.created_at,
        holder=row.holder,
        child_key=row.child_key,
    )


class AccountRepository:
    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self._session = session
        self._cipher = cipher

    async def by_child(self, child_key: str) -> list[AccountRecord]:
        """The accounts (logins) that reach one child, oldest first."""
        rows = await self._session.scalars(
            select(SynergiaAccount)
            .where(SynergiaAccount.child_key == child_key)
            .order_by(SynergiaAccount.id)
        )
        return [account_record(row) for row in rows]

    async def get(self, account_id: int) -> AccountRecord | None:
        row = await self._session.get(SynergiaAccount, account_id)
        return None if row is None else account_record(row)

    async def get_many(self, account_ids: list[int]) -> dict[int, AccountRecord]:
        """Several in one statement (the poller reads its whole claim at once)."""
        if not account_ids:
            return {}
        rows = await self._session.scalars(
            select(SynergiaAccount).where(SynergiaAccount.id.in_(account_ids))
        )
        return {row.id: account_record(row) for row in rows}

    async def by_login(self, login: str) -> AccountRecord | None:
        row = await self._session.scalar(
            select(SynergiaAccount).where(SynergiaAccount.login == login)
        )
        return None if row is None else account_record(row)

    async def create_or_refresh(
        self,
        login: str,
        password: str,
        *,
        student_name: str,
        class_name: str | None = None,
        school_name: str | None = None,
        register_number: int | None = None,
        session_blob_plain: bytes | None = None,
        holder: str | None = None,
        child_key: str | None = None,
    ) -> tuple[AccountRecord, bool]:
        """Store a login that has just been checked live against Librus.

        A login already known (another parent linked the same child) stays one account:
        its password is replaced by the one just verified and a pause is lifted (the
        next poll diffs against what was seen before the pause: nothing is lost).
        Returns the account and whether it was created.
        """
        row = await self._session.scalar(
            select(SynergiaAccount).where(SynergiaAccount.login == login)
        )
        created = row is None
        if row is None:
            row = SynergiaAccount(login=login, password_ct=b"", student_name=student_name)
            self._session.add(row)
            await self._session.flush()
            self._session.add(SyncState(account_id=row.id, next_poll_at=utcnow()))
        row.password_ct = self._cipher.encrypt_text(password, password_context(row.id, login))
        if session_blob_plain is not None:
            row.session_ct = self._cipher.encrypt(
                session_blob_plain, session_context(row.id, login)
            )
        row.student_name = student_name or row.student_name
        row.class_name = class_name or row.class_name
        row.school_name = school_name or row.school_name
        if register_number is not None:
            row.register_number = register_number
        if holder is not None:
            row.holder = holder
        row.child_key = child_key or row.child_key
        if row.status != "active":
            row.status, row.pause_reason, row.paused_at = "active", None, None
            await self._session.execute(
                update(SyncState)
                .where(SyncState.account_id == row.id)
                .values(next_poll_at=utcnow(), consecutive_failures=0)
            )
        await self._session.flush()
        return account_record(row), created

    async def open_password(self, account_id: int) -> str:
        """The plaintext password, for one login call. Never keep the result."""
        row = await self._session.get(SynergiaAccount, account_id)
        if row is None:
            raise LookupError(f"account {account_id} is not known")
        return self._cipher.decrypt_text(row.password_ct, password_context(row.id, row.login))

    async def load_session(self, account_id: int) -> bytes | None:
        row = await self._session.get(SynergiaAccount, account_id)
        if row is None or row.session_ct is None:
            return None
        return self._cipher.decrypt(row.session_ct, session_context(row.id, row.login))

    async def store_session(self, account_id: int, plain: bytes | None) -> None:
        row = await self._session.get(SynergiaAccount, account_id)
        if row is None:
            return
        row.session_ct = (
            None
            if plain is None
            else self._cipher.encrypt(plain, session_context(row.id, row.login))
        )

    async def update_profile(
        self,
        account_id: int,
        *,
        student_name: str | None = None,
        class_name: str | None = None,
        school_name: str | None = None,
        register_number: int | None = None,
    ) -> None:
        values: dict[str, object] = {}
        if student_name:
            values["student_name"] = student_name
        if class_name:
            values["class_name"] = class_name
        if school_name:
            values["school_name"] = school_name
        if register_number is not None:
            values["register_number"] = register_number
        if values:
            await self._session.execute(
                update(SynergiaAccount).where(SynergiaAccount.id == account_id).values(**values)
            )

    async def pause(self, account_id: int, reason: str, *, at: datetime | None = None) -> bool:
        """Pause polling until the owner acts. True if this call paused it (tell them once)."""
        result = await self._session.execute(
            update(SynergiaAccount)
            .where(SynergiaAccount.id == account_id, SynergiaAccount.status == "active")
            .values(status="paused", pause_reason=reason, paused_at=at or utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    async def paused_before(self, moment: datetime) -> list[AccountRecord]:
        """Accounts paused at or before `moment` and paused still."""
        rows = await self._session.scalars(
            select(SynergiaAccount).where(
                SynergiaAccount.status == "paused", SynergiaAccount.paused_at <= moment
            )
        )
        return [account_record(row) for row in rows]

    async def resume(self, account_id: int) -> None:
        await self._session.execute(
            update(SynergiaAccount)
            .where(SynergiaAccount.id == account_id)
            .values(status="active", pause_reason=None, paused_at=None)
        )

    async def link_count(self, account_id: int) -> int:
        return int(
            await self._session.scalar(
                select(func.count()).select_from(Link).where(Link.account_id == account_id)
            )
            or 0
        )

    async def delete_if_orphaned(self, account_id: int) -> bool:
        """Remove an account nobody links any more (with all its data, by cascade)."""
        if await self.link_count(account_id):
            return False
        row = await self._session.get(SynergiaAccount, account_id)
        if row is None:
            return False
        await self._session.delete(row)
        await self._session.flush()
        return True
