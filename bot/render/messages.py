"""/wiadomosci: inbox previews, and one message body opened on request."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import Translator
from bot.render.librus_text import librus_text
from bot.render.text import LIMIT, esc, shorten, visible_length
from sync.payloads import MessageItem


def sent_label(t: Translator, sent: str | None) -> str:
    if not sent:
        return ""
    try:
        moment = datetime.fromisoformat(sent.replace(" ", "T"))
    except ValueError:
        return esc(sent)
    return f"{t.short_date(moment)} {moment.strftime('%H:%M')}"


def inbox(t: Translator, name: str, items: list[MessageItem], limit: int = 10) -> str:
    lines = [t("msg-title", name=esc(name))]
    if not items:
        lines.append(t("msg-none"))
        return "\n".join(lines)
    unread = sum(1 for m in items if not m["read"])
    lines.append(t("msg-unread", count=unread))
    for n, message in enumerate(items[:limit], start=1):
        mark = "🔵" if not message["read"] else "▫️"
        clip = "📎 " if message["attachment"] else ""
        lines.append("")
        lines.append(f"{mark} <b>{n}. {esc(message['topic'] or t('msg-no-topic'))}</b> {clip}")
        lines.append(f"{esc(message['sender'] or '?')} · {sent_label(t, message['sent'])}")
        preview = shorten(librus_text(message["preview"]), 160)
        if preview:
            lines.append(f"<i>{esc(preview)}</i>")
    return "\n".join(lines)


FOLD_AFTER = 600  # visible characters of a body shown before it folds
FOLD_UP_TO = LIMIT - 600  # room for the head and the attachments' lines


def folded(text: str) -> str:
    """A long teacher's message in an expandable quote (the first lines shown, the rest
    a tap away), when it fits one message; a longer one stays plain, to be split."""
    if FOLD_AFTER < visible_length(text) <= FOLD_UP_TO:
        return f"<blockquote expandable>{text}</blockquote>"
    return text


def body(
    t: Translator,
    sender: str,
    topic: str,
    sent: str | None,
    content: str,
    attachments: tuple[str, ...],
    offered: tuple[str, ...] = (),
) -> str:
    """`offered`: the attachments with a '📎' button under the body; `attachments`:
    those the parent downloads in Librus."""
    lines = [
        f"✉️ <b>{esc(topic or t('msg-no-topic'))}</b>",
        f"{esc(sender)} · {sent_label(t, sent)}",
        "",
        folded(esc(librus_text(content))),
    ]
    if offered or attachments:
        lines.append("")
    if offered:
        names = esc(", ".join(offered))
        lines.append(t("msg-attachments-offered", names=names, count=len(offered)))
    if attachments:
        names = esc(", ".join(attachments))
        lines.append(t("msg-attachments", names=names, count=len(attachments)))
    return "\n".join(lines)
