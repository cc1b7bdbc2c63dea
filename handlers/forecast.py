"""/prognoza: the report-card forecast, and `/prognoza progi …` to set the school's
thresholds (in a group, only its admins)."""

from __future__ import annotations

import re
from datetime import date

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.context import AppContext
from bot.i18n import Translator
from bot.render import forecast as render
from handlers.common import ChildData, is_group_admin
from handlers.views import Rendered, View, ViewContext, add_command, register
from storage.records import ChatRecord
from sync import kinds as K
from sync.forecast import DEFAULT_THRESHOLDS, Forecast, chat_thresholds, parse_thresholds
from sync.forecast import child_forecast as forecast_of

router = Router(name="forecast")
# "/prognoza progi 1,6 2,6 3,6 4,6 5,3": the word in any of the bot's languages.
SETTING = re.compile(r"^\s*(progi|thresholds|пороги)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
RESET = ("domyślne", "domyslne", "default", "типові")


def child_forecast(data: ChildData, chat: ChatRecord, today: date) -> Forecast:
    """One child's stored grades forecast with the chat's thresholds."""
    return forecast_of(
        data.data(K.GRADES),
        data.reference,
        today,
        chat_thresholds(chat),
        behaviour=data.data(K.BEHAVIOUR),
    )


def forecast_view(t: Translator, data: ChildData, context: ViewContext) -> Rendered:
    result = child_forecast(data, context.chat, context.today)
    custom = context.chat.grade_thresholds is not None
    return render.view(t, data.child.child_name, result, custom=custom), []


VIEW = register(
    View(
        "prognoza",
        (K.GRADES,),
        forecast_view,
        module_key="module-missing-grades",
        also=(K.BEHAVIOUR,),
    )
)


@router.message(Command("prognoza", "forecast", magic=F.args.regexp(SETTING)))
async def thresholds_command(
    message: Message,
    command: CommandObject,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    match = SETTING.match(command.args or "")
    wanted = (match.group(2) if match else "").strip()
    user = message.from_user
    if not chat_record.is_private and (
        user is None
        or message.bot is None
        or not await is_group_admin(message.bot, chat_record.id, user.id)
    ):
        await message.answer(t("settings-admins-only"))
        return
    if wanted.casefold() in RESET:
        chosen: tuple[float, ...] | None = None
    else:
        chosen = parse_thresholds(wanted[:200])
        if chosen is None:
            await message.answer(t("forecast-thresholds-invalid"))
            return
    async with app.store.transaction() as uow:
        await uow.chats.update_settings(
            chat_record.id, grade_thresholds=list(chosen) if chosen else None
        )
    shown = render.thresholds_text(t, chosen or DEFAULT_THRESHOLDS)
    await message.answer(t("forecast-thresholds-saved", thresholds=shown))


add_command(router, VIEW, "prognoza", "forecast")
