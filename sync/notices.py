"""Notices: messages to a parent about the bot itself (not news from school), queued
in the outbox like notifications so that none is lost when Telegram is away.

A notice names a locale key (always `notice-…`) and its arguments; the sender renders
it in the chat's language at send time, escaping every argument. Its idempotency key
says what it is about, so it is queued once however often the cause repeats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from storage.records import AudienceRecord
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store, UnitOfWork
from sync import kinds as K
from sync.clock import WARSAW
from sync.errors import AuthProblem
from sync.forecast import DEFAULT_THRESHOLDS, child_forecast, falls
from sync.payloads import PAYLOAD_VERSION, NoticePayload
from sync.quiet import quiet_until

NOTICE: Final = "notice"
NOTICE_PREFIX = "notice-"


def notice_row(
    chat_id: int,
    key: str,
    args: dict[str, str],
    *,
    once_key: str,
    now: datetime,
    not_before: datetime | None = None,
    said: str | None = None,
    button: dict[str, Any] | None = None,
    counts: dict[str, int] | None = None,
) -> NewOutboxRow:
    """`said`: Librus's own sentence, shown under the notice; `button`: what the
    notice's button does (see the renderer); `counts`: news that waited, by category."""
    if not key.startswith(NOTICE_PREFIX):
        raise ValueError(f"a notice's text key starts with {NOTICE_PREFIX!r}: {key!r}")
    payload: NoticePayload = {"v": PAYLOAD_VERSION, "type": NOTICE, "key": key, "args": dict(args)}
    if said:
        payload["said"] = said
    if button:
        payload["button"] = dict(button)
    if counts:
        payload["counts"] = dict(counts)
    held = not_before is not None and not_before > now
    return NewOutboxRow(
        chat_id=chat_id,
        account_id=None,
        category="",
        payload=payload,
        idempotency_key=f"{NOTICE}:{once_key}:{chat_id}",
        not_before=not_before or now,
        held_for_quiet_hours=held,
    )


# The text a paused child's parents get, by the reason the account was paused.
PAUSED_KEYS = {
    "invalid_credentials": "notice-paused-password",
    "captcha": "notice-paused-captcha",
    "account_action": "notice-paused-action",
    "login_refused": "notice-paused-refused",
}
FIX_LOGIN = "fix_login"  # the button: /dzieci's "Podaj hasło" for that child


async def tell_paused(
    uow: UnitOfWork,
    account_id: int,
    reason: str,
    words: str | None,
    *,
    paused_at: datetime,
    now: datetime,
    reminder: bool = False,
) -> int:
    """Queue the news that a child's notifications are paused: to each parent who
    linked it (their private chat, with the button that starts the fix) and one
    short line to each group it is shared into. Once per pause (and once more as a
    reminder); quiet hours are kept. Returns the rows queued."""
    links = await uow.links.for_account(account_id)
    audience = {a.chat_id: a for a in await uow.subscriptions.audience(account_id)}
    stamp = paused_at.isoformat()
    which = "reminder" if reminder else "paused"
    rows = []
    since = paused_at.astimezone(WARSAW).strftime("%d.%m")
    key = "notice-paused-reminder" if reminder else PAUSED_KEYS.get(reason, "notice-paused-action")
    for link in links:
        rows.append(
            notice_row(
                link.user_id,
                key,
                {"name": link.child_name, "since": since},
                once_key=f"{which}:{account_id}:{stamp}",
                now=now,
                not_before=_release(audience.get(link.user_id), now),
                said=None if reminder else words,
                button={"kind": FIX_LOGIN, "account": account_id},
            )
        )
    for chat in audience.values():
        if chat.kind == "private" or reminder:
            continue
        rows.append(
            notice_row(
                chat.chat_id,
                "notice-paused-group",
                {"name": chat.child_name},
                once_key=f"{which}:{account_id}:{stamp}",
                now=now,
                not_before=_release(chat, now),
            )
        )
    return await uow.outbox.enqueue(rows, now)


def _release(chat: AudienceRecord | None, now: datetime) -> datetime:
    if chat is None:
        return now
    return quiet_until(now, chat.timezone, chat.quiet_start, chat.quiet_end) or now


async def remind_paused(uow: UnitOfWork, now: datetime, *, after: timedelta) -> int:
    """Parents of children paused for `after` or longer hear of it once more."""
    queued = 0
    for account in await uow.accounts.paused_before(now - after):
        if account.paused_at is None:
            continue
        queued += await tell_paused(
            uow,
            account.id,
            account.pause_reason or "",
            None,
            paused_at=account.paused_at,
            now=now,
            reminder=True,
        )
    return queued


