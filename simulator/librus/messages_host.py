"""wiadomosci.librus.pl: the hand-off from synergia, the Wiadomości session, the inbox
and opening a message (which marks it read, as Librus does)."""

from __future__ import annotations

import base64
import secrets

from aiohttp import web

from simulator.librus.clock import local_stamp
from simulator.librus.files import SandboxKey
from simulator.librus.host_core import (
    MessagesSession,
    SimulatorCore,
    endpoint_key,
    int_or_none,
    redirect,
)
from simulator.librus.render import GatewayView
from simulator.librus.world import SentMessage

# Librus's answer when a school lets parents only read Wiadomości: the shape of its
# other errors ({"status": "error", "errors": [{"message": …}]}); the wording is assumed.
SEND_REFUSAL = {
    "status": "error",
    "errors": [{"message": "Nie masz uprawnień do wysyłania wiadomości."}],
}
NO_ORIGINAL = {"message": "Nie odnaleziono wiadomości."}
#: how Librus treats this account's sends: accept | refuse (403: the library reads it as
#: a rejected session and keeps no body) | refuse_words (400 with the body, whose
#: sentence the bot shows) | lose_answer (sent, then the connection drops before the
#: answer). Which status a real refusal has is not known; both are served.
SEND_MODES = ("accept", "refuse", "refuse_words", "lose_answer")


