"""Notices: messages to a parent about the bot itself (not news from school), queued
in the outbox like notifications so that none is lost when Telegram is away.

A notice names a locale key (always `notice-…`) and its arguments; the sender renders
it in the chat's language at send time, escaping every argument. Its idempotency key
says what it is about, so it is queued once however often the cause repeats.
"""

from __future__ import annotations

from datetime import datetime

from storage.repositories.outbox import NewOutboxRow

NOTICE = "notice"
NOTICE_PREFIX = "notice-"


def notice_row(
    chat_id: int, key: str, args: dict[str, str], *, once_key: str, now: datetime
) -> NewOutboxRow:
    if not key.startswith(NOTICE_PREFIX):
        raise ValueError(f"a notice's text key starts with {NOTICE_PREFIX!r}: {key!r}")
    return NewOutboxRow(
        chat_id=chat_id,
        account_id=None,
        category="",
        payload={"type": NOTICE, "key": key, "args": dict(args)},
        idempotency_key=f"{NOTICE}:{once_key}:{chat_id}",
        not_before=now,
    )
