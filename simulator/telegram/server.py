"""A fake Telegram Bot API on 127.0.0.1, for tests, benchmarks and the demo.

It serves `/bot<token>/<method>` like api.telegram.org (the JSON envelope, error codes,
`parameters.retry_after` and `parameters.migrate_to_chat_id`), validates every request
against `schema.METHODS`, checks HTML parse mode and message length as Telegram does,
enforces flood limits, and keeps each chat's transcript (messages, keyboards, edits,
deletions). A driver, in Python (`FakeTelegram` methods) and as JSON over HTTP
(`/driver/...`), injects updates as any user in any chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, ClientSession, web

from simulator.telegram import schema
from simulator.telegram.html import MAX_TEXT, EntityError, parse_entities, utf16_len
from simulator.telegram.limits import FloodControl

BOT_ID = 7_000_000_001
Json = dict[str, Any]


MAX_MARKUP = 9500  # characters of HTML markup in one message (assumed from #165)
MAX_ENTITIES = 100  # formatted entities kept per message (#820)


@dataclass
class FakeUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "pl"

    def to_json(self) -> Json:
        data: Json = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class FakeChat:
    id: int
    type: str  # private | group | supergroup
    title: str | None = None
    first_name: str | None = None
    members: dict[int, str] = field(default_factory=dict)  # user id -> status
    bot_status: str = "member"
    blocked: bool = False
    migrated_to: int | None = None
    # Privacy mode: which bot spoke last in the group (a bare /command reaches only
    # the bot that did). None before any bot spoke.
    last_bot: str | None = None

    def to_json(self) -> Json:
        data: Json = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.first_name:
            data["first_name"] = self.first_name
        return data

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")


@dataclass
class Entry:
    """One message of a chat's transcript."""

    message_id: int
    chat_id: int
    from_bot: bool
    user_id: int | None
    text: str  # as shown (HTML parsed)
    raw: str  # as sent
    date: int
    reply_markup: Json | None = None
    edits: list[tuple[str, Json | None]] = field(default_factory=list)
    deleted: bool = False
    document: tuple[str, bytes] | None = None
    kind: str = "text"
    entities: list[Json] = field(default_factory=list)
    at: float = field(default_factory=time.time)  # when the fake took it (benchmarks)

    @property
    def buttons(self) -> list[list[Json]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [list(row) for row in rows]

    def button_texts(self) -> list[str]:
        return [b.get("text", "") for row in self.buttons for b in row]


@dataclass
class TelegramFault:
    # rate_limited | server_error | bad_gateway | drop (before doing it) | drop_after
    # (done, the answer lost: the case a bot can only count as in doubt)
    mode: str
    method: str = "sendMessage"
    chat_id: int | None = None
    count: int | None = 1
    probability: float | None = None
    retry_after: int = 1
    fired: int = 0


class TelegramApiError(Exception):
    def __init__(self, code: int, description: str, parameters: Json | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class FakeTelegram:
    """The fake Bot API server and its driver."""

    def __init__(
        self,
        token: str = "123456789:TEST-dzwonek-fake-token-abcdefghij",
        *,
        bot_username: str = "dzwonek_bot",
        fault_seed: int = 0,
    ) -> None:
        import random

        self.token = token
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Dzwonek",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
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

    # ------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        self._add_driver_routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        for item in self._runner.sites:
            server = getattr(item, "_server", None)
            if server is not None and server.sockets:
                self.port = int(server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        for waiter in list(self._waiters):  # end long polls now, not at their timeout
            if not waiter.done():
                waiter.set_result(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------------ the Bot API

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _reply_error(401, "Unauthorized")
        name = request.match_info["method"]
        method = next((m for m in schema.METHODS if m.lower() == name.lower()), None)
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
        else:
            data["text"] = entry.text
            if entry.entities:
                data["entities"] = entry.entities
        if entry.reply_markup:
            data["reply_markup"] = entry.reply_markup
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

    def _send(self, params: Json, *, document: tuple[str, bytes] | None = None) -> Json:
        chat = self._chat(params["chat_id"])
        self._writable(chat)
        if document is None:
            raw, shown, entities = self._text(params)
        else:
            raw, shown, entities = (
                self._text(params, "caption") if params.get("caption") else ("", "", [])
            )
        markup = self._markup(params)
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
        )
        self.entries.setdefault(chat.id, []).append(entry)
        chat.last_bot = "us"
        return self._bot_message(entry)

    def _m_sendMessage(self, params: Json) -> Json:
        return self._send(params)

    def _m_sendDocument(self, params: Json) -> Json:
        document = params["document"]
        if not isinstance(document, tuple):
            raise TelegramApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return self._send(params, document=document)

    def _find(self, chat_id: Any, message_id: Any) -> Entry:
        chat = self._chat(chat_id)
        for entry in self.entries.get(chat.id, []):
            if entry.message_id == _int_or_none(message_id) and not entry.deleted:
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
        raw, shown, entities = self._text(params)
        markup = self._markup(params)
        if shown == entry.text and entities == entry.entities and markup == entry.reply_markup:
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
            if entry.message_id == params["message_id"] and not entry.deleted:
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
        return _member(user.to_json(), status)

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

    # ------------------------------------------------------------------ driver (Python)

    def user(
        self,
        user_id: int,
        first_name: str = "Anna",
        *,
        language_code: str | None = "pl",
        last_name: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        user = self.users.get(user_id)
        if user is None:
            user = FakeUser(user_id, first_name, last_name, username, language_code)
            self.users[user_id] = user
            self.chats.setdefault(user_id, FakeChat(user_id, "private", first_name=first_name))
        return user

    def group(
        self,
        chat_id: int,
        title: str = "Rodzina",
        *,
        members: dict[int, str] | None = None,
        kind: str = "group",
    ) -> FakeChat:
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = FakeChat(chat_id, kind, title=title, bot_status="left")
            self.chats[chat_id] = chat
        chat.members.update(members or {})
        return chat

    def _push(self, update: Json) -> Json:
        update["update_id"] = next(self._update_ids)
        if "callback_query" in update:
            self._pressed_at[str(update["callback_query"]["id"])] = time.monotonic()
        if self.webhook is not None:
            task = asyncio.get_running_loop().create_task(self._deliver(update))
            self._deliveries.add(task)
            task.add_done_callback(self._deliveries.discard)
            return update
        self.updates.append(update)
        for waiter in list(self._waiters):
            if not waiter.done():
                waiter.set_result(None)
        return update

    def _reaches_bot(self, chat: FakeChat, text: str, extra: Json) -> bool:
        """Privacy mode (on for every bot unless switched off in BotFather; the bot's
        getMe says can_read_all_group_messages false): in a group where the bot is no
        admin, only commands addressed to it (/cmd@bot), bare commands when it was the
        last bot to speak there, and replies to its own messages reach it (Bot API,
        "Privacy mode"). Anything else stays among the people."""
        if not chat.is_group or not self.privacy_mode:
            return True
        if chat.bot_status in ("administrator", "creator"):
            return True
        reply = extra.get("reply_to_message") or {}
        if (reply.get("from") or {}).get("id") == BOT_ID:
            return True
        if not text.startswith("/"):
            # Plain text, stickers and files stay with the people; service messages
            # (a migration to a supergroup, members joining) still reach the bot.
            return extra.get("_kind") == "service"
        command = text.split(maxsplit=1)[0]
        if "@" in command:
            return command.split("@", 1)[1].lower() == str(self.bot["username"]).lower()
        return chat.last_bot == "us"

    def other_bot_speaks(self, chat_id: int) -> None:
        """Another bot posts in the group: bare commands stop reaching ours."""
        self.chats[chat_id].last_bot = "other"

    def _user_message(self, chat_id: int, user_id: int, extra: Json, text: str = "") -> Entry:
        user = self.users[user_id]
        chat = self.chats[chat_id]
        entry = Entry(
            self._new_message_id(chat_id),
            chat_id,
            False,
            user_id,
            text,
            text,
            int(time.time()),
            kind=extra.get("_kind", "text"),
        )
        self.entries.setdefault(chat_id, []).append(entry)
        message: Json = {
            "message_id": entry.message_id,
            "from": user.to_json(),
            "chat": chat.to_json(),
            "date": entry.date,
        }
        message.update({k: v for k, v in extra.items() if not k.startswith("_")})
        if self._reaches_bot(chat, text, extra):
            self._push({"message": message})
        else:
            self.withheld += 1
        return entry

    def send_text(self, chat_id: int, user_id: int, text: str) -> int:
        """The user writes `text` (a /command gets its bot_command entity, as Telegram does)."""
        extra: Json = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        return self._user_message(chat_id, user_id, extra, text).message_id

    def send_sticker(self, chat_id: int, user_id: int) -> int:
        sticker = {
            "file_id": "sticker1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self._user_message(
            chat_id, user_id, {"sticker": sticker, "_kind": "sticker"}
        ).message_id

    def send_photo(self, chat_id: int, user_id: int, caption: str | None = None) -> int:
        photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]
        extra: Json = {"photo": photo, "_kind": "photo"}
        if caption:
            extra["caption"] = caption
        return self._user_message(chat_id, user_id, extra).message_id

    def send_document(self, chat_id: int, user_id: int, name: str = "plik.pdf") -> int:
        """A parent sends a file (reached by name: `send_{kind}` in the HTTP driver and
        the fuzz test)."""
        document = {"file_id": "doc1", "file_unique_id": "d1", "file_name": name}
        return self._user_message(
            chat_id, user_id, {"document": document, "_kind": "document"}
        ).message_id

    def press(
        self,
        chat_id: int,
        user_id: int,
        message_id: int | None = None,
        *,
        text: str | None = None,
        data: str | None = None,
        index: int | None = None,
    ) -> str:
        """Press a button of a bot message (the last one with buttons when none is given),
        found by its text (or part of it), its position, or raw callback data."""
        entry = self._entry_with_buttons(chat_id, message_id)
        button_data = data
        if button_data is None:
            buttons = [b for row in entry.buttons for b in row]
            if text is not None:
                matches = [b for b in buttons if text in b.get("text", "")]
                if not matches:
                    raise KeyError(f"no button with {text!r}; buttons: {entry.button_texts()}")
                button = matches[0]
            elif index is not None:
                button = buttons[index]
            else:
                raise ValueError("give text, index or data")
            button_data = button.get("callback_data")
            if button_data is None:
                raise KeyError(f"button {button.get('text')!r} is a link, not a callback")
        query_id = f"cq{next(self._callback_ids)}"
        self._push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.users[user_id].to_json(),
                    "message": self._bot_message(entry),
                    "chat_instance": f"ci{chat_id}",
                    "data": button_data,
                }
            }
        )
        return query_id

    def _entry_with_buttons(self, chat_id: int, message_id: int | None) -> Entry:
        entries = [e for e in self.entries.get(chat_id, []) if e.from_bot and not e.deleted]
        if message_id is not None:
            for entry in entries:
                if entry.message_id == message_id:
                    return entry
            raise KeyError(f"no bot message {message_id} in chat {chat_id}")
        for entry in reversed(entries):
            if entry.buttons:
                return entry
        raise KeyError(f"no bot message with buttons in chat {chat_id}")

    def _member_update(self, chat: FakeChat, user_id: int, old: str, new: str) -> None:
        self._push(
            {
                "my_chat_member": {
                    "chat": chat.to_json(),
                    "from": self.users[user_id].to_json(),
                    "date": int(time.time()),
                    "old_chat_member": _member(dict(self.bot), old),
                    "new_chat_member": _member(dict(self.bot), new),
                }
            }
        )

    def add_bot_to_group(self, chat_id: int, by_user: int, *, as_admin: bool = False) -> None:
        chat = self.chats[chat_id]
        old = chat.bot_status
        chat.bot_status = "administrator" if as_admin else "member"
        self._member_update(chat, by_user, old, chat.bot_status)

    def restrict_bot(self, chat_id: int, by_user: int, *, restricted: bool = True) -> None:
        """An admin takes the bot's right to send messages away (or gives it back)."""
        chat = self.chats[chat_id]
        old = chat.bot_status
        chat.bot_status = "restricted" if restricted else "member"
        self._member_update(chat, by_user, old, chat.bot_status)

    def remove_bot_from_group(self, chat_id: int, by_user: int) -> None:
        chat = self.chats[chat_id]
        old, chat.bot_status = chat.bot_status, "kicked"
        self._member_update(chat, by_user, old, "kicked")

    def block_bot(self, user_id: int) -> None:
        chat = self.chats[user_id]
        chat.blocked = True
        self._member_update(chat, user_id, "member", "kicked")

    def unblock_bot(self, user_id: int) -> None:
        chat = self.chats[user_id]
        chat.blocked = False
        self._member_update(chat, user_id, "kicked", "member")

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        self.chats[chat_id].members[user_id] = status

    def migrate_group(self, chat_id: int, new_id: int, by_user: int) -> None:
        """The group becomes a supergroup with a new id, as Telegram announces it."""
        old = self.chats[chat_id]
        new = FakeChat(
            new_id,
            "supergroup",
            title=old.title,
            members=dict(old.members),
            bot_status=old.bot_status,
            last_bot=old.last_bot,  # the history moves with the group
        )
        self.chats[new_id] = new
        self._user_message(chat_id, by_user, {"migrate_to_chat_id": new_id, "_kind": "service"})
        old.migrated_to = new_id
        self._user_message(new_id, by_user, {"migrate_from_chat_id": chat_id, "_kind": "service"})

    def transcript(self, chat_id: int) -> list[Entry]:
        return list(self.entries.get(chat_id, []))

    def bot_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[Entry]:
        return [
            e
            for e in self.entries.get(chat_id, [])
            if e.from_bot and (include_deleted or not e.deleted)
        ]

    def last_bot_message(self, chat_id: int) -> Entry:
        messages = self.bot_messages(chat_id)
        if not messages:
            raise AssertionError(f"the bot has not written to chat {chat_id}")
        return messages[-1]

    async def wait_for(
        self,
        chat_id: int,
        predicate: Callable[[Entry], bool] | None = None,
        *,
        after: int = 0,
        timeout: float = 10.0,
    ) -> Entry:
        """The first bot message (new or edited) after message id `after` matching `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            for entry in self.bot_messages(chat_id):
                if entry.message_id > after and (predicate is None or predicate(entry)):
                    return entry
            if time.monotonic() > deadline:
                shown = [e.text[:120] for e in self.bot_messages(chat_id)[-5:]]
                raise TimeoutError(f"no matching bot message in chat {chat_id}; last: {shown}")
            await asyncio.sleep(0.02)

    def stats(self) -> Json:
        return {
            "requests": len(self.requests),
            "sent": sum(1 for m, s in self.requests if m in schema.SENDING and s == 200),
            "violations": len(self.flood.violations),
            "injected": len(self.injected),
            "errors": sum(1 for _, s in self.requests if s >= 400),
        }

    # ------------------------------------------------------------------ driver (HTTP)

    def _add_driver_routes(self, app: web.Application) -> None:
        async def body(request: web.Request) -> Json:
            data = await request.json()
            return data if isinstance(data, dict) else {}

        async def text(request: web.Request) -> web.Response:
            b = await body(request)
            self.user(
                int(b["user_id"]),
                b.get("first_name", "Anna"),
                language_code=b.get("language_code", "pl"),
            )
            message_id = self.send_text(
                int(b.get("chat_id") or b["user_id"]), int(b["user_id"]), str(b["text"])
            )
            return web.json_response({"message_id": message_id})

        async def press(request: web.Request) -> web.Response:
            b = await body(request)
            try:
                query = self.press(
                    int(b["chat_id"]),
                    int(b["user_id"]),
                    b.get("message_id"),
                    text=b.get("text"),
                    data=b.get("data"),
                    index=b.get("index"),
                )
            except (KeyError, ValueError) as err:
                return web.json_response({"error": str(err)}, status=400)
            return web.json_response({"callback_query_id": query})

        async def transcript(request: web.Request) -> web.Response:
            chat_id = int(request.match_info["chat_id"])
            return web.json_response(
                {
                    "messages": [
                        {
                            "message_id": e.message_id,
                            "from_bot": e.from_bot,
                            "user_id": e.user_id,
                            "text": e.text,
                            "buttons": [[b.get("text") for b in row] for row in e.buttons],
                            "edits": len(e.edits),
                            "deleted": e.deleted,
                            "kind": e.kind,
                        }
                        for e in self.transcript(chat_id)
                    ]
                }
            )

        async def stats(_: web.Request) -> web.Response:
            return web.json_response(self.stats())

        async def act(request: web.Request) -> web.Response:
            """Everything else a user or Telegram does, by name (see `DRIVER_ACTIONS`)."""
            name = request.match_info["action"]
            b = await body(request)
            try:
                result = self._driver_action(name, b)
            except (KeyError, ValueError, TypeError) as err:
                return web.json_response({"error": f"{name}: {err}"}, status=400)
            return web.json_response({"ok": True, "result": result})

        app.router.add_post("/driver/text", text)
        app.router.add_post("/driver/press", press)
        app.router.add_post("/driver/{action}", act)
        app.router.add_get("/driver/transcript/{chat_id}", transcript)
        app.router.add_get("/driver/stats", stats)

    def _driver_action(self, name: str, b: Json) -> Any:
        user = int(b["user_id"]) if "user_id" in b else None
        chat = int(b["chat_id"]) if "chat_id" in b else user
        if name not in DRIVER_ACTIONS:
            raise KeyError(f"unknown action; known: {sorted(DRIVER_ACTIONS)}")
        if name == "user":
            assert user is not None
            self.user(user, b.get("first_name", "Anna"), language_code=b.get("language_code"))
            return None
        if name == "group":
            members = {int(k): str(v) for k, v in (b.get("members") or {}).items()}
            self.group(int(b["chat_id"]), b.get("title", "Rodzina"), members=members)
            return None
        if user is None or chat is None:
            raise KeyError("user_id")
        if name in ("sticker", "photo", "document"):
            send: Callable[[int, int], int] = getattr(self, f"send_{name}")
            return {"message_id": send(chat, user)}
        if name == "add_bot":
            self.add_bot_to_group(chat, user, as_admin=bool(b.get("as_admin")))
        elif name == "remove_bot":
            self.remove_bot_from_group(chat, user)
        elif name == "block":
            self.block_bot(user)
        elif name == "unblock":
            self.unblock_bot(user)
        elif name == "set_member":
            self.set_member(chat, user, str(b["status"]))
        elif name == "migrate":
            self.migrate_group(chat, int(b["new_chat_id"]), user)
        return None


DRIVER_ACTIONS = frozenset(
    {
        "user",
        "group",
        "sticker",
        "photo",
        "document",
        "add_bot",
        "remove_bot",
        "block",
        "unblock",
        "set_member",
        "migrate",
    }
)


def _member(user: Json, status: str) -> Json:
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        flags = (
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
            "can_send_welcome_messages",
        )
        return {
            "status": "administrator",
            "user": user,
            **{
                f: f in ("can_manage_chat", "can_delete_messages", "can_invite_users")
                for f in flags
            },
        }
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    if status == "restricted":
        rights = (
            "can_send_messages",
            "can_send_audios",
            "can_send_documents",
            "can_send_photos",
            "can_send_videos",
            "can_send_video_notes",
            "can_send_voice_notes",
            "can_send_polls",
            "can_send_other_messages",
            "can_add_web_page_previews",
            "can_react_to_messages",
            "can_edit_tag",
            "can_change_info",
            "can_invite_users",
            "can_pin_messages",
            "can_manage_topics",
        )
        return {
            "status": "restricted",
            "user": user,
            "is_member": True,
            **dict.fromkeys(rights, False),
            "until_date": 0,
        }
    if status == "left":
        return {"status": "left", "user": user}
    return {"status": "member", "user": user}


def _reply_error(code: int, description: str, parameters: Json | None = None) -> web.Response:
    payload: Json = {"ok": False, "error_code": code, "description": description}
    if parameters:
        payload["parameters"] = parameters
    return web.json_response(payload, status=code)


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


__all__ = ["BOT_ID", "Entry", "FakeChat", "FakeTelegram", "FakeUser", "TelegramFault"]
