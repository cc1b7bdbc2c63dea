"""Events → outbox rows: one per chat that follows the child and wants that category.

Two parents who linked the same child each get a row in their private chat, and their
family group one more; a category muted in the chat (or for this child there) gets
none. A row created inside the chat's quiet hours waits for their end and is marked as
held, so the sender delivers it in the morning digest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Final

from storage.records import AudienceRecord
from storage.repositories.outbox import NewOutboxRow
from sync import kinds as K
from sync.events import Event, content_hash
from sync.payloads import PAYLOAD_VERSION, SummaryPayload
from sync.quiet import quiet_until


def outbox_rows(
    events: Sequence[Event],
    account_id: int,
    audience: Iterable[AudienceRecord],
    now: datetime,
) -> list[NewOutboxRow]:
    rows: list[NewOutboxRow] = []
    if not events:
        return rows
    for chat in audience:
        release = quiet_until(now, chat.timezone, chat.quiet_start, chat.quiet_end)
        for event in events:
            if event.category in chat.muted:
                continue
            rows.append(
                NewOutboxRow(
                    chat_id=chat.chat_id,
                    account_id=account_id,
                    category=event.category,
                    payload=event.payload(account_id, chat.child_name),
                    idempotency_key=event.key(chat.chat_id, account_id),
                    not_before=release or now,
                    held_for_quiet_hours=release is not None,
                )
            )
    return rows


SUMMARY: Final = "summary"


def summary_rows(
    events: Sequence[Event],
    account_id: int,
    audience: Iterable[AudienceRecord],
    now: datetime,
    *,
    since: datetime | None,
) -> list[NewOutboxRow]:
    """One row per chat instead of one per event: how many of each category of news
    (those the chat has not muted), after a long pause (`since`: the last poll that
    worked) or when one poll found more than a parent could read."""
    rows: list[NewOutboxRow] = []
    fingerprint = content_hash(sorted(f"{e.type}|{e.item_id}|{e.fingerprint}" for e in events))
    for chat in audience:
        counts: Counter[str] = Counter(e.category for e in events if e.category not in chat.muted)
        if since is not None:
            counts.pop(K.LUCKY_NUMBER, None)  # yesterday's number is no news
        if not counts:
            continue
        release = quiet_until(now, chat.timezone, chat.quiet_start, chat.quiet_end)
        key = f"{chat.chat_id}|{account_id}|{SUMMARY}|{fingerprint}"
        rows.append(
            NewOutboxRow(
                chat_id=chat.chat_id,
                account_id=account_id,
                category="",
                payload=SummaryPayload(
                    v=PAYLOAD_VERSION,
                    type=SUMMARY,
                    account_id=account_id,
                    child=chat.child_name,
                    counts=dict(counts),
                    since=since.isoformat() if since else None,
                ),
                idempotency_key="sum:" + hashlib.sha256(key.encode()).hexdigest(),
                not_before=release or now,
                held_for_quiet_hours=release is not None,
            )
        )
    return rows
