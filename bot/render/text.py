"""The one HTML-escaping helper and the splitter every outgoing text goes through.

Teachers write `<`, `&`, emoji and very long comments; all of it is escaped once,
here, and long texts are cut at line boundaries into parts Telegram accepts
(4096 UTF-16 code units after entity parsing).
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.i18n import Translator

LIMIT = 4096
# Leave room for what parsing adds back (entities decode to fewer characters, never more).
_TAG = re.compile(r"<[^>]+>")
_OPENING = re.compile(r"<[a-z][^>]*>", re.IGNORECASE)
# Telegram's caps besides the shown text's: formatting past the 100th entity of a
# message is dropped (tdlib/telegram-bot-api#820), and markup much longer than about
# 9,500 characters is refused (#165). Kept under both, with room to spare.
MARKUP_LIMIT = 9000
ENTITY_LIMIT = 100


def esc(value: object) -> str:
    """Text from anywhere (Librus, a parent) made safe for HTML parse mode."""
    return html.escape("" if value is None else str(value), quote=False)


def short_day(t: Translator, value: str | None) -> str:
    """An ISO day as the chat's short date ("śr. 25.11"); "" for none, and what Librus
    gave, escaped, when it is not a date."""
    if not value:
        return ""
    try:
        return t.short_date(date.fromisoformat(value[:10]))
    except ValueError:
        return esc(value)


def bold(value: object) -> str:
    return f"<b>{esc(value)}</b>"


def italic(value: object) -> str:
    return f"<i>{esc(value)}</i>"


def shorten(text: str, limit: int) -> str:
    """Plain text cut to `limit` characters on a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut or text[: limit - 1]) + "…"


def visible_length(markup: str) -> int:
    """How long Telegram counts an HTML text (tags dropped, entities decoded, UTF-16)."""
    plain = html.unescape(_TAG.sub("", markup))
    return len(plain.encode("utf-16-le")) // 2


def split_message(
    markup: str,
    limit: int = LIMIT,
    *,
    markup_limit: int = MARKUP_LIMIT,
    entity_limit: int = ENTITY_LIMIT,
) -> list[str]:
    """Parts Telegram takes whole: at most `limit` visible units, `markup_limit`
    characters of markup and `entity_limit` formatted pieces each (past the 100th
    Telegram drops the formatting, and very long markup is refused). Cut between lines
    (blocks), never inside a tag. A single line longer than the limit is cut between
    words, its tags dropped."""
    if _fits(markup, limit, markup_limit, entity_limit):
        return [markup]
    parts: list[str] = []
    current: list[str] = []
    size = raw = tags = 0
    for line in markup.split("\n"):
        length, chars, opened = visible_length(line) + 1, len(line) + 1, _opened(line)
        if length > limit or chars > markup_limit or opened > entity_limit:
            if current:
                parts.append("\n".join(current))
                current, size, raw, tags = [], 0, 0, 0
            parts.extend(_split_line(line, limit))
            continue
        over = size + length > limit or raw + chars > markup_limit or tags + opened > entity_limit
        if over and current:
            parts.append("\n".join(current))
            current, size, raw, tags = [], 0, 0, 0
        current.append(line)
        size, raw, tags = size + length, raw + chars, tags + opened
    if current:
        parts.append("\n".join(current))
    return [p for p in parts if p.strip()]


def _opened(markup: str) -> int:
    """Formatted pieces (entities) a text makes: one per opening tag."""
    return len(_OPENING.findall(markup))


def _fits(markup: str, limit: int, markup_limit: int, entity_limit: int) -> bool:
    return (
        visible_length(markup) <= limit
        and len(markup) <= markup_limit
        and _opened(markup) <= entity_limit
    )


def _split_line(line: str, limit: int) -> list[str]:
    """A very long line: drop its markup and cut the plain text between words."""
    plain = html.unescape(_TAG.sub("", line))
    chunks: list[str] = []
    while plain:
        piece = plain[: limit - 1]
        if len(plain) > limit - 1 and " " in piece:
            piece = piece.rsplit(" ", 1)[0]
        # UTF-16: characters outside the BMP count twice.
        while len(piece.encode("utf-16-le")) // 2 > limit - 1:
            piece = piece[:-1]
        chunks.append(esc(piece))
        plain = plain[len(piece) :].lstrip()
    return chunks
