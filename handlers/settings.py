"""/ustawienia: per-chat settings, changed with buttons only.

One screen shows every setting; a button opens a section (language, quiet hours,
categories, evening brief) or flips a switch (weekly summary, one message per event).
In a group anyone may look, but only its admins may change anything: Telegram is
asked on every press (admins come and go), and an anonymous admin counts, since every
setting here belongs to the group, not to a family.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SettingsCb
from bot.context import AppContext
from bot.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, translator
from bot.render.forecast import thresholds_text
from handlers.common import is_group_admin, reply
from handlers.topics import open_topics
from storage.records import ChatRecord
from sync import kinds as K
from sync.forecast import DEFAULT_THRESHOLDS, PRESETS, chat_thresholds

router = Router(name="settings")

QUIET_PRESETS = (("21:00", "07:00"), ("22:00", "06:00"), ("20:00", "07:00"), ("22:00", "07:00"))
BRIEF_TIMES = ("18:00", "19:00", "20:00", "21:00")
SECTIONS = ("main", "language", "quiet", "categories", "brief", "forecast")


def _cb(key: str, value: str = "") -> str:
    return SettingsCb(key=key, value=value).pack()


def _back(t: Translator) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text=t("button-back"), callback_data=_cb("open", "main"))]


def summary(t: Translator, chat: ChatRecord, *, topics: bool = False) -> str:
    quiet = (
        t("settings-quiet-on", start=chat.quiet_start, end=chat.quiet_end)
        if chat.quiet_start and chat.quiet_end
        else t("settings-quiet-off")
    )
    muted = [c for c in K.CATEGORIES if c in chat.muted_categories]
    categories = (
        t("settings-categories-all")
        if not muted
        else t("settings-categories-muted", names=", ".join(t(f"category-{c}") for c in muted))
    )
    lines = [
        t("settings-title"),
        "",
        t("settings-language", language=LANGUAGE_NAMES[chat.language]),
        t("settings-quiet", value=quiet),
        t("settings-categories", value=categories),
        t(
            "settings-brief",
            value=t("settings-brief-on", time=chat.evening_brief_time)
            if chat.evening_brief_enabled
            else t("settings-brief-off"),
        ),
        t(
            "settings-weekly",
            value=t("settings-weekly-on" if chat.weekly_summary_enabled else "settings-weekly-off"),
        ),
        *(
            [
                t(
                    "settings-weekly-charts",
                    value=t("settings-yes" if chat.weekly_charts else "settings-no"),
                )
            ]
            if chat.weekly_summary_enabled
            else []
        ),
        t(
            "settings-batch",
            value=t("settings-batch-on" if chat.batch_notifications else "settings-batch-off"),
        ),
        t(
            "settings-forecast",
            value=thresholds_text(t, chat_thresholds(chat)),
        ),
        t(
            "settings-forecast-alerts",
            value=t("settings-on" if chat.forecast_alerts else "settings-off"),
        ),
    ]
    if chat.is_private and topics:
        lines.append(
            t(
                "settings-topics",
                value=t("settings-topics-on" if chat.child_topics else "settings-topics-off"),
            )
        )
    if not chat.is_private:
        lines.append(
            t(
                "settings-private-answers",
                value=t(
                    "settings-private-answers-on"
                    if chat.private_answers
                    else "settings-private-answers-off"
                ),
            )
        )
        lines += ["", t("settings-admins-only")]
    return "\n".join(lines)


def settings_view(
    t: Translator, chat: ChatRecord, section: str = "main", *, topics: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """`topics`: the bot may make topics in private chats (its owner turned them on)."""
    rows: list[list[InlineKeyboardButton]] = []
    text = summary(t, chat, topics=topics)
    if section == "language":
        rows.append(
            [
                InlineKeyboardButton(
                    text=("✅ " if chat.language == code else "") + LANGUAGE_NAMES[code],
                    callback_data=_cb("language", code),
                )
                for code in LANGUAGES
            ]
        )
    elif section == "quiet":
        current = (chat.quiet_start, chat.quiet_end)
        for start, end in QUIET_PRESETS:
            mark = "✅ " if current == (start, end) else ""
            rows.append(
                [
                    InlineKeyboardButton(
                        text=f"{mark}{start}–{end}",
                        callback_data=_cb("quiet", f"{start}-{end}".replace(":", "")),
                    )
                ]
            )
        mark = "✅ " if current == (None, None) else ""
        rows.append(
            [
                InlineKeyboardButton(
                    text=mark + t("button-quiet-none"), callback_data=_cb("quiet", "none")
                )
            ]
        )
        text += "\n\n" + t("settings-quiet-help")
    elif section == "categories":
        builder = InlineKeyboardBuilder()
        for category in K.CATEGORIES:
            mark = "🔕" if category in chat.muted_categories else "🔔"
            builder.button(
                text=f"{mark} {t(f'category-{category}')}",
                callback_data=SettingsCb(key="cat", value=category),
            )
        builder.adjust(2)
        rows.extend(builder.export())
        text += "\n\n" + t("settings-categories-help")
    elif section == "brief":
        toggle = "off" if chat.evening_brief_enabled else "on"
        rows.append(
            [
                InlineKeyboardButton(
                    text=t(f"button-brief-{toggle}"), callback_data=_cb("brief", toggle)
                )
            ]
        )
        rows.append(
            [
                InlineKeyboardButton(
                    text=(
                        "✅ "
                        if chat.evening_brief_enabled and chat.evening_brief_time == time
                        else ""
                    )
                    + time,
                    callback_data=_cb("brief", time.replace(":", "")),
                )
                for time in BRIEF_TIMES
            ]
        )
        text += "\n\n" + t("settings-brief-help")
    elif section == "forecast":
        thresholds = chat_thresholds(chat)
        for preset in PRESETS:
            mark = "✅ " if tuple(thresholds) == preset else ""
            rows.append(
                [
                    InlineKeyboardButton(
                        text=mark + thresholds_text(t, preset),
                        callback_data=_cb("thresholds", _preset_key(preset)),
                    )
                ]
            )
        toggle = "off" if chat.forecast_alerts else "on"
        rows.append(
            [
                InlineKeyboardButton(
                    text=t(f"button-forecast-alerts-{toggle}"),
                    callback_data=_cb("falls", toggle),
                )
            ]
        )
        text += "\n\n" + t("settings-forecast-help")
    else:
        rows = [
            [
                InlineKeyboardButton(
                    text=t("button-settings-language"), callback_data=_cb("open", "language")
                ),
                InlineKeyboardButton(
                    text=t("button-settings-quiet"), callback_data=_cb("open", "quiet")
                ),
            ],
            [
                InlineKeyboardButton(
                    text=t("button-settings-categories"), callback_data=_cb("open", "categories")
                ),
                InlineKeyboardButton(
                    text=t("button-settings-brief"), callback_data=_cb("open", "brief")
                ),
            ],
            [
                InlineKeyboardButton(
                    text=t(
                        "button-weekly-off" if chat.weekly_summary_enabled else "button-weekly-on"
                    ),
                    callback_data=_cb("weekly", "off" if chat.weekly_summary_enabled else "on"),
                )
            ],
            *(
                [
                    [
                        InlineKeyboardButton(
                            text=t(
                                "button-weekly-charts-off"
                                if chat.weekly_charts
                                else "button-weekly-charts-on"
                            ),
                            callback_data=_cb("wcharts", "off" if chat.weekly_charts else "on"),
                        )
                    ]
                ]
                if chat.weekly_summary_enabled
                else []
            ),
            [
                InlineKeyboardButton(
                    text=t("button-batch-off" if chat.batch_notifications else "button-batch-on"),
                    callback_data=_cb("batch", "off" if chat.batch_notifications else "on"),
                )
            ],
            [
                InlineKeyboardButton(
                    text=t("button-settings-forecast"), callback_data=_cb("open", "forecast")
                )
            ],
        ]
        if chat.is_private and topics:
            toggle = "off" if chat.child_topics else "on"
            rows.append(
                [
                    InlineKeyboardButton(
                        text=t(f"button-topics-{toggle}"), callback_data=_cb("topics", toggle)
                    )
                ]
            )
        if not chat.is_private:
            toggle = "off" if chat.private_answers else "on"
            rows.append(
                [
                    InlineKeyboardButton(
                        text=t(f"button-private-answers-{toggle}"),
                        callback_data=_cb("private", toggle),
                    )
                ]
            )
        return text, InlineKeyboardMarkup(inline_keyboard=rows)
    rows.append(_back(t))
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


@router.message(Command("ustawienia", "settings"))
async def settings_command(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    text, markup = settings_view(t, chat_record, topics=app.topics.enabled)
    await message.answer(text, reply_markup=markup)


# On/off buttons: the setting each sets and the section shown after it.
TOGGLES = {
    "weekly": ("weekly_summary_enabled", "main"),
    "batch": ("batch_notifications", "main"),
    "falls": ("forecast_alerts", "forecast"),
    "private": ("private_answers", "main"),
    "topics": ("child_topics", "main"),
    "wcharts": ("weekly_charts", "main"),
}
# Switches one kind of chat has: answers for the asker in a group (a private chat's are
# private anyway), a topic per child in a parent's own chat. True: private.
CHAT_KIND = {"private": False, "topics": True}


def _change(chat: ChatRecord, key: str, value: str) -> tuple[dict[str, object], str] | None:
    """The settings a press changes and the section to show after it; None if the
    button's data is not one this screen makes (stale or forged)."""
    if key == "language" and value in LANGUAGES:
        return {"language": value}, "language"
    if key == "quiet":
        if value == "none":
            return {"quiet_start": None, "quiet_end": None}, "quiet"
        for start, end in QUIET_PRESETS:
            if value == f"{start}-{end}".replace(":", ""):
                return {"quiet_start": start, "quiet_end": end}, "quiet"
    if key == "cat" and value in K.CATEGORIES:
        muted = set(chat.muted_categories) ^ {value}
        return {"muted_categories": sorted(muted)}, "categories"
    if key == "brief":
        if value in ("on", "off"):
            return {"evening_brief_enabled": value == "on"}, "brief"
        for time in BRIEF_TIMES:
            if value == time.replace(":", ""):  # ':' separates callback data fields
                return {"evening_brief_enabled": True, "evening_brief_time": time}, "brief"
    if key in TOGGLES and value in ("on", "off"):
        if key in CHAT_KIND and CHAT_KIND[key] != chat.is_private:
            return None  # a switch the other kind of chat has
        setting, section = TOGGLES[key]
        return {setting: value == "on"}, section
    if key == "thresholds":
        for preset in PRESETS:
            if value == _preset_key(preset):
                chosen = None if preset == DEFAULT_THRESHOLDS else list(preset)
                return {"grade_thresholds": chosen}, "forecast"
    return None


