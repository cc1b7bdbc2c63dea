"""/admin: the operator's view in a private chat, for the user ids in `[admin]`.

Counts only: how many parents, children, chats and groups, accounts by status, the
last hour's polls and sends, the oldest notification waiting, errors by class. Nothing
that names or identifies a family. Anyone else gets the unknown-command answer, so the
command does not advertise itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from sync.clock import WARSAW

router = Router(name="admin")


@router.message(Command("admin"), F.chat.type == "private")
async def admin_command(message: Message, t: Translator, app: AppContext) -> None:
    user = message.from_user
    if user is None or user.id not in app.settings.admin.user_ids:
        await message.answer(t("unknown-command", command="/admin"))
        return
    now = app.clock.now()
    async with app.store.reading() as uow:
        view = await uow.stats.overview(now)
        workers = await uow.workers.all()
    statuses = ", ".join(f"{esc(k)} {v}" for k, v in sorted(view.accounts_by_status.items()))
    errors = ", ".join(f"{esc(k)} {v}" for k, v in sorted(view.errors_by_class.items()))
    oldest = (
        t("admin-oldest", minutes=int((now - view.oldest_due).total_seconds() // 60))
        if view.oldest_due
        else t("admin-oldest-none")
    )
    alive = sum(1 for w in workers if (now - w.beat_at).total_seconds() < 120)
    breaker = _breaker_line(
        t, [w.stats for w in workers if (now - w.beat_at).total_seconds() < 120]
    )
    lines = [
        t("admin-title"),
        t(
            "admin-counts",
            parents=view.parents,
            children=view.children,
            chats=view.private_chats,
            groups=view.groups,
        ),
        t("admin-accounts", value=statuses or "0"),
        t("admin-hour", polls=view.polls_last_hour, sent=view.sent_last_hour),
        t("admin-outbox", due=view.outbox_due, held=view.outbox_held) + " " + oldest,
        t("admin-errors", value=errors or "–"),
        t("admin-workers", alive=alive, known=len(workers)),
        breaker,
    ]
    await message.answer("\n".join(lines))


def _breaker_line(t: Translator, stats: list[dict[str, Any]]) -> str:
    """Whether a poller has stopped asking Librus (the circuit breaker is open)."""
    until = sorted(str(s["breaker_open_until"]) for s in stats if s.get("breaker_open_until"))
    trips = sum(int(s.get("breaker_trips") or 0) for s in stats)
    if not until:
        return t("admin-breaker-closed", trips=trips)
    local = datetime.fromisoformat(until[-1]).astimezone(WARSAW).strftime("%H:%M")
    return t("admin-breaker-open", until=local, trips=trips)
