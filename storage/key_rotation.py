"""Key rotation over the stored blobs: status, online re-encryption, verification.

Re-encryption walks the accounts table in id order, one short transaction per batch,
and writes each new blob with a compare-and-swap (`WHERE id = … AND blob = old`), so a
password changed meanwhile by a parent wins and the row is simply picked up again by
the next run. It is resumable and idempotent; it prints counts, never secrets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select, update

from storage.crypto import BlobContext, Cipher, CryptoError, DecryptionError, blob_key_id
from storage.db import Database
from storage.models import SynergiaAccount
from storage.repositories.accounts import PASSWORD, SESSION, password_context, session_context

_COLUMNS = {PASSWORD: SynergiaAccount.password_ct, SESSION: SynergiaAccount.session_ct}


@dataclass
class KeyUsage:
    """How many blobs each key id seals, per purpose."""

    by_key: Counter[tuple[str, str]] = field(default_factory=Counter)
    malformed: int = 0

    def keys(self) -> set[str]:
        return {key_id for key_id, _ in self.by_key}

    def rows_for(self, key_id: str) -> int:
        return sum(n for (k, _), n in self.by_key.items() if k == key_id)


@dataclass
class ReencryptReport:
    checked: int = 0
    rewritten: int = 0
    changed_meanwhile: int = 0
    failed: int = 0


@dataclass
class VerifyReport:
    ok: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)


def _context(purpose: str, account_id: int, login: str) -> BlobContext:
    return (password_context if purpose == PASSWORD else session_context)(account_id, login)


async def key_usage(db: Database, *, batch: int = 1000) -> KeyUsage:
    usage = KeyUsage()
    last_id = 0
    while True:
        async with db.reading() as session:
            rows = (
                await session.execute(
                    select(
                        SynergiaAccount.id, SynergiaAccount.password_ct, SynergiaAccount.session_ct
                    )
                    .where(SynergiaAccount.id > last_id)
                    .order_by(SynergiaAccount.id)
                    .limit(batch)
                )
            ).all()
        if not rows:
            return usage
        for account_id, password_ct, session_ct in rows:
            last_id = account_id
            for purpose, blob in ((PASSWORD, password_ct), (SESSION, session_ct)):
                if blob is None:
                    continue
                try:
                    usage.by_key[(blob_key_id(blob), purpose)] += 1
                except CryptoError:
                    usage.malformed += 1


async def reencrypt(
    db: Database, cipher: Cipher, *, batch: int = 500, dry_run: bool = False
) -> ReencryptReport:
    """Seal every blob not under the primary key again under it."""
    report = ReencryptReport()
    primary = cipher.primary_key_id
    last_id = 0
    while True:
        async with db.transaction() as session:
            rows = (
                await session.execute(
                    select(
                        SynergiaAccount.id,
                        SynergiaAccount.login,
                        SynergiaAccount.password_ct,
                        SynergiaAccount.session_ct,
                    )
                    .where(SynergiaAccount.id > last_id)
                    .order_by(SynergiaAccount.id)
                    .limit(batch)
                )
            ).all()
            if not rows:
                return report
            for account_id, login, password_ct, session_ct in rows:
                last_id = account_id
                for purpose, blob in ((PASSWORD, password_ct), (SESSION, session_ct)):
                    if blob is None:
                        continue
                    report.checked += 1
                    try:
                        if blob_key_id(blob) == primary:
                            continue
                        new_blob = cipher.reencrypt(blob, _context(purpose, account_id, login))
                    except CryptoError:
                        report.failed += 1
                        continue
                    if dry_run:
                        report.rewritten += 1
                        continue
                    column = _COLUMNS[purpose]
                    result = await session.execute(
                        update(SynergiaAccount)
                        .where(SynergiaAccount.id == account_id, column == blob)
                        .values({column.key: new_blob})
                    )
                    if getattr(result, "rowcount", 0):
                        report.rewritten += 1
                    else:
                        report.changed_meanwhile += 1


async def verify(db: Database, cipher: Cipher, *, batch: int = 1000) -> VerifyReport:
    """Open every blob in memory; report the ones that do not open (ids only)."""
    report = VerifyReport()
    last_id = 0
    while True:
        async with db.reading() as session:
            rows = (
                await session.execute(
                    select(
                        SynergiaAccount.id,
                        SynergiaAccount.login,
                        SynergiaAccount.password_ct,
                        SynergiaAccount.session_ct,
                    )
                    .where(SynergiaAccount.id > last_id)
                    .order_by(SynergiaAccount.id)
                    .limit(batch)
                )
            ).all()
        if not rows:
            return report
        for account_id, login, password_ct, session_ct in rows:
            last_id = account_id
            for purpose, blob in ((PASSWORD, password_ct), (SESSION, session_ct)):
                if blob is None:
                    continue
                try:
                    cipher.decrypt(blob, _context(purpose, account_id, login))
                except DecryptionError:
                    report.failed.append((account_id, purpose, "does not open (tampered or moved)"))
                except CryptoError as err:
                    report.failed.append((account_id, purpose, str(err)))
                else:
                    report.ok += 1
