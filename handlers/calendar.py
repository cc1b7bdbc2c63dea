"""/kalendarz: subscribed calendar links for a phone's calendar.

In a private chat a parent gets a link per child and, with several, one for all of
them; in a group its admins get the group's link (all the children shared there),
always in their private chat, never in the group. A link is shown once, when it is
made (only its hash is stored); the same screen renews it (the old stops working) or
switches it off. Every press re-checks who may: the child must be in the chat's scope,
and in a group the presser must be an admin. The link never goes through the outbox,
so it is never written to the database.
"""

from __future__ import annotations

import secrets

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CalendarCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.calendar import feed_url
from bot.render.text import esc
from handlers.common import children_in_scope, is_group_admin, reply
from storage.records import CalendarFeedRecord, ChatRecord
from sync.clock import WARSAW

router = Router(name="calendar")


def _scopes(t: Translator, chat: ChatRecord, children: list[tuple[int, str]]) -> dict[int, str]:
    """The links this chat may have: account id (0: all its children) → their name."""
    if not chat.is_private:
        title = t("cal-group-scope", title=chat.title) if chat.title else t("cal-group-scope-plain")
        return {0: title}
    scopes = dict(children)
    if len(children) > 1:
        scopes[0] = t("cal-all-children")
    return scopes


def _when(t: Translator, feed: CalendarFeedRecord) -> str:
    if feed.fetched_at is None:
        return t("cal-not-fetched")
    local = feed.fetched_at.astimezone(WARSAW)
    return t("cal-fetched", when=f"{t.short_date(local)} {local:%H:%M}")


