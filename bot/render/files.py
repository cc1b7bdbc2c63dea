"""'📎 <file>' buttons under a message's body, a homework list or a homework
notification, and how a file's size reads to a parent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from aiogram.types import InlineKeyboardButton

from bot.callbacks import FileCb
from bot.i18n import Translator
from bot.render.text import shorten

MESSAGE, HOMEWORK = "m", "h"
MAX_BUTTONS = 6  # per view: a homework list with many files stays readable
MB = 1024 * 1024


def file_button(
    account_id: int, kind: str, item_id: str, file_id: str, name: str, *, child: str = ""
) -> InlineKeyboardButton | None:
    """The button for one file, or None when Librus's ids do not fit in Telegram's
    64 bytes of callback data (never seen: its ids are numbers; the text then says
    to download it in Librus)."""
    label = f"📎 {shorten(name, 40)}" + (f" · {shorten(child, 16)}" if child else "")
    try:
        data = FileCb(kind=kind, account=account_id, item=item_id, file=file_id).pack()
    except ValueError:
        return None
    return InlineKeyboardButton(text=label, callback_data=data)


@dataclass
class Offer:
    """Buttons for some files: `offered` names have one, `left` ones are downloaded
    in Librus (past the limit of buttons, or downloads switched off)."""

    rows: list[list[InlineKeyboardButton]] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def file_rows(
    account_id: int,
    kind: str,
    item_id: str,
    files: Iterable[tuple[str, str]],
    *,
    child: str = "",
    room: int = MAX_BUTTONS,
    enabled: bool = True,
) -> Offer:
    """Buttons for (id, name) files, at most `room`."""
    offer = Offer()
    for file_id, name in files:
        fits = enabled and len(offer.rows) < room
        button = (
            file_button(account_id, kind, item_id, file_id, name, child=child) if fits else None
        )
        if button is None:
            offer.left.append(name)
        else:
            offer.rows.append([button])
            offer.offered.append(name)
    return offer


def size(t: Translator, length: int) -> str:
    """'63,2 MB' (or '480 kB' under a megabyte), in the chat's number format."""
    if length < MB:
        return f"{max(1, round(length / 1024))} kB"
    return f"{t.number(length / MB, 1)} MB"
