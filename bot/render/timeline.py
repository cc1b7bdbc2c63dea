"""/ostatnie: the chat's notifications of the last days, newest first, a page at a time
(the Librus app's "Oś czasu"), including what quiet hours are still holding."""

from __future__ import annotations

import math
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import TimelineCb
from bot.i18n import Translator
from bot.render.events import event_text
from bot.render.text import esc
from storage.records import OutboxRecord

PAGE = 8


def timeline(
    t: Translator,
    rows: Sequence[OutboxRecord],
    *,
    page: int,
    days: int,
    zone: str,
    names: dict[int, str],
    many_children: bool,
) -> tuple[str, InlineKeyboardMarkup | None]:
    title = t("timeline-title", days=days)
    if not rows:
        return f"{title}\n\n{t('timeline-none', days=days)}", None
    pages = math.ceil(len(rows) / PAGE)
    page = min(max(page, 0), pages - 1)
    tz = ZoneInfo(zone)
    entries = []
    for row in rows[page * PAGE : (page + 1) * PAGE]:
        payload = dict(row.payload)
        if row.account_id in names:
            payload["child"] = names[row.account_id]
        text = event_text(t, payload)
        if not text:
            continue
        local = row.created_at.astimezone(tz)
        head = f"<b>{t.short_date(local)}, {local:%H:%M}</b>"
        if many_children and row.account_id in names:
            head += f" · {esc(names[row.account_id])}"
        if row.sent_at is None and row.held_for_quiet_hours:
            head += f" · {t('timeline-held', time=row.not_before.astimezone(tz).strftime('%H:%M'))}"
        elif row.sent_at is None:
            head += f" · {t('timeline-waiting')}"
        entries.append(f"{head}\n{text}")
    footer = f"<i>{t('timeline-page', page=page + 1, pages=pages)}</i>" if pages > 1 else ""
    body = "\n\n".join([title, *entries] + ([footer] if footer else []))
    buttons = []
    if page + 1 < pages:
        buttons.append(
            InlineKeyboardButton(
                text=t("timeline-older"), callback_data=TimelineCb(page=page + 1).pack()
            )
        )
    if page > 0:
        buttons.append(
            InlineKeyboardButton(
                text=t("timeline-newer"), callback_data=TimelineCb(page=page - 1).pack()
            )
        )
    return body, InlineKeyboardMarkup(inline_keyboard=[buttons]) if buttons else None