def screen(
    t: Translator, scopes: dict[int, str], feeds: list[CalendarFeedRecord]
) -> tuple[str, InlineKeyboardMarkup]:
    live = {feed.account_id or 0: feed for feed in feeds if (feed.account_id or 0) in scopes}
    lines = [t("cal-title"), t("cal-intro"), ""]
    for account, name in scopes.items():
        feed = live.get(account)
        if feed is not None:
            lines.append(
                t(
                    "cal-live",
                    scope=esc(name),
                    date=t.short_date(feed.created_at.astimezone(WARSAW)),
                    fetched=_when(t, feed),
                )
            )
    if not live:
        lines.append(t("cal-none"))
    rows: list[list[InlineKeyboardButton]] = []
    for account, name in scopes.items():
        feed = live.get(account)
        if feed is None:
            make = CalendarCb(action="make", account=account)
            rows.append([_button(t("button-cal-make", scope=name), make)])
        else:
            renew = CalendarCb(action="ask_renew", account=account, feed=feed.id)
            off = CalendarCb(action="ask_off", account=account, feed=feed.id)
            rows.append(
                [
                    _button(t("button-cal-renew", scope=name), renew),
                    _button(t("button-cal-off", scope=name), off),
                ]
            )
    if live:
        lines += ["", t("cal-options")]
        first = next(iter(live.values()))
        homework = "on" if first.homework else "off"
        changes = "on" if first.changes else "off"
        rows.append(
            [
                _button(t(f"button-cal-homework-{homework}"), CalendarCb(action="homework")),
                _button(t(f"button-cal-changes-{changes}"), CalendarCb(action="changes")),
            ]
        )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def _button(text: str, data: CalendarCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


async def _state(
    t: Translator, app: AppContext, chat: ChatRecord, user_id: int
) -> tuple[dict[int, str], list[CalendarFeedRecord]]:
    children = await children_in_scope(app, chat, user_id)
    named = {c.account_id: c.child_name for c in children}
    scopes = _scopes(t, chat, list(named.items()))
    async with app.store.reading() as uow:
        feeds = await uow.calendar.live(chat.id)
    return scopes, feeds


def link_text(t: Translator, app: AppContext, scope: str, token: str) -> str:
    url = feed_url(app.settings.calendar.public_url, token)
    return t("cal-link", scope=esc(scope), url=esc(url))


@router.message(Command("kalendarz", "calendar"))
async def calendar_command(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext, bot: Bot
) -> None:
    if not app.settings.calendar.serving:
        await message.answer(t("cal-off"))
        return
    user = message.from_user
    if user is None:
        return
    if not chat_record.is_private and not await is_group_admin(bot, chat_record.id, user.id):
        await message.answer(t("cal-admins-only"))
        return
    scopes, feeds = await _state(t, app, chat_record, user.id)
    text, markup = screen(t, scopes, feeds)
    await reply(message, text, markup)


@router.callback_query(CalendarCb.filter())
async def calendar_press(
    query: CallbackQuery,
    callback_data: CalendarCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
    bot: Bot,
) -> None:
    if not app.settings.calendar.serving:
        await query.answer(t("cal-off"), show_alert=True)
        return
    user_id = query.from_user.id
    if not chat_record.is_private and not await is_group_admin(bot, chat_record.id, user_id):
        await query.answer(t("cal-admins-only"), show_alert=True)
        return
    scopes, feeds = await _state(t, app, chat_record, user_id)
    account = callback_data.account
    action = callback_data.action
    if account not in scopes:
        await query.answer(t("button-stale"), show_alert=True)
        return
    live = next((f for f in feeds if (f.account_id or 0) == account), None)
    live_id = live.id if live is not None else 0
    if action in ("ask_renew", "renew", "ask_off", "off") and callback_data.feed != live_id:
        # the link this button was about is gone (pressed twice, or changed elsewhere)
        await query.answer(t("button-stale"), show_alert=True)
        await _show(query, t, app, chat_record, user_id)
        return
    if action in ("ask_renew", "ask_off"):
        await _confirm(query, t, scopes[account], callback_data)
        return
    if action == "make" and live is not None:
        await _confirm(
            query, t, scopes[account], CalendarCb(action="ask_renew", account=account, feed=live_id)
        )
        return
    if action in ("make", "renew"):
        await _give(query, t, app, bot, chat_record, account, scopes[account], feeds)
    elif action == "off":
        async with app.store.transaction() as uow:
            await uow.calendar.revoke_scope(chat_record.id, account or None, app.clock.now())
        await query.answer(t("cal-turned-off", scope=scopes[account]), show_alert=True)
    elif action in ("homework", "changes") and feeds:
        first = feeds[0]
        homework = not first.homework if action == "homework" else first.homework
        changes = not first.changes if action == "changes" else first.changes
        async with app.store.transaction() as uow:
            await uow.calendar.set_options(chat_record.id, homework=homework, changes=changes)
        await query.answer()
    elif action != "back":
        await query.answer(t("button-stale"), show_alert=True)
        return
    else:
        await query.answer()
    await _show(query, t, app, chat_record, user_id)


async def _show(
    query: CallbackQuery, t: Translator, app: AppContext, chat: ChatRecord, user_id: int
) -> None:
    scopes, feeds = await _state(t, app, chat, user_id)
    text, markup = screen(t, scopes, feeds)
    await reply(query, text, markup)


async def _confirm(query: CallbackQuery, t: Translator, scope: str, asked: CalendarCb) -> None:
    renew = asked.action == "ask_renew"
    yes = CalendarCb(action="renew" if renew else "off", account=asked.account, feed=asked.feed)
    rows = [
        [
            _button(t("button-cal-yes-renew" if renew else "button-cal-yes-off"), yes),
            _button(t("button-cancel"), CalendarCb(action="back")),
        ]
    ]
    text = t("cal-ask-renew" if renew else "cal-ask-off", scope=esc(scope))
    await query.answer()
    await reply(query, text, InlineKeyboardMarkup(inline_keyboard=rows))


async def _give(
    query: CallbackQuery,
    t: Translator,
    app: AppContext,
    bot: Bot,
    chat: ChatRecord,
    account: int,
    scope: str,
    feeds: list[CalendarFeedRecord],
) -> None:
    """A new link for the scope (the old one stops working), sent where only the asker
    sees it: this private chat, or the admin's private chat for a group's link."""
    token = secrets.token_urlsafe(16)
    options = feeds[0] if feeds else None
    text = link_text(t, app, scope, token)
    if not chat.is_private:
        # Sent before it is stored: a failed send leaves the group's current link alone.
        try:
            await bot.send_message(query.from_user.id, text)
        except Exception:  # noqa: BLE001 - never started, or blocked: nothing changes
            await query.answer(t("cal-link-private-first", bot=app.bot_username), show_alert=True)
            return
    async with app.store.transaction() as uow:
        await uow.calendar.create(
            token,
            chat.id,
            account or None,
            app.clock.now(),
            homework=options.homework if options else False,
            changes=options.changes if options else True,
        )
    if chat.is_private:
        if isinstance(query.message, Message):
            await query.message.answer(text)
        await query.answer()
        return
    await query.answer(t("cal-link-sent"), show_alert=True)