def _preset_key(preset: tuple[float, ...]) -> str:
    """'175-275-375-475-550': no ':' (it separates callback data's fields)."""
    return "-".join(f"{round(v * 100):d}" for v in preset)


async def _admin(query: CallbackQuery, chat: ChatRecord) -> bool:
    return query.bot is not None and await is_group_admin(query.bot, chat.id, query.from_user.id)


@router.callback_query(SettingsCb.filter())
async def settings_button(
    query: CallbackQuery,
    callback_data: SettingsCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    key, value = callback_data.key, callback_data.value
    if key == "open":
        if value not in SECTIONS:
            await query.answer(t("button-stale"), show_alert=True)
            return
        await query.answer()
        text, markup = settings_view(t, chat_record, value, topics=app.topics.enabled)
        await reply(query, text, markup)
        return
    change = _change(chat_record, key, value)
    if change is None:
        await query.answer(t("button-stale"), show_alert=True)
        return
    if not chat_record.is_private and not await _admin(query, chat_record):
        await query.answer(t("settings-admins-only"), show_alert=True)
        return
    changes, section = change  # held news follows new quiet hours on the next minute's tick
    if changes.get("child_topics") and (
        not app.topics.enabled
        or query.bot is None
        or not await open_topics(query.bot, t, app, chat_record)
    ):
        await query.answer(t("topics-refused"), show_alert=True)
        return
    async with app.store.transaction() as uow:
        chat = await uow.chats.update_settings(chat_record.id, **changes)
    new_t = translator(chat.language)
    await query.answer(new_t("settings-saved"))
    text, markup = settings_view(new_t, chat, section, topics=app.topics.enabled)
    await reply(query, text, markup)
