"""The command menu Telegram shows, in Polish, English and Ukrainian."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats

from bot.i18n import LANGUAGES, translate

PRIVATE = (
    "start",
    "oceny",
    "prognoza",
    "plan",
    "jutro",
    "frekwencja",
    "wiadomosci",
    "sprawdziany",
    "zadania",
    "ogloszenia",
    "numerek",
    "uwagi",
    "ostatnie",
    "kalendarz",
    "dzieci",
    "dodaj",
    "ustawienia",
    "eksport",
    "usun",
    "prywatnosc",
    "pomoc",
)
GROUP = (
    "oceny",
    "prognoza",
    "plan",
    "jutro",
    "frekwencja",
    "sprawdziany",
    "zadania",
    "numerek",
    "ostatnie",
    "kalendarz",
    "dzieci",
    "ustawienia",
    "prywatnosc",
    "pomoc",
)


def commands(language: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [
        BotCommand(command=name, description=translate(language, f"cmd-{name}")) for name in names
    ]


async def publish(bot: Bot) -> None:
    """setMyCommands for private chats and groups, with a description per language."""
    for language in (None, *LANGUAGES):
        lang = language or "pl"
        code = language or None
        await bot.set_my_commands(
            commands(lang, PRIVATE), scope=BotCommandScopeAllPrivateChats(), language_code=code
        )
        await bot.set_my_commands(
            commands(lang, GROUP), scope=BotCommandScopeAllGroupChats(), language_code=code
        )
