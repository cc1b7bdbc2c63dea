"""The Bot API half of the fake Telegram: `/bot<token>/<method>` as api.telegram.org
answers it (the JSON envelope, error codes, `retry_after`, `migrate_to_chat_id`), every
request validated against `schema.METHODS`, HTML and lengths checked as Telegram does,
flood limits enforced, and every chat's transcript kept."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import time
from collections.abc import Callable
from typing import Any

from aiohttp import BodyPartReader, ClientSession, web

from simulator.telegram import schema
from simulator.telegram.html import MAX_TEXT, EntityError, parse_entities, utf16_len
from simulator.telegram.limits import FloodControl
from simulator.telegram.model import (
    BOT_ID,
    Entry,
    FakeChat,
    FakeUser,
    Json,
    TelegramApiError,
    TelegramFault,
    member_json,
)
from simulator.telegram.rich import RichError, check_message

MAX_MARKUP = 9500  # characters of HTML markup in one message (assumed from #165)
MAX_ENTITIES = 100  # formatted entities kept per message (#820)


class BotApi:
    """The state of the fake Telegram and what the bot can ask of it."""

    def __init__(
        self,
        token: str = "123456789:TEST-dzwonek-fake-token-abcdefghij",
        *,
        bot_username: str = "dzwonek_bot",
        fault_seed: int = 0,
    ) -> None:
        self.token = token
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Dzwonek",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            # Topics in private chats (Bot API 9.3/9.4), switched on in BotFather.
            "has_topics_enabled": False,
            "allows_users_to_create_topics": False,
        }
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self.privacy_mode = True
        self.entities_dropped = 0  # formatting past the 100th entity of a message
        self.withheld = 0  # group messages privacy mode kept from the bot
        self.entries: dict[int, list[Entry]] = {}
        self.updates: list[Json] = []
        self.callback_answers: dict[str, Json] = {}
        # Telegram refuses to answer a press some 10-15 s after it (the upper bound here).
        self.callback_window = 15.0
        self._pressed_at: dict[str, float] = {}
        self._pressed_by: dict[str, tuple[int, int]] = {}  # query id -> (user, chat)
        # Ephemeral messages (Bot API 10.2) as a server may treat them: "deliver";
        # "ignored" (a server older than 10.2 drops the parameters and posts the
        # message for everyone, as the Bot API does with any parameter it does not
        # know); "refused" (a 400, the words assumed). `offline` users get the
        # message accepted and never see it (the spec: delivery not guaranteed).
        self.ephemeral_mode = "deliver"
        self.ephemeral_offline: set[int] = set()
        self.ephemeral_refused = "Bad Request: EPHEMERAL_MESSAGE_NOT_DELIVERED"
        # Rich messages (Bot API 10.1): "accept"; "refused" (a 400, the words assumed);
        # "unknown" (a server older than 10.1: the method is not found, 404).
        self.rich_mode = "accept"
        self.late_answers = 0
        self.delivered_unanswered = 0  # drop_after faults: done, answer lost
        self.commands: dict[tuple[str, str], list[Json]] = {}
        self.requests: list[tuple[str, int]] = []  # (method, http status)
        self.refusals: list[tuple[str, str]] = []  # (method, description) of every 4xx
        self.flood = FloodControl()
        self.faults: list[TelegramFault] = []
        self.injected: list[tuple[str, str, int | None]] = []
        self._fault_rng = random.Random(fault_seed)
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._callback_ids = itertools.count(1)
        self._waiters: set[asyncio.Future[None]] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.webhook: dict[str, str] | None = None  # url and secret_token once set
        self.webhook_address: str | None = None  # where to POST instead of the public URL
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update id, HTTP status)
        self._deliveries: set[asyncio.Task[None]] = set()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _reply_error(401, "Unauthorized")
        name = request.match_info["method"]
        method = next((m for m in schema.METHODS if m.lower() == name.lower()), None)
        if method == "sendRichMessage" and self.rich_mode == "unknown":
            method = None
        if method is None:
            self.requests.append((name, 404))
            return _reply_error(404, "Not Found: method not found")
        try:
            raw = await _read_params(request)
            params = schema.validate(method, raw)
            fault = self._fault_for(method, params)
            if fault is not None and fault.mode != "drop_after":
                return await self._inject(request, fault)
            result = await self._call(method, params)
            if fault is not None:
                # Telegram did it (the message is in the chat), but its answer is lost.
                self.delivered_unanswered += 1
                return await self._inject(request, fault)
        except schema.RequestError as err:
            self.requests.append((method, 400))
            self.refusals.append((method, f"Bad Request: {err}"))
            return _reply_error(400, f"Bad Request: {err}")
        except TelegramApiError as err:
            self.requests.append((method, err.code))
            self.refusals.append((method, err.description))
            return _reply_error(err.code, err.description, err.parameters)
        self.requests.append((method, 200))
        return web.json_response({"ok": True, "result": result})

    def _fault_for(self, method: str, params: Json) -> TelegramFault | None:
        chat_id = params.get("chat_id")
        for fault in self.faults:
            if fault.method not in (method, "*"):
                continue
            if fault.chat_id is not None and fault.chat_id != _int_or_none(chat_id):
                continue
            if fault.count is not None and fault.fired >= fault.count:
                continue
            if fault.probability is not None and self._fault_rng.random() >= fault.probability:
                continue
            fault.fired += 1
            return fault
        return None

    async def _inject(self, request: web.Request, fault: TelegramFault) -> web.StreamResponse:
        self.injected.append((fault.mode, fault.method, fault.chat_id))
        if fault.mode == "rate_limited":
            return _reply_error(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
        if fault.mode == "bad_gateway":
            return web.Response(
                status=502, text="<html>502 Bad Gateway</html>", content_type="text/html"
            )
        if fault.mode in ("drop", "drop_after"):
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        return _reply_error(500, "Internal Server Error: restart")

    async def _call(self, method: str, params: Json) -> Any:
        handler: Callable[[Json], Any] = getattr(self, f"_m_{method}")
        result = handler(params)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    def _chat(self, chat_id: Any) -> FakeChat:
        cid = _int_or_none(chat_id)
        chat = self.chats.get(cid) if cid is not None else None
        if chat is None:
            raise TelegramApiError(400, "Bad Request: chat not found")
        if chat.migrated_to is not None:
            raise TelegramApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        return chat

    def _writable(self, chat: FakeChat) -> None:
        if chat.type == "private" and chat.blocked:
            raise TelegramApiError(403, "Forbidden: bot was blocked by the user")
        if chat.is_group and chat.bot_status in ("left", "kicked"):
            raise TelegramApiError(403, "Forbidden: bot was kicked from the group chat")
        if chat.is_group and chat.bot_status == "restricted":
            raise TelegramApiError(400, "Bad Request: have no rights to send a message")

    def _text(self, params: Json, key: str = "text") -> tuple[str, str, list[Json]]:
        raw = str(params.get(key, ""))
        shown = raw
        entities: list[Json] = []
        if params.get("parse_mode") == "HTML":
            try:
                shown, entities = parse_entities(raw)
            except EntityError as err:
                raise TelegramApiError(400, f"Bad Request: can't parse entities: {err}") from None
        elif params.get("parse_mode") not in (None, "HTML"):
            raise TelegramApiError(400, "Bad Request: unsupported parse_mode")
        if key == "text" and not shown.strip():
            raise TelegramApiError(400, "Bad Request: message text is empty")
        limit = MAX_TEXT if key == "text" else 1024
        if utf16_len(shown) > limit:
            raise TelegramApiError(400, "Bad Request: message is too long")
        if params.get("parse_mode") == "HTML" and len(raw) > MAX_MARKUP:
            # Heavy markup has a cap of its own, apart from the shown text's
            # (tdlib/telegram-bot-api#165; about 9,500 characters per Telegram).
            raise TelegramApiError(400, "Bad Request: entities too long")
        if len(entities) > MAX_ENTITIES:
            # Past the 100th entity the formatting is dropped, the text kept
            # (tdlib/telegram-bot-api#820): the message goes out looking broken.
            self.entities_dropped += len(entities) - MAX_ENTITIES
            entities = entities[:MAX_ENTITIES]
        return raw, shown, entities

    def _markup(self, params: Json) -> Json | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        try:
            schema.check_inline_keyboard(markup)
        except schema.RequestError as err:
            raise TelegramApiError(400, f"Bad Request: {err}") from None
        return dict(markup)

    def _new_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _bot_message(self, entry: Entry) -> Json:
        chat = self.chats[entry.chat_id]
        data: Json = {
            "message_id": entry.message_id,
            "from": dict(self.bot),
            "chat": chat.to_json(),
            "date": entry.date,
        }
        if entry.document is not None:
            data["document"] = {
                "file_id": f"doc{entry.message_id}",
                "file_unique_id": f"u{entry.message_id}",
                "file_name": entry.document[0],
                "file_size": len(entry.document[1]),
            }
            if entry.text:
                data["caption"] = entry.text
                if entry.entities:
                    data["caption_entities"] = entry.entities
        elif entry.rich is not None:
            data["rich_message"] = {"blocks": entry.rich}
        else:
            data["text"] = entry.text
            if entry.entities:
                data["entities"] = entry.entities
        if entry.reply_markup:
            data["reply_markup"] = entry.reply_markup
        if entry.receiver is not None:
            data["ephemeral_message_id"] = entry.message_id
        if entry.thread is not None:
            data["message_thread_id"] = entry.thread
            data["is_topic_message"] = True
        return data

    def _m_getMe(self, _: Json) -> Json:
        return dict(self.bot)

    def _m_logOut(self, _: Json) -> bool:
        return True

    def _m_close(self, _: Json) -> bool:
        return True

    def _m_deleteWebhook(self, _: Json) -> bool:
        self.webhook = None
        return True

    def _m_setWebhook(self, params: Json) -> bool:
        url = str(params["url"])
        if url and not url.startswith("https://"):
            raise TelegramApiError(
                400, "Bad Request: bad webhook: HTTPS url must be provided for webhook"
            )
        self.webhook = (
            {"url": url, "secret_token": params.get("secret_token") or ""} if url else None
        )
        return True

    def _m_getWebhookInfo(self, _: Json) -> Json:
        url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    async def _deliver(self, update: Json) -> None:
        """POST one update to the webhook, as Telegram does, with the secret token.
        `webhook_address` stands in for the public URL (the fake cannot resolve it)."""
        assert self.webhook is not None
        target = self.webhook_address or self.webhook["url"]
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook["secret_token"]}
        async with (
            ClientSession() as session,
            session.post(target, json=update, headers=headers) as response,
        ):
            self.webhook_deliveries.append((update["update_id"], response.status))

    def _m_setMyCommands(self, params: Json) -> bool:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[(scope, params.get("language_code") or "")] = list(params["commands"])
        return True

    async def _m_getUpdates(self, params: Json) -> list[Json]:
        if self.webhook is not None:
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            timeout = min(float(params.get("timeout") or 0), 10.0)
            if timeout > 0:
                waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                self._waiters.add(waiter)
                try:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(waiter, timeout)
                finally:
                    self._waiters.discard(waiter)
        return [u for u in self.updates if u["update_id"] >= offset][:limit]

    def _rich(self, params: Json) -> tuple[str, str, list[Json]]:
        if self.rich_mode == "refused":
            raise TelegramApiError(400, "Bad Request: RICH_MESSAGE_UNSUPPORTED")
        try:
            shown = check_message(params["rich_message"])
        except RichError as err:
            raise TelegramApiError(400, f"Bad Request: {err}") from None
        return "", shown, []

    def _send(self, params: Json, *, document: tuple[str, bytes] | None = None) -> Json:
        chat = self._chat(params["chat_id"])
        self._writable(chat)
        if "rich_message" in params:
            raw, shown, entities = self._rich(params)
        elif document is None:
            raw, shown, entities = self._text(params)
        else:
            raw, shown, entities = (
                self._text(params, "caption") if params.get("caption") else ("", "", [])
            )
        markup = self._markup(params)
        receiver = self._receiver(chat, params)
        thread = self._thread(chat, params)
        wait = self.flood.check(chat.id, chat.is_group)
        if wait:
            raise TelegramApiError(
                429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
            )
        entry = Entry(
            message_id=self._new_message_id(chat.id),
            chat_id=chat.id,
            from_bot=True,
            user_id=None,
            text=shown,
            raw=raw,
            date=int(time.time()),
            reply_markup=markup,
            document=document,
            kind="document" if document else "text",
            entities=entities,
            receiver=receiver,
            unseen=receiver is not None and receiver in self.ephemeral_offline,
            thread=thread,
            rich=params["rich_message"]["blocks"] if "rich_message" in params else None,
        )
        if entry.rich is not None:
            entry.kind = "rich"
        self.entries.setdefault(chat.id, []).append(entry)
        chat.last_bot = "us"
        return self._bot_message(entry)

    def _thread(self, chat: FakeChat, params: Json) -> int | None:
        """The topic a message goes to. In a private chat only one the bot made (and
        the user did not delete), and only with topics switched on for the bot."""
        thread = params.get("message_thread_id")
        if thread is None or chat.type != "private":
            return _int_or_none(thread)
        if not self.bot.get("has_topics_enabled") or int(thread) not in chat.topics:
            raise TelegramApiError(400, "Bad Request: message thread not found")
        return int(thread)

    def _m_createForumTopic(self, params: Json) -> Json:
        chat = self._chat(params["chat_id"])
        self._writable(chat)
        if chat.type != "private" or not self.bot.get("has_topics_enabled"):
            raise TelegramApiError(400, "Bad Request: the chat is not a forum")
        name = str(params["name"])
        if not 1 <= len(name) <= 128:
            raise TelegramApiError(400, "Bad Request: TOPIC_TITLE_EMPTY")
        colours = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
        colour = params.get("icon_color", colours[0])
        if colour not in colours:
            raise TelegramApiError(400, "Bad Request: TOPIC_ICON_COLOR_INVALID")
        thread = self._new_message_id(chat.id)  # the id of its "topic created" message
        chat.topics[thread] = name
        return {"message_thread_id": thread, "name": name, "icon_color": colour}

    def _receiver(self, chat: FakeChat, params: Json) -> int | None:
        """Who alone may see this message (None: everyone in the chat), checked as the
        spec says: groups only, a member of the chat, a press of that member's."""
        nested = params.get("ephemeral_message_parameters") or {}
        receiver = nested.get("receiver_user_id", params.get("receiver_user_id"))
        query = nested.get("callback_query_id", params.get("callback_query_id"))
        if receiver is None:
            if query is not None:
                raise TelegramApiError(400, "Bad Request: receiver_user_id is required")
            return None
        if self.ephemeral_mode == "ignored":
            return None  # an older server: the message goes to the whole chat
        if not chat.is_group:
            raise TelegramApiError(
                400, "Bad Request: ephemeral messages can be sent only to groups"
            )
        receiver = _int_or_none(receiver)
        if receiver is None or chat.members.get(receiver, "left") in ("left", "kicked"):
            raise TelegramApiError(400, "Bad Request: receiver user not found in the chat")
        if query is not None:
            pressed = self._pressed_by.get(str(query))
            at = self._pressed_at.get(str(query), 0.0)
            if pressed != (receiver, chat.id) or time.monotonic() - at > self.callback_window:
                raise TelegramApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or "
                    "query ID is invalid",
                )
        if self.ephemeral_mode == "refused":
            raise TelegramApiError(400, self.ephemeral_refused)
        return receiver

    def _ephemeral(self, params: Json) -> Entry:
        chat = self._chat(params["chat_id"])
        for entry in self.entries.get(chat.id, []):
            if (
                entry.receiver is not None
                and entry.message_id == _int_or_none(params["ephemeral_message_id"])
                and entry.receiver == _int_or_none(params["receiver_user_id"])
                and not entry.deleted
            ):
                return entry
        raise TelegramApiError(400, "Bad Request: ephemeral message not found")

    def _m_editEphemeralMessageText(self, params: Json) -> bool:
        entry = self._ephemeral(params)
        raw, shown, entities = self._text(params)
        markup = self._markup(params)
        if shown == entry.text and entities == entry.entities and markup == entry.reply_markup:
            raise TelegramApiError(400, "Bad Request: message is not modified")
        entry.edits.append((entry.text, entry.reply_markup))
        entry.text, entry.raw, entry.reply_markup = shown, raw, markup
        entry.entities = entities
        return True

    def _m_deleteEphemeralMessage(self, params: Json) -> bool:
        self._ephemeral(params).deleted = True
        return True

    def _m_sendMessage(self, params: Json) -> Json:
        return self._send(params)

    def _m_sendRichMessage(self, params: Json) -> Json:
        return self._send(params)

    def _m_sendPhoto(self, params: Json) -> Json:
        """A photo upload as Telegram takes one: an image of at most 10 MB, width
        and height at most 10000 together, their ratio at most 20."""
        photo = params["photo"]
        if not isinstance(photo, tuple):
            raise TelegramApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        content = photo[1]
        size = _image_size(content)
        if size is None:
            raise TelegramApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        width, height = size
        if len(content) > PHOTO_LIMIT:
            raise TelegramApiError(400, "Bad Request: PHOTO_SAVE_FILE_INVALID")
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise TelegramApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
        message = self._send(params, document=photo)
        entry = self.entries[self._chat(params["chat_id"]).id][-1]
        entry.document, entry.photo, entry.kind = None, (content, width, height), "photo"
        message.pop("document", None)
        message["photo"] = [
            {
                "file_id": f"photo{entry.message_id}",
                "file_unique_id": f"p{entry.message_id}",
                "width": width,
                "height": height,
                "file_size": len(content),
            }
        ]
        return message

    def _m_sendDocument(self, params: Json) -> Json:
        document = params["document"]
        if not isinstance(document, tuple):
            raise TelegramApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if len(document[1]) > UPLOAD_LIMIT:
            # The Bot API's answer to an upload over 50 MB (its nginx, before the bot API).
            raise TelegramApiError(413, "Request Entity Too Large")
        return self._send(params, document=document)

    def _find(self, chat_id: Any, message_id: Any) -> Entry:
        chat = self._chat(chat_id)
        for entry in self.entries.get(chat.id, []):
            if (
                entry.message_id == _int_or_none(message_id)
                and not entry.deleted
                and entry.receiver is None  # an ephemeral one has methods of its own
            ):
                return entry
        raise TelegramApiError(400, "Bad Request: message to edit not found")

    def _limit_edit(self, chat_id: Any) -> None:
        """Edits count toward a chat's flood limits like sends (Telegram does)."""
        chat = self._chat(chat_id)
        wait = self.flood.check(chat.id, chat.is_group)
        if wait:
            raise TelegramApiError(
                429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
            )

    def _m_editMessageText(self, params: Json) -> Json:
        entry = self._find(params.get("chat_id"), params.get("message_id"))
        if not entry.from_bot:
            raise TelegramApiError(400, "Bad Request: message can't be edited")
        rich = params.get("rich_message")
        if rich is not None and params.get("text") is not None:
            raise TelegramApiError(400, "Bad Request: text and rich_message are both given")
        raw, shown, entities = self._rich(params) if rich is not None else self._text(params)
        markup = self._markup(params)
        blocks = rich["blocks"] if rich is not None else None
        if (
            shown == entry.text
            and entities == entry.entities
            and markup == entry.reply_markup
            and blocks == entry.rich
        ):
            raise TelegramApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup of the "
                "message",
            )
        self._limit_edit(params.get("chat_id"))
        entry.edits.append((entry.text, entry.reply_markup))
        entry.text, entry.raw, entry.reply_markup = shown, raw, markup
        entry.entities = entities
        entry.rich, entry.kind = blocks, "rich" if blocks is not None else "text"
        return self._bot_message(entry)

    def _m_editMessageReplyMarkup(self, params: Json) -> Json:
        entry = self._find(params.get("chat_id"), params.get("message_id"))
        markup = self._markup(params)
        if markup == entry.reply_markup:
            raise TelegramApiError(400, "Bad Request: message is not modified")
        self._limit_edit(params.get("chat_id"))
        entry.edits.append((entry.text, entry.reply_markup))
        entry.reply_markup = markup
        return self._bot_message(entry)

    def _m_deleteMessage(self, params: Json) -> bool:
        chat = self._chat(params["chat_id"])
        for entry in self.entries.get(chat.id, []):
            if (
                entry.message_id == params["message_id"]
                and not entry.deleted
                and entry.receiver is None
            ):
                if chat.is_group and not entry.from_bot and chat.bot_status != "administrator":
                    raise TelegramApiError(400, "Bad Request: message can't be deleted")
                entry.deleted = True
                return True
        raise TelegramApiError(400, "Bad Request: message to delete not found")

    def _m_answerCallbackQuery(self, params: Json) -> bool:
        query_id = params["callback_query_id"]
        pressed = self._pressed_at.get(str(query_id))
        if pressed is not None and time.monotonic() - pressed > self.callback_window:
            self.late_answers += 1
            raise TelegramApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if query_id in self.callback_answers:
            raise TelegramApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        wait = self.flood.check_answer()
        if wait:  # answers are limited too, bot-wide
            raise TelegramApiError(
                429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
            )
        self.callback_answers[query_id] = dict(params)
        return True

    def _m_getChatMember(self, params: Json) -> Json:
        chat = self._chat(params["chat_id"])
        user = self.users.get(params["user_id"])
        if user is None:
            raise TelegramApiError(400, "Bad Request: user not found")
        status = "member" if chat.type == "private" else chat.members.get(user.id, "left")
        return member_json(user.to_json(), status)

    def _m_getChat(self, params: Json) -> Json:
        chat = self._chat(params["chat_id"])
        data = chat.to_json()
        data.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return data

    def _m_sendChatAction(self, params: Json) -> bool:
        self._writable(self._chat(params["chat_id"]))
        return True

    def _m_leaveChat(self, params: Json) -> bool:
        chat = self._chat(params["chat_id"])
        chat.bot_status = "left"
        return True