async def tell_outage(uow: UnitOfWork, account_id: int, *, since: datetime, now: datetime) -> int:
    """Librus has not answered this child's polls since `since` for hours: its parents
    hear it once (per outage). Every failed poll asks, so an outage already told costs
    one indexed look-up and nothing more."""
    once_key = f"outage:{account_id}:{since.isoformat()}"
    if await uow.outbox.has_key_prefix(f"{NOTICE}:{once_key}:"):
        return 0
    release = await _quiet_releases(uow, account_id, now)
    rows = [
        notice_row(
            link.user_id,
            "notice-outage",
            {"name": link.child_name, "since": _when(since)},
            once_key=once_key,
            now=now,
            not_before=release.get(link.user_id, now),
        )
        for link in await uow.links.for_account(account_id)
    ]
    return await uow.outbox.enqueue(rows, now)


async def tell_back(
    uow: UnitOfWork,
    account_id: int,
    *,
    since: datetime,
    now: datetime,
    counts: dict[str, int],
) -> int:
    """The outage told of is over: once more, with what was caught up."""
    told = f"{NOTICE}:outage:{account_id}:{since.isoformat()}:"
    if not await uow.outbox.has_key_prefix(told):
        return 0
    release = await _quiet_releases(uow, account_id, now)
    rows = []
    for link in await uow.links.for_account(account_id):
        row = notice_row(
            link.user_id,
            "notice-outage-over",
            {"name": link.child_name},
            once_key=f"outage-over:{account_id}:{since.isoformat()}",
            now=now,
            not_before=release.get(link.user_id, now),
            counts=counts,
        )
        rows.append(row)
    return await uow.outbox.enqueue(rows, now)


async def tell_failed_checks(
    uow: UnitOfWork,
    account_id: int,
    *,
    except_user: int,
    until: datetime,
    now: datetime,
) -> int:
    """The parents who linked a child hear that someone failed to sign in with its
    login several times (and when checks of it are allowed again); the one who tried
    is not told of their own attempts here."""
    local = until.astimezone(WARSAW)
    rows = [
        notice_row(
            link.user_id,
            "notice-failed-checks",
            {"name": link.child_name, "until": local.strftime("%H:%M")},
            once_key=f"failed-checks:{account_id}:{now.isoformat()}",
            now=now,
        )
        for link in await uow.links.for_account(account_id)
        if link.user_id != except_user
    ]
    return await uow.outbox.enqueue(rows, now)


async def tell_linked_by_other(
    uow: UnitOfWork, account_id: int, *, user_id: int, who: str, now: datetime
) -> int:
    """The parents who linked a child before hear that `who` (what Telegram shows
    anyone of them) linked it too."""
    rows = [
        notice_row(
            other.user_id,
            "notice-linked-by-other",
            {"name": other.child_name, "who": who},
            once_key=f"linked-by-other:{account_id}:{user_id}",
            now=now,
        )
        for other in await uow.links.for_account(account_id)
        if other.user_id != user_id
    ]
    return await uow.outbox.enqueue(rows, now)


def _when(moment: datetime) -> str:
    return moment.astimezone(WARSAW).strftime("%d.%m %H:%M")


async def _quiet_releases(uow: UnitOfWork, account_id: int, now: datetime) -> dict[int, datetime]:
    """When each chat following the child may next be sent to (after its quiet hours)."""
    return {
        chat.chat_id: _release(chat, now) for chat in await uow.subscriptions.audience(account_id)
    }


def forecast_fall_rows(
    account_id: int,
    audience: Iterable[AudienceRecord],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    reference: dict[str, Any],
    *,
    now: datetime,
) -> list[NewOutboxRow]:
    """For each chat that asked (`forecast_alerts`), each subject whose forecast, on the
    chat's own thresholds, fell a whole grade with this poll's grades; once per subject,
    grade and day, so a grade changed back and forth is not told twice in a day."""
    today = now.astimezone(WARSAW).date()
    rows = []
    for chat in audience:
        if not chat.forecast_alerts or K.GRADES in chat.muted:
            continue
        limits = chat.grade_thresholds or DEFAULT_THRESHOLDS
        fell = falls(
            child_forecast(before, reference, today, limits),
            child_forecast(after, reference, today, limits),
        )
        for fall in fell:
            args = {
                "name": chat.child_name,
                "subject": fall.subject,
                "before": str(fall.before),
                "after": str(fall.after),
            }
            key = f"forecast:{account_id}:{fall.subject}:{fall.after}:{today.isoformat()}"
            rows.append(
                notice_row(
                    chat.chat_id,
                    "notice-forecast-fall",
                    args,
                    once_key=key,
                    now=now,
                    not_before=_release(chat, now),
                )
            )
    return rows


async def pause_refused(store: Store, account_id: int, err: AuthProblem, now: datetime) -> bool:
    """A parent's press (opening a message, a download) signed in and Librus refused
    the stored password: the child is paused and its parents told, as after a poll,
    so that neither the next poll nor the next press signs in with it again. Returns
    whether this press paused it (not already paused)."""
    async with store.transaction() as uow:
        first = await uow.accounts.pause(account_id, err.code, at=now)
        if first:
            await tell_paused(uow, account_id, err.code, err.words, paused_at=now, now=now)
    return first
