"""The common path of every per-child command: scope, picker, data, answer.

A feature registers a `View`: which kinds of data it reads, whether several children
are shown together or one is picked, and how to render. Commands, the child picker and
the 'Odśwież' button all end up in `show`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputRichMessage,
    Message,
)

from bot.context import AppContext
from bot.i18n import Translator
from bot.render.rich import Block, paragraphs
from bot.render.rich import footer as rich_footer
from bot.render.rich import message as rich_message
from bot.render.text import esc
from handlers.common import (
    ChildData,
    children_in_scope,
    freshness,
    load,
    picker,
    refresh_button,
    reply,
    status_line,
)
from handlers.privately import link_payload, respond
from handlers.topics import topic_child
from storage.records import ChatRecord, ChildRecord
from sync.clock import WARSAW

Rendered = tuple[str, list[list[InlineKeyboardButton]]]
Renderer = Callable[[Translator, ChildData, "ViewContext"], Awaitable[Rendered] | Rendered]
RichRenderer = Callable[[Translator, ChildData, "ViewContext"], list[Block] | None]


class Composed(NamedTuple):
    text: str
    buttons: list[list[InlineKeyboardButton]]
    rich: InputRichMessage | None = None


@dataclass(frozen=True)
class ViewContext:
    app: AppContext
    now: datetime
    today: date
    arg: str
    many: bool  # more than one child in the answer
    chat: ChatRecord
    #: What one answer's text and its table both need, worked out once for both
    #: (the grade forecast), keyed by child.
    memo: dict[tuple[str, int], Any] = field(default_factory=dict)


@dataclass(frozen=True)
class View:
    command: str
    kinds: tuple[str, ...]
    render: Renderer
    together: bool = False  # all children in one message instead of a picker
    module_key: str | None = None  # text when the school does not give the main kind
    header: Callable[[Translator, ViewContext], str] | None = None
    #: kinds shown as stored, not fetched for the answer nor dating it
    also: tuple[str, ...] = ()
    #: in a family group, shown only to the member who asked (if the group says so)
    private: bool = False
    #: the rich form (tables) of a one-child answer, sent with the text as fallback
    rich: RichRenderer | None = None


VIEWS: dict[str, View] = {}


def register(view: View) -> View:
    VIEWS[view.command] = view
    return view


def add_command(router: Router, view: View, *names: str) -> None:
    """`/name` (and its aliases) shows `view`: for the one child, or asks which one."""

    async def handle(
        message: Message, t: Translator, chat_record: ChatRecord, app: AppContext
    ) -> None:
        user_id = message.from_user.id if message.from_user else 0
        await start(message, view, t, chat_record, app, user_id)

    handle.__name__ = f"{view.command}_command"
    router.message.register(handle, Command(*names))


async def start(
    event: Message | CallbackQuery,
    view: View,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
    user_id: int,
    arg: str = "",
) -> None:
    """A command was typed: show it, or ask which child. Typed in a child's topic, it
    is about that child."""
    children = await children_in_scope(app, chat_record, user_id)
    thread = event.message_thread_id if isinstance(event, Message) else None
    own = await topic_child(app, chat_record, thread)
    if own is not None:
        children = [c for c in children if c.account_id == own] or children
    if not children:
        key = "no-children" if chat_record.is_private else "no-children-group"
        await reply(event, t(key))
        return
    if len(children) > 1 and not view.together:
        await respond(
            event,
            t,
            app,
            chat_record,
            t("pick-child"),
            picker(view.command, children, arg),
            link=link_payload(view.command, chat_record.id, 0),
            private=view.private,
        )
        return
    await show(event, view, t, app, children, chat=chat_record, arg=arg)


async def show(
    event: Message | CallbackQuery,
    view: View,
    t: Translator,
    app: AppContext,
    children: Sequence[ChildRecord],
    *,
    chat: ChatRecord,
    arg: str = "",
    force: bool = False,
) -> None:
    answer = await compose(view, t, app, children, chat=chat, arg=arg, force=force)
    account = children[0].account_id if len(children) == 1 else 0
    rows = [*answer.buttons, [refresh_button(t, view.command, account, arg)]]
    await respond(
        event,
        t,
        app,
        chat,
        answer.text,
        InlineKeyboardMarkup(inline_keyboard=rows),
        link=link_payload(view.command, chat.id, account),
        private=view.private,
        rich=answer.rich,
    )


async def compose(
    view: View,
    t: Translator,
    app: AppContext,
    children: Sequence[ChildRecord],
    *,
    chat: ChatRecord,
    arg: str = "",
    force: bool = False,
) -> Composed:
    """The answer's text (with how fresh it is), its buttons, and for one child its
    rich form where the view has one."""
    now = app.clock.now()
    today = now.astimezone(WARSAW).date()
    many = len(children) > 1
    context = ViewContext(app=app, now=now, today=today, arg=arg, many=many, chat=chat)
    texts: list[str] = []
    buttons: list[list[InlineKeyboardButton]] = []
    stamps: list[datetime] = []
    problems: list[str] = []
    blocks: list[Block] | None = None
    for child in children:
        data = await load(app, child, view.kinds, force=force, also=view.also)
        problem = child_problem(t, child) or status_line(t, data.refreshed)
        if problem:
            problems.append(problem)
        main = view.kinds[0] if view.kinds else None
        if main is not None and main in data.absent and view.module_key:
            texts.append(
                t(_missing_key(view.module_key, data.reference), name=esc(child.child_name))
            )
            continue
        if main is not None and main not in data.snapshots:
            texts.append(t("no-data-yet", name=esc(child.child_name)))
            continue
        result = view.render(t, data, context)
        text, extra = await result if isinstance(result, Awaitable) else result
        texts.append(text)
        buttons.extend(extra)
        if view.rich is not None and not many:
            blocks = view.rich(t, data, context)
        stamp = data.fetched_at(view.kinds)
        if stamp is not None:
            stamps.append(stamp)
    footer = freshness(t, min(stamps) if stamps else None, now)
    body = "\n\n".join(texts)
    if view.header is not None:
        body = f"{view.header(t, context)}\n\n{body}"
    said = "\n".join(dict.fromkeys(problems))
    if problems:
        body = said + "\n\n" + body
    rich = None
    if blocks:
        rich = rich_message([*paragraphs(said), *blocks, rich_footer(f"<i>{footer}</i>")])
    return Composed(f"{body}\n\n<i>{footer}</i>", buttons, rich)


# Modules a kindergarten does not give, said in a kindergarten's words.
KINDERGARTEN_MISSING = frozenset(
    {
        "module-missing-grades",
        "module-missing-attendance",
        "module-missing-homework",
        "module-missing-lucky",
        "module-missing-notes",
    }
)


def _missing_key(key: str, reference: dict[str, Any]) -> str:
    if reference.get("kindergarten") and key in KINDERGARTEN_MISSING:
        return f"{key}-kindergarten"
    return key


def child_problem(t: Translator, child: ChildRecord) -> str:
    if child.is_paused:
        key = {
            "invalid_credentials": "problem-password",
            "captcha": "problem-captcha",
            "login_refused": "problem-refused",
        }.get(child.pause_reason or "", "problem-account-action")
        return t(key, name=esc(child.child_name))
    return ""