def _reply_error(code: int, description: str, parameters: Json | None = None) -> web.Response:
    payload: Json = {"ok": False, "error_code": code, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return web.json_response(payload, status=code)


UPLOAD_LIMIT = 50 * 1024 * 1024  # bytes a bot may upload (sendDocument and the like)
PHOTO_LIMIT = 10 * 1024 * 1024  # bytes of a photo (sendPhoto)


def _image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, from its IHDR (the bot sends only PNGs; anything
    else is refused as Telegram refuses what it cannot read)."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
        return int.from_bytes(content[16:20]), int.from_bytes(content[20:24])
    return None


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


async def _read_params(request: web.Request) -> Json:
    params: Json = dict(request.query)
    if request.can_read_body:
        content_type = request.content_type
        if content_type == "application/json":
            data = await request.json()
            if isinstance(data, dict):
                params.update(data)
        elif content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if getattr(part, "filename", None):
                    params[part.name] = (part.filename, bytes(await part.read()))
                else:
                    params[part.name] = await part.text()
            _resolve_attachments(params)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def _resolve_attachments(params: Json) -> None:
    """`attach://<name>` in a field means the multipart part `name`, as Telegram reads
    it (aiogram uploads every file that way); the part itself is not a parameter."""
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if isinstance(params.get(name), tuple):
                params[key] = params.pop(name)
