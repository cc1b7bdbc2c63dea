"""The driver as JSON over HTTP (`/driver/...`), for the demo's console and anything
outside this Python process: the same actions as `Driver`'s methods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from simulator.telegram.driver import Driver
from simulator.telegram.model import Json


def add_driver_routes(app: web.Application, tg: Driver) -> None:
    async def body(request: web.Request) -> Json:
        data = await request.json()
        return data if isinstance(data, dict) else {}

    async def text(request: web.Request) -> web.Response:
        b = await body(request)
        tg.user(
            int(b["user_id"]),
            b.get("first_name", "Anna"),
            language_code=b.get("language_code", "pl"),
        )
        message_id = tg.send_text(
            int(b.get("chat_id") or b["user_id"]), int(b["user_id"]), str(b["text"])
        )
        return web.json_response({"message_id": message_id})

    async def press(request: web.Request) -> web.Response:
        b = await body(request)
        try:
            query = tg.press(
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
                    for e in tg.transcript(chat_id)
                ]
            }
        )

    async def stats(_: web.Request) -> web.Response:
        return web.json_response(tg.stats())

    async def act(request: web.Request) -> web.Response:
        """Everything else a user or Telegram does, by name (see `DRIVER_ACTIONS`)."""
        name = request.match_info["action"]
        b = await body(request)
        try:
            result = driver_action(tg, name, b)
        except (KeyError, ValueError, TypeError) as err:
            return web.json_response({"error": f"{name}: {err}"}, status=400)
        return web.json_response({"ok": True, "result": result})

    app.router.add_post("/driver/text", text)
    app.router.add_post("/driver/press", press)
    app.router.add_post("/driver/{action}", act)
    app.router.add_get("/driver/transcript/{chat_id}", transcript)
    app.router.add_get("/driver/stats", stats)


def driver_action(tg: Driver, name: str, b: Json) -> Any:
    user = int(b["user_id"]) if "user_id" in b else None
    chat = int(b["chat_id"]) if "chat_id" in b else user
    if name not in DRIVER_ACTIONS:
        raise KeyError(f"unknown action; known: {sorted(DRIVER_ACTIONS)}")
    if name == "user":
        assert user is not None
        tg.user(user, b.get("first_name", "Anna"), language_code=b.get("language_code"))
        return None
    if name == "group":
        members = {int(k): str(v) for k, v in (b.get("members") or {}).items()}
        tg.group(int(b["chat_id"]), b.get("title", "Rodzina"), members=members)
        return None
    if user is None or chat is None:
        raise KeyError("user_id")
    if name in ("sticker", "photo", "document"):
        send: Callable[[int, int], int] = getattr(tg, f"send_{name}")
        return {"message_id": send(chat, user)}
    if name == "add_bot":
        tg.add_bot_to_group(chat, user, as_admin=bool(b.get("as_admin")))
    elif name == "remove_bot":
        tg.remove_bot_from_group(chat, user)
    elif name == "block":
        tg.block_bot(user)
    elif name == "unblock":
        tg.unblock_bot(user)
    elif name == "set_member":
        tg.set_member(chat, user, str(b["status"]))
    elif name == "migrate":
        tg.migrate_group(chat, int(b["new_chat_id"]), user)
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
