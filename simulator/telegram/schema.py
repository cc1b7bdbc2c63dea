"""The Bot API methods the bot calls, with their parameters, as the official spec has them.

A contract test checks every entry here against `../shared/telegram/botapi-spec-api.json`
(Bot API 10.1), or for what came later against aiogram's 10.2 schema beside it, or for
10.3 against aiogram's own method models (names, types, required flags). Requests are
validated against this table: an unknown method is 404, a missing required or wrongly
typed parameter is 400, and a parameter the table does not list is refused too, so the
table stays complete.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MARKUP = ["InlineKeyboardMarkup", "ReplyKeyboardMarkup", "ReplyKeyboardRemove", "ForceReply"]


@dataclass(frozen=True)
class Param:
    types: tuple[str, ...]
    required: bool = False


def p(*types: str, required: bool = False) -> Param:
    return Param(types=types, required=required)


_SEND_COMMON = {
    "chat_id": p("Integer", "String", required=True),
    "business_connection_id": p("String"),
    "message_thread_id": p("Integer"),
    "disable_notification": p("Boolean"),
    "protect_content": p("Boolean"),
    "reply_parameters": p("ReplyParameters"),
    "reply_markup": p(*MARKUP),
}

# Who alone sees a message in a group: Bot API 10.2 put the two fields on the send
# methods, 10.3 (what aiogram 3.31 sends) moved them into one object. Both are taken.
_EPHEMERAL = {
    "receiver_user_id": p("Integer"),
    "callback_query_id": p("String"),
    "ephemeral_message_parameters": p("EphemeralMessageParameters"),
}

METHODS: dict[str, dict[str, Param]] = {
    "getMe": {},
    "logOut": {},
    "close": {},
    "getUpdates": {
        "offset": p("Integer"),
        "limit": p("Integer"),
        "timeout": p("Integer"),
        "allowed_updates": p("Array of String"),
    },
    "deleteWebhook": {"drop_pending_updates": p("Boolean")},
    "setWebhook": {
        "url": p("String", required=True),
        "certificate": p("InputFile"),
        "ip_address": p("String"),
        "max_connections": p("Integer"),
        "allowed_updates": p("Array of String"),
        "drop_pending_updates": p("Boolean"),
        "secret_token": p("String"),
    },
    "getWebhookInfo": {},
    "setMyCommands": {
        "commands": p("Array of BotCommand", required=True),
        "scope": p("BotCommandScope"),
        "language_code": p("String"),
    },
    "sendMessage": {
        **_SEND_COMMON,
        "text": p("String", required=True),
        "parse_mode": p("String"),
        "entities": p("Array of MessageEntity"),
        "link_preview_options": p("LinkPreviewOptions"),
        **_EPHEMERAL,
    },
    "sendPhoto": {
        **_SEND_COMMON,
        "photo": p("InputFile", "String", required=True),
        "caption": p("String"),
        "parse_mode": p("String"),
        **_EPHEMERAL,
    },
    "sendRichMessage": {
        **_SEND_COMMON,
        "rich_message": p("InputRichMessage", required=True),
    },
    "sendDocument": {
        **_SEND_COMMON,
        "document": p("InputFile", "String", required=True),
        "caption": p("String"),
        "parse_mode": p("String"),
        "disable_content_type_detection": p("Boolean"),
    },
    "editMessageText": {
        "business_connection_id": p("String"),
        "chat_id": p("Integer", "String"),
        "message_id": p("Integer"),
        "inline_message_id": p("String"),
        "text": p("String"),
        "parse_mode": p("String"),
        "entities": p("Array of MessageEntity"),
        "link_preview_options": p("LinkPreviewOptions"),
        "rich_message": p("InputRichMessage"),
        "reply_markup": p("InlineKeyboardMarkup"),
    },
    "editEphemeralMessageText": {
        "chat_id": p("Integer", "String", required=True),
        "receiver_user_id": p("Integer", required=True),
        "ephemeral_message_id": p("Integer", required=True),
        "text": p("String", required=True),
        "parse_mode": p("String"),
        "entities": p("Array of MessageEntity"),
        "link_preview_options": p("LinkPreviewOptions"),
        "reply_markup": p("InlineKeyboardMarkup"),
    },
    "deleteEphemeralMessage": {
        "chat_id": p("Integer", "String", required=True),
        "receiver_user_id": p("Integer", required=True),
        "ephemeral_message_id": p("Integer", required=True),
    },
    "editMessageReplyMarkup": {
        "business_connection_id": p("String"),
        "chat_id": p("Integer", "String"),
        "message_id": p("Integer"),
        "inline_message_id": p("String"),
        "reply_markup": p("InlineKeyboardMarkup"),
    },
    "createForumTopic": {
        "chat_id": p("Integer", "String", required=True),
        "name": p("String", required=True),
        "icon_color": p("Integer"),
        "icon_custom_emoji_id": p("String"),
    },
    "deleteMessage": {
        "chat_id": p("Integer", "String", required=True),
        "message_id": p("Integer", required=True),
    },
    "answerCallbackQuery": {
        "callback_query_id": p("String", required=True),
        "text": p("String"),
        "show_alert": p("Boolean"),
        "url": p("String"),
        "cache_time": p("Integer"),
    },
    "getChatMember": {
        "chat_id": p("Integer", "String", required=True),
        "user_id": p("Integer", required=True),
    },
    "getChat": {"chat_id": p("Integer", "String", required=True)},
    "sendChatAction": {
        "business_connection_id": p("String"),
        "chat_id": p("Integer", "String", required=True),
        "message_thread_id": p("Integer"),
        "action": p("String", required=True),
    },
    "leaveChat": {"chat_id": p("Integer", "String", required=True)},
}

# Methods that send a message (they count against Telegram's flood limits).
SENDING = frozenset({"sendMessage", "sendRichMessage", "sendDocument", "sendPhoto"})


class RequestError(ValueError):
    """A request Telegram would refuse with 400 (message in Telegram's words)."""


def _integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    raise RequestError("expected an Integer")


def _string(value: Any) -> str:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise RequestError("expected a String")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "True", "1"):
        return True
    if value in ("false", "False", "0"):
        return False
    raise RequestError("expected a Boolean")


