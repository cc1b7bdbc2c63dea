"""The fake Telegram's things: users, chats, a transcript's entries, the faults it can
be told to inject, and how a chat member is described to the bot."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

BOT_ID = 7_000_000_001
Json = dict[str, Any]


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
    #: topics of a private chat with the bot (Bot API 9.3): thread id -> name
    topics: dict[int, str] = field(default_factory=dict)
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
    #: an ephemeral message (Bot API 10.2): only this user sees it, in a group
    receiver: int | None = None
    #: Telegram took it but the receiver never saw it (offline, an old app)
    unseen: bool = False
    #: the topic of a private chat (or forum) it is in; None: the main stream
    thread: int | None = None
    #: a rich message's blocks as sent (`text` is what a reader sees of them)
    rich: list[Json] | None = None
    #: a photo's bytes and its size in pixels (`text` is its caption)
    photo: tuple[bytes, int, int] | None = None

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


def member_json(user: Json, status: str) -> Json:
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
