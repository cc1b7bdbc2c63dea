"""Key rotation end to end through the CLI, on a populated database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from dzwonek.cli import main
from storage import schema
from storage.crypto import Cipher, KeyRing, blob_key_id
from storage.db import Database
from storage.uow import Store
from tests.conftest import create_pg_database, drop_pg_database, pg_url, run_blocking

ACCOUNTS = 23


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'keys.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = create_pg_database(server)
    try:
        yield pg_url(name)
    finally:
        drop_pg_database(server, name)


async def _populate(url: str, ring: KeyRing) -> None:
    db = Database(url)
    await schema.upgrade(db)
    store = Store(db, Cipher(ring))
    async with store.transaction() as uow:
        for n in range(ACCOUNTS):
            account, _ = await uow.accounts.create_or_refresh(
                f"{n:07d}u", f"pass-{n}", student_name=f"Uczeń {n}"
            )
            await uow.accounts.store_session(account.id, f'{{"n": {n}}}'.encode())
    await db.dispose()


async def _blobs(url: str, ring: KeyRing) -> tuple[set[str], list[str]]:
    from sqlalchemy import select

    from storage.models import SynergiaAccount

    db = Database(url)
    store = Store(db, Cipher(ring))
    async with store.reading() as uow:
        rows = (
            await uow.session.execute(
                select(SynergiaAccount.id, SynergiaAccount.password_ct, SynergiaAccount.session_ct)
            )
        ).all()
        keys = {blob_key_id(b) for _, p, s in rows for b in (p, s) if b is not None}
        passwords = [await uow.accounts.open_password(account_id) for account_id, _, _ in rows]
    await db.dispose()
    return keys, sorted(passwords)


def test_generate_rotate_reencrypt_retire(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ring_path = tmp_path / "ring.json"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{db_url}"\n[crypto]\nkeyring_file = "{ring_path}"\n'
        '[logging]\nlevel = "WARNING"\n'
    )
    base = ["--config", str(config), "keys"]

    assert main([*base, "generate", "--id", "old"]) == 0
    run_blocking(lambda: _populate(db_url, KeyRing.load(ring_path)))

    assert main([*base, "rotate"]) == 0
    ring = KeyRing.load(ring_path)
    new_id = ring.primary
    assert new_id != "old" and set(ring.keys) == {"old", new_id}

    capsys.readouterr()
    assert main([*base, "status"]) == 0
    status = capsys.readouterr().out
    assert "old (fingerprint" in status and f"password: {ACCOUNTS}" in status

    assert main([*base, "retire", "old"]) == 1
    assert "still use it" in capsys.readouterr().err

    assert main([*base, "reencrypt", "--dry-run"]) == 0
    assert f"would re-encrypt {2 * ACCOUNTS}" in capsys.readouterr().out
    assert main([*base, "reencrypt", "--batch", "7"]) == 0
    assert f"re-encrypted {2 * ACCOUNTS} under {new_id}" in capsys.readouterr().out
    assert main([*base, "reencrypt"]) == 0
    assert "re-encrypted 0" in capsys.readouterr().out

    assert main([*base, "retire", new_id]) == 2  # the primary key is never retired
    assert main([*base, "retire", "old"]) == 0
    ring = KeyRing.load(ring_path)
    assert set(ring.keys) == {new_id}

    assert main([*base, "verify"]) == 0
    assert f"{2 * ACCOUNTS} secret(s) open; 0 do not" in capsys.readouterr().out
    keys, passwords = run_blocking(lambda: _blobs(db_url, ring))
    assert keys == {new_id}
    assert passwords == sorted(f"pass-{n}" for n in range(ACCOUNTS))


def test_verify_reports_a_moved_blob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'v.sqlite3'}"
    ring_path = tmp_path / "ring.json"
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[crypto]\nkeyring_file = "{ring_path}"\n')
    assert main(["--config", str(config), "keys", "generate"]) == 0
    run_blocking(lambda: _populate(url, KeyRing.load(ring_path)))

    async def swap() -> None:
        from sqlalchemy import select, update

        from storage.models import SynergiaAccount

        db = Database(url)
        async with db.transaction() as session:
            blob = await session.scalar(
                select(SynergiaAccount.password_ct).where(SynergiaAccount.id == 1)
            )
            await session.execute(
                update(SynergiaAccount).where(SynergiaAccount.id == 2).values(password_ct=blob)
            )
        await db.dispose()

    asyncio.run(swap())
    capsys.readouterr()
    assert main(["--config", str(config), "keys", "verify"]) == 1
    out = capsys.readouterr().out
    assert "account 2 password: does not open" in out


def test_a_wrong_key_ring_refuses_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Secrets sealed with a key the ring lacks: `health` and `run` stop at once with
    one line that says what to do (exit 2), instead of starting healthy and failing
    every poll with UnknownKeyError."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'keys.sqlite3'}"
    sealed_with, other = tmp_path / "old-ring.json", tmp_path / "other-ring.json"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[crypto]\nkeyring_file = "{other}"\n'
        '[logging]\nlevel = "WARNING"\n'
    )
    assert (
        main(["--config", str(config), "keys", "generate", "--id", "b", "--out", str(other)]) == 0
    )
    assert (
        main(["--config", str(config), "keys", "generate", "--id", "a", "--out", str(sealed_with)])
        == 0
    )
    run_blocking(lambda: _populate(url, KeyRing.load(sealed_with)))
    capsys.readouterr()
    assert main(["--config", str(config), "health"]) == 2
    said = capsys.readouterr().err
    assert "Key ring error" in said and "key(s) a" in said and str(other) in said
    assert "Traceback" not in said
    assert main(["--config", str(config), "run", "--role", "poller"]) == 2
    assert "Key ring error" in capsys.readouterr().err
