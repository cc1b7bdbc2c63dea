"""The aiogram dispatcher: routers in order, middlewares, error handling."""

from __future__ import annotations

import logging

from aiogram import Dispatcher, Router
from aiogram.filters import Command
from aiogram.types import ErrorEvent, Message

from bot.context import AppContext
from bot.fsm_storage import DatabaseStorage
from bot.i18n import translator
from bot.middlewares import ContextMiddleware
from handlers import (
    admin,
    agenda,
    attendance,
    calendar,
    charts,
    children,
    dialogue,
    fallback,
    files,
    forecast,
    grades,
    groups,
    link,
    messages,
    mute,
    plan,
    privacy,
    reply,
    settings,
    start,
    timeline,
)

log = logging.getLogger("dzwonek.bot")


def build_dispatcher(app: AppContext) -> Dispatcher:
    storage = DatabaseStorage(app.store, app.clock)
    dp = Dispatcher(storage=storage)
    dp.update.outer_middleware(ContextMiddleware(app, storage))
    routers = [
        # A command typed in a dialogue ends it first (and is never a password).
        dialogue.router,
        # Password steps next: a password is never taken for anything else.
        link.password_router,
        children.password_router,
        start.router,
        children.router,
        grades.router,
        forecast.router,
        plan.router,
        attendance.router,
        messages.router,
        files.router,
        charts.router,
        reply.router,
        agenda.router,
        calendar.router,
        settings.router,
        mute.router,
        timeline.router,
        groups.router,
        privacy.router,
        admin.router,
        link.router,
        fallback.router,
    ]
    dp.include_routers(*(_detached(router) for router in routers))
    app.commands = known_commands(routers)
    dp.errors.register(on_error)
    return dp


def known_commands(routers: list[Router]) -> frozenset[str]:
    """Every command name a message handler of these routers answers."""
    names: set[str] = set()
    for router in routers:
        for handler in router.message.handlers:
            for item in handler.filters or ():
                if isinstance(item.callback, Command):
                    names.update(
                        str(c).lower() for c in item.callback.commands if isinstance(c, str)
                    )
    return frozenset(names)


def _detached(router: Router) -> Router:
    """A feature router freed from a dispatcher built earlier in this process (tests and
    the demo build more than one): aiogram lets a router belong to one parent only."""
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None  # noqa: SLF001 - aiogram has no public detach
    return router


async def on_error(event: ErrorEvent) -> bool:
    """Log what broke (never the update's text) and tell the parent something went wrong."""
    update = event.update
    log.error(
        "handler failed",
        exc_info=event.exception,
        extra={"update": update.event_type, "error": type(event.exception).__name__},
    )
    chat = None
    language = None
    if update.message is not None:
        chat = update.message.chat.id
        language = update.message.from_user.language_code if update.message.from_user else None
    elif update.callback_query is not None and isinstance(update.callback_query.message, Message):
        chat = update.callback_query.message.chat.id
        language = update.callback_query.from_user.language_code
        try:
            await update.callback_query.answer()
        except Exception:  # noqa: BLE001 - the error boundary itself must not fail
            log.debug("could not answer the callback query")
    if chat is not None and update.bot is not None:
        t = translator(language)
        try:
            await update.bot.send_message(chat, t("error-generic"))
        except Exception:  # noqa: BLE001 - the error boundary itself must not fail
            log.warning("could not report an error to the chat")
    return True