def _input_file(value: Any) -> tuple[str, bytes]:
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bytes):
        return value  # (file name, content) from a multipart upload
    raise RequestError("expected a file")


_SCALARS: dict[str, Callable[[Any], Any]] = {
    "Integer": _integer,
    "Float": float,
    "String": _string,
    "Boolean": _boolean,
    "InputFile": _input_file,
}


def _coerce(value: Any, kind: str) -> Any:
    """Form fields arrive as strings; JSON bodies as typed values."""
    if kind in _SCALARS:
        return _SCALARS[kind](value)
    # A JSON-serialized object or array.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as err:
            raise RequestError(f"can't parse {kind} JSON object") from err
    if kind.startswith("Array of"):
        if not isinstance(value, list):
            raise RequestError(f"expected {kind}")
        return value
    if not isinstance(value, dict):
        raise RequestError(f"expected a JSON object ({kind})")
    return value


def validate(method: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Typed parameters, or `RequestError` in Telegram's words."""
    params = METHODS[method]
    unknown = set(raw) - set(params)
    if unknown:
        raise RequestError(f"unexpected parameter {sorted(unknown)[0]!r} for {method}")
    result: dict[str, Any] = {}
    for name, spec in params.items():
        if name not in raw or raw[name] is None:
            if spec.required:
                raise RequestError(
                    f"{name} is empty" if name != "text" else "message text is empty"
                )
            continue
        errors = []
        for kind in spec.types:
            try:
                result[name] = _coerce(raw[name], kind)
                break
            except (RequestError, ValueError) as err:
                errors.append(str(err))
        else:
            raise RequestError(f"wrong type of the parameter {name}: {errors[0]}")
    return result


def check_inline_keyboard(markup: dict[str, Any]) -> None:
    """Buttons need text; callback_data is 1-64 bytes (BUTTON_DATA_INVALID otherwise)."""
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise RequestError(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise RequestError("can't parse inline keyboard button: Text buttons are unallowed")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise RequestError("BUTTON_DATA_INVALID")
            kinds = [
                k for k in ("callback_data", "url", "switch_inline_query", "web_app") if k in button
            ]
            if len(kinds) != 1:
                raise RequestError(
                    "can't parse inline keyboard button: exactly one of the "
                    "optional fields must be used"
                )