class MessagesHost(SimulatorCore):
    # ------------------------------------------------------------------ wiadomosci.librus.pl

    def _messages_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(
            "/pobierz/MultiDomainLogon/token/{token}/login/{login}/target/{target}/from/{source}",
            self.messages_handoff,
        )
        app.router.add_get("/nowy", self.messages_home)
        app.router.add_route("*", "/api/{path:.*}", self.messages_api)
        return app

    async def messages_handoff(self, request: web.Request) -> web.StreamResponse:
        login = self._handoffs.pop(request.match_info["token"], None)
        self.counter(login).requests["messages/handoff"] += 1
        if login is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        key = secrets.token_hex(20)
        self._messages[key] = MessagesSession(
            login, self.clock.now() + self.messages_session_lifetime
        )
        response = redirect("/nowy")
        response.set_cookie("wiadomosci_sid", key, path="/", secure=True, httponly=True)
        return response

    async def messages_home(self, _request: web.Request) -> web.StreamResponse:
        return web.Response(
            status=200,
            content_type="text/html",
            text='<html><body><div id="app">Wiadomości</div></body></html>',
        )

    async def messages_api(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"].strip("/")
        key = request.cookies.get("wiadomosci_sid")
        session = self._messages.get(key) if key else None
        if session is not None and session.expires_at <= self.clock.now():
            session = None
        login = session.login if session else None
        endpoint = "messages/" + endpoint_key(path)
        self.counter(login).requests[endpoint] += 1
        fault = await self._fault(request, login, endpoint)
        if fault is not None:
            return fault
        if session is None:
            return web.json_response({"error": "unauthorized"}, status=401)
        view = GatewayView(self.world, self.student(session.login), self.clock.now(), session.login)
        parts = path.split("/")
        if request.method == "GET":
            if path == "inbox/unreadMessagesCount":
                unread = sum(1 for m in view.inbox() if m.read_at is None or m.read_at > view.now)
                counts = {
                    "inbox": unread,
                    "notes": 0,
                    "alerts": 0,
                    "substitutions": 0,
                    "absences": 0,
                    "justifications": 0,
                    "trash": 0,
                }
                counts.update({f"archive{box[:1].upper()}{box[1:]}": 0 for box in list(counts)})
                return web.json_response({"data": counts})
            if path == "me":
                s = view.s
                return web.json_response(
                    {
                        "data": {
                            "firstName": s.parent_first_name,
                            "lastName": s.last_name,
                            "groupName": "rodzic",
                            "accountId": s.parent_messages_id,
                            "accessToAttachments": True,
                        }
                    }
                )
            if len(parts) == 2 and parts[1] == "messages":
                return self._message_list(request, view, parts[0])
            if len(parts) == 3 and parts[0] == "inbox" and parts[1] == "messages":
                return self._open_message(view, parts[2])
            if len(parts) == 4 and parts[0] == "attachments" and parts[2] == "messages":
                return self._attachment_link(view, parts[1], parts[3])
            return web.json_response({"error": "not found"}, status=404)
        if request.method == "POST" and path in ("messages", "messages/reply"):
            return await self._send(request, view, reply=path == "messages/reply")
        self._side_effect(login, "messages_write", path=path, method=request.method)
        return web.json_response(
            {"data": {"messageId": self.world.new_id(), "status": "sent"}}, status=201
        )

    async def _send(
        self, request: web.Request, view: GatewayView, *, reply: bool
    ) -> web.StreamResponse:
        """A message or a reply sent from the parent's account: kept in
        `World.sent_messages` and counted as a side effect, unless the account's send
        mode (`SEND_MODES`) has Librus refuse it or lose the answer."""
        login = view.s.login
        mode = self.send_modes.get(login, "accept")
        if mode in ("refuse", "refuse_words"):
            return web.json_response(SEND_REFUSAL, status=403 if mode == "refuse" else 400)
        body = await request.json()
        receivers = body.get("receivers", {}).get("schoolReceivers", [])
        original = str(body.get("originalMessageId") or "") if reply else ""
        if reply and self.world.messages.get(original) is None:
            return web.json_response({"status": "error", "errors": [NO_ORIGINAL]}, status=404)
        sent = SentMessage(
            login=login,
            original=original or None,
            receivers=[str(r.get("accountId")) for r in receivers],
            topic=base64.b64decode(body.get("topic", "")).decode("utf-8"),
            text=base64.b64decode(body.get("content", "")).decode("utf-8"),
            at=view.now,
        )
        self.world.sent_messages.append(sent)
        self._side_effect(login, "message_sent", original=sent.original)
        if mode == "lose_answer":
            # Sent, but the answer never reaches the client (a timeout, a dropped link).
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        if reply:  # a reply's answer carries no id (confirmed live by the library)
            return web.json_response({"data": {"status": "sent"}}, status=201)
        return web.json_response(
            {"data": {"messageId": self.world.new_id(), "status": "sent"}}, status=201
        )

    def _message_list(
        self, request: web.Request, view: GatewayView, mailbox: str
    ) -> web.StreamResponse:
        if mailbox in ("substitutions", "alerts"):
            return web.json_response([])
        if mailbox != "inbox":
            return web.json_response({"data": [], "total": 0})
        limit = int_or_none(request.query.get("limit")) or 10
        page = max(int_or_none(request.query.get("page")) or 1, 1)
        items = view.inbox()
        if request.query.get("unreadOnly") == "1":
            items = [m for m in items if m.read_at is None or m.read_at > view.now]
        chunk = items[(page - 1) * limit : page * limit]
        return web.json_response(
            {"data": [view.message_item(m) for m in chunk], "total": len(items)}
        )

    def _attachment_link(
        self, view: GatewayView, attachment_id: str, message_id: str
    ) -> web.StreamResponse:
        """A sandbox link for one attachment of the student's message; the message is
        not opened (its read state does not change)."""
        message = self.world.messages.get(message_id)
        listed = {fid: name for name, fid in message.attachments} if message else {}
        if (
            message is None
            or message.student_id != view.s.id
            or not view.visible(message.visible_from)
            or attachment_id not in listed
        ):
            return web.json_response({"error": "Nie odnaleziono załącznika."}, status=404)
        self.world.file(attachment_id, listed[attachment_id])
        key = secrets.token_hex(16)
        self._sandbox_keys[key] = SandboxKey(view.s.login, attachment_id, listed[attachment_id])
        return web.json_response(
            {
                "data": {
                    "status": "ok",
                    "downloadLink": f"https://sandbox.librus.pl/GetFile/{key}",
                }
            }
        )

    def _open_message(self, view: GatewayView, message_id: str) -> web.StreamResponse:
        message = self.world.messages.get(message_id)
        if (
            message is None
            or message.student_id != view.s.id
            or not view.visible(message.visible_from)
        ):
            return web.json_response({"error": "Nie odnaleziono wiadomości."}, status=404)
        if message.read_at is None or message.read_at > view.now:
            message.read_at = view.now
            self._side_effect(
                view.s.login, "message_opened", message=message_id, read_at=local_stamp(view.now)
            )
        return web.json_response(view.message_full(message))
