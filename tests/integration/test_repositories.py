"""Repositories on SQLite and on the real PostgreSQL: the same code, the same answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError

from storage.crypto import DecryptionError
from storage.records import SeenItemRecord
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


async def _parent_with_child(store: Store, user_id: int = 1001, login: str = "1234567u") -> int:
    async with store.transaction() as uow:
        await uow.users.ensure(user_id, "pl")
        await uow.chats.ensure(user_id, "private")
        account, _ = await uow.accounts.create_or_refresh(
            login, "hasło-1", student_name="Ania Nowak", class_name="4b"
        )
        link, _ = await uow.links.link(user_id, account.id, "Ania")
        await uow.subscriptions.subscribe(user_id, account.id, link.id)
        return account.id


async def test_account_is_one_row_per_login_and_password_is_sealed(store: Store) -> None:
    first = await _parent_with_child(store, 1001)
    second = await _parent_with_child(store, 1002)
    assert first == second
    async with store.reading() as uow:
        assert await uow.accounts.link_count(first) == 2
        assert await uow.accounts.open_password(first) == "hasło-1"
        children = await uow.links.children(1002)
    assert [c.child_name for c in children] == ["Ania"]
    assert children[0].student_name == "Ania Nowak"
    assert children[0].notifications_paused is False


async def test_session_blob_round_trip_and_binding(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        await uow.accounts.store_session(account_id, b'{"cookies": []}')
    async with store.reading() as uow:
        assert await uow.accounts.load_session(account_id) == b'{"cookies": []}'
    # A blob copied into another row does not open there.
    other = await _parent_with_child(store, 2001, "7654321u")
    from sqlalchemy import select, update

    from storage.models import SynergiaAccount

    async with store.transaction() as uow:
        blob = await uow.session.scalar(
            select(SynergiaAccount.password_ct).where(SynergiaAccount.id == account_id)
        )
        await uow.session.execute(
            update(SynergiaAccount).where(SynergiaAccount.id == other).values(password_ct=blob)
        )
    async with store.reading() as uow:
        with pytest.raises(DecryptionError):
            await uow.accounts.open_password(other)


async def test_pause_is_reported_once_and_relink_resumes(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        assert await uow.accounts.pause(account_id, "invalid_credentials") is True
        assert await uow.accounts.pause(account_id, "invalid_credentials") is False
    async with store.transaction() as uow:
        account, created = await uow.accounts.create_or_refresh(
            "1234567u", "nowe-hasło", student_name="Ania Nowak"
        )
        assert not created and account.status == "active"
        assert await uow.accounts.open_password(account_id) == "nowe-hasło"
        state = await uow.sync.get(account_id)
    # Resumed, not rebaselined: the next poll diffs against what was seen before the
    # pause, so what came during it is told.
    assert state is not None and not state.rebaseline and state.consecutive_failures == 0


async def test_claim_leases_each_account_once(store: Store) -> None:
    ids = [await _parent_with_child(store, 3000 + n, f"{n:07d}u") for n in range(5)]
    async with store.transaction() as uow:
        for account_id in ids:
            await uow.sync.poll_soon(account_id, NOW - timedelta(minutes=1))
    async with store.transaction() as uow:
        first = await uow.sync.claim_due("w1", NOW, limit=3, lease=timedelta(minutes=5))
    async with store.transaction() as uow:
        second = await uow.sync.claim_due("w2", NOW, limit=10, lease=timedelta(minutes=5))
    assert len(first) == 3 and len(second) == 2
    assert set(first) | set(second) == set(ids)
    # An expired lease can be claimed again.
    later = NOW + timedelta(minutes=6)
    async with store.transaction() as uow:
        again = await uow.sync.claim_due("w3", later, limit=10, lease=timedelta(minutes=5))
        assert set(again) == set(ids)
        assert (
            await uow.sync.finish(
                ids[0], "w1", next_poll_at=later, success_at=later, error_class=None, failures=0
            )
            is False
        )
        assert (
            await uow.sync.finish(
                ids[0], "w3", next_poll_at=later, success_at=later, error_class=None, failures=0
            )
            is True
        )


async def test_paused_accounts_are_not_claimed(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        await uow.sync.poll_soon(account_id, NOW - timedelta(minutes=1))
        await uow.accounts.pause(account_id, "captcha")
    async with store.transaction() as uow:
        assert await uow.sync.claim_due("w", NOW, limit=5, lease=timedelta(minutes=1)) == []


async def test_outbox_idempotency_and_due_order(store: Store) -> None:
    account_id = await _parent_with_child(store)
    rows = [
        NewOutboxRow(1001, account_id, "grades", {"n": n}, f"k{n}", NOW + timedelta(seconds=n))
        for n in range(3)
    ]
    async with store.transaction() as uow:
        assert await uow.outbox.enqueue(rows, NOW) == 3
    async with store.transaction() as uow:
        assert await uow.outbox.enqueue(rows, NOW) == 0
    async with store.transaction() as uow:
        chats = await uow.outbox.due_chats(NOW + timedelta(seconds=1), limit=10)
        due = await uow.outbox.claim_for_chat(
            1001, NOW + timedelta(seconds=1), until=NOW + timedelta(minutes=1), limit=10
        )
    assert [c.id for c in chats] == [1001]
    assert [r.payload["n"] for r in due] == [0, 1]
    async with store.transaction() as uow:
        assert await uow.outbox.mark_sent([due[0].id], NOW, 77) == 1
        assert await uow.outbox.mark_sent([due[0].id], NOW, 77) == 0
        await uow.chats.deactivate_and_drop_queue(1001)
    async with store.reading() as uow:
        assert await uow.outbox.due_chats(NOW + timedelta(hours=1), limit=10) == []


async def test_seen_items_and_snapshots(store: Store) -> None:
    account_id = await _parent_with_child(store)
    items = [SeenItemRecord("grades", str(n), f"h{n}", {"value": "5"}, 0) for n in range(3)]
    async with store.transaction() as uow:
        await uow.seen.upsert(account_id, items)
        await uow.snapshots.put(account_id, "grades", {"grades": [1, 2]}, NOW)
    async with store.transaction() as uow:
        await uow.seen.upsert(account_id, [SeenItemRecord("grades", "1", "new", {}, 1)])
        await uow.seen.remove(account_id, "grades", ["2"])
        await uow.snapshots.put(account_id, "grades", {"grades": [1]}, NOW + timedelta(hours=1))
    async with store.reading() as uow:
        seen = await uow.seen.for_kind(account_id, "grades")
        snap = await uow.snapshots.get(account_id, "grades")
    assert set(seen) == {"0", "1"}
    assert seen["1"].content_hash == "new" and seen["1"].missing_fetches == 1
    assert snap is not None and snap.data == {"grades": [1]}
    assert snap.fetched_at == NOW + timedelta(hours=1)


async def test_group_code_is_consumed_once(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        code = await uow.group_codes.create(
            "abc123", 1001, [account_id], NOW + timedelta(minutes=10)
        )
        assert (await uow.group_codes.find("abc123")) == code
        assert await uow.group_codes.find("other") is None
    async with store.transaction() as uow:
        assert await uow.group_codes.consume(code.id, -100, NOW) is True
    async with store.transaction() as uow:
        assert await uow.group_codes.consume(code.id, -100, NOW) is False


async def test_chat_settings_and_migration(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        await uow.chats.ensure(-500, "group", title="Rodzina")
        link = await uow.links.get(1001, account_id)
        assert link is not None
        await uow.subscriptions.subscribe(-500, account_id, link.id)
        await uow.chats.update_settings(
            -500,
            language="uk",
            quiet_start=None,
            quiet_end=None,
            grade_thresholds=[1.6, 2.6, 3.6, 4.6, 5.3],
            forecast_alerts=True,
        )
        await uow.outbox.enqueue([NewOutboxRow(-500, account_id, "grades", {}, "g1", NOW)], NOW)
        await uow.calendar.create("t" * 22, -500, None, NOW, homework=False, changes=True)
        with pytest.raises(ValueError, match="not chat settings"):
            await uow.chats.update_settings(-500, active=False)
    async with store.transaction() as uow:
        await uow.chats.migrate(-500, -1000500)
    async with store.reading() as uow:
        assert await uow.chats.get(-500) is None
        chat = await uow.chats.get(-1000500)
        subs = await uow.subscriptions.for_chat(-1000500)
        pending = await uow.outbox.pending_for_chat(-1000500)
        calendar = await uow.calendar.by_token("t" * 22)
    assert chat is not None and chat.language == "uk" and not chat.has_quiet_hours
    # the forecast's settings and the group's calendar link go over too
    assert chat.grade_thresholds == (1.6, 2.6, 3.6, 4.6, 5.3) and chat.forecast_alerts
    assert calendar is not None and calendar.chat_id == -1000500
    assert [s.account_id for s in subs] == [account_id]
    assert len(pending) == 1


async def test_unlink_and_orphan_cleanup(store: Store) -> None:
    account_id = await _parent_with_child(store)
    async with store.transaction() as uow:
        assert await uow.links.unlink(1001, account_id)
        assert await uow.subscriptions.for_chat(1001) == []
        assert await uow.accounts.delete_if_orphaned(account_id)
        assert await uow.accounts.get(account_id) is None


async def test_unique_login_is_enforced_by_the_database(store: Store) -> None:
    from sqlalchemy import insert as sa_insert

    from storage.models import SynergiaAccount

    await _parent_with_child(store)
    async with store.db.engine.connect() as conn:
        insert = sa_insert(SynergiaAccount).values(
            login="1234567u",
            password_ct=b"x",
            student_name="x",
            status="active",
            created_at=NOW,
            updated_at=NOW,
        )
        with pytest.raises(IntegrityError):
            await conn.execute(insert)


async def test_conversation_state(store: Store) -> None:
    async with store.transaction() as uow:
        await uow.conversations.set_state("c:1:1", "Link:login", NOW)
        await uow.conversations.set_data("c:1:1", {"login": "1234567u"}, NOW)
    async with store.reading() as uow:
        state, data, updated = await uow.conversations.get("c:1:1")
    assert state == "Link:login" and data == {"login": "1234567u"} and updated == NOW


async def test_a_poll_asked_for_during_a_poll_is_kept_by_its_end(store: Store) -> None:
    account_id = await _parent_with_child(store)
    lease = timedelta(minutes=5)
    async with store.transaction() as uow:
        await uow.sync.poll_soon(account_id, NOW)
        assert await uow.sync.claim_due("worker", NOW, limit=10, lease=lease) == [account_id]
    # While the poll runs, a parent links again / presses 'Odśwież' / /sim adds a grade.
    asked = NOW + timedelta(seconds=20)
    async with store.transaction() as uow:
        await uow.sync.poll_soon(account_id, asked)
    async with store.transaction() as uow:
        assert await uow.sync.finish(
            account_id,
            "worker",
            next_poll_at=NOW + timedelta(minutes=10),
            success_at=NOW,
            error_class=None,
            failures=0,
        )
        state = await uow.sync.get(account_id)
    assert state is not None and state.next_poll_at == asked
    # The next poll takes the request with it: its end keeps its own schedule.
    async with store.transaction() as uow:
        assert await uow.sync.claim_due("worker", asked, limit=10, lease=lease) == [account_id]
        await uow.sync.finish(
            account_id,
            "worker",
            next_poll_at=asked + timedelta(minutes=10),
            success_at=asked,
            error_class=None,
            failures=0,
        )
        state = await uow.sync.get(account_id)
    assert state is not None and state.next_poll_at == asked + timedelta(minutes=10)


async def test_a_next_poll_in_local_time_is_stored_as_the_same_moment(store: Store) -> None:
    """The cadence's morning boundary is Warsaw time: stored, it must stay 07:03 in
    Warsaw (06:03 UTC), not become 07:03 UTC and wake the account an hour late."""
    account_id = await _parent_with_child(store)
    lease = timedelta(minutes=5)
    morning = datetime(2026, 12, 1, 7, 3, tzinfo=ZoneInfo("Europe/Warsaw"))
    async with store.transaction() as uow:
        await uow.sync.poll_soon(account_id, NOW)
        assert await uow.sync.claim_due("worker", NOW, limit=10, lease=lease) == [account_id]
        assert await uow.sync.finish(
            account_id, "worker", next_poll_at=morning, success_at=NOW, error_class=None, failures=0
        )
    async with store.transaction() as uow:
        state = await uow.sync.get(account_id)
        assert state is not None and state.next_poll_at == morning
        at = morning.astimezone(UTC)
        assert await uow.sync.claim_due("worker", at, limit=10, lease=lease) == [account_id]


async def test_a_reply_confirmation_is_claimed_once_and_counts_toward_the_day(
    store: Store,
) -> None:
    account = await _parent_with_child(store)
    async with store.transaction() as uow:
        await uow.replies.claim("nonce-one", account, 1001, "77", NOW)
    with pytest.raises(IntegrityError):  # the same confirmation again: never sent twice
        async with store.transaction() as uow:
            await uow.replies.claim("nonce-one", account, 1001, "77", NOW)
    async with store.transaction() as uow:
        await uow.replies.finish("nonce-one", "sent", NOW)
        for n, status in enumerate(("unknown", "refused", "failed")):
            await uow.replies.claim(f"nonce-{status}", account, 1001, "77", NOW)
            await uow.replies.finish(f"nonce-{status}", status, NOW + timedelta(minutes=n))
    async with store.reading() as uow:
        # sent and in doubt count; refused and failed (nothing went out) do not
        assert await uow.replies.counted_since(account, NOW - timedelta(hours=1)) == 2
        assert await uow.replies.counted_since(account, NOW + timedelta(seconds=1)) == 0
        assert [r.status for r in await uow.replies.of_chat(1001)] == [
            "sent",
            "unknown",
            "refused",
            "failed",
        ]
    async with store.transaction() as uow:
        assert await uow.replies.purge_before(NOW + timedelta(days=1)) == 4
