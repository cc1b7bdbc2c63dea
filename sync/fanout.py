"""Events → outbox rows: one per chat that follows the child and wants that category.

Two parents who linked the same child each get a row in their private chat, and their
family group one more; a category muted in the chat (or for this child there) gets
none. A row created inside the chat's quiet hours waits for their end and is marked as
held, so the sender delivers it in the morning digest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from storage.records import AudienceRecord
from storage.repositories.outbox import NewOutboxRow
from sync.events import Event
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
