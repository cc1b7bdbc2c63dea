"""Every dialogue can be left: a command typed in the middle of one (the password step
included) ends it and runs, and is never taken for the answer the dialogue waited for
(a password sent to Librus, a child's new name). /anuluj ends it and says so.

The bot's commands are read from the dispatcher's own handlers (`AppContext.commands`),
so a password that merely begins with "/" is still a password.
"""

from __future__ import annotations

import re

from aiogram import Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.context import AppContext
from bot.i18n import Translator

router = Router(name="escape")
CANCEL = frozenset({"anuluj", "cancel"})
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)")


def command_name(text: str | None) -> str | None:
    """'/plan@dzwonek_bot jutro' → 'plan' (lower case); None for anything else."""
    found = _COMMAND.match((text or "").strip())
    return found.group(1).lower() if found else None


def typed_command(message: Message, app: AppContext) -> bool:
    """The message is one of the bot's commands."""
    name = command_name(message.text)
    return name is not None and name in app.commands


def not_a_command(message: Message, app: AppContext) -> bool:
    """The message can be a dialogue's answer (it is not one of the bot's commands)."""
    return not typed_command(message, app)


def in_dialogue(_message: Message, raw_state: str | None) -> bool:
    return raw_state is not None


@router.message(in_dialogue, typed_command)
async def command_in_dialogue(
    message: Message, state: FSMContext, t: Translator, app: AppContext
) -> None:
    data = await state.get_data()
    app.pending.drop(data.get("ticket"))  # a password waiting for its check goes too
    await state.clear()
    if command_name(message.text) in CANCEL:
        await message.answer(t("cancelled"))
        return
    await message.answer(t("dialogue-left"))
    raise SkipHandler  # the command itself runs as usual
