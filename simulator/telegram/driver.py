"""The driver half of the fake Telegram, in Python: people and groups, what they send
and press, what happens to the bot in a chat (added, restricted, blocked, migrated),
and what the chats show afterwards."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from simulator.telegram import schema
from simulator.telegram.bot_api import BotApi
from simulator.telegram.html import utf16_len
from simulator.telegram.model import BOT_ID, Entry, FakeChat, FakeUser, Json, member_json


class Driver(BotApi):
    """Acts as any user in any chat, and reads the transcripts."""

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
            query = update["callback_query"]
            self._pressed_at[str(query["id"])] = time.monotonic()
            chat = (query.get("message") or {}).get("chat") or {}
            self._pressed_by[str(query["id"])] = (query["from"]["id"], chat.get("id", 0))
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

    def send_text(self, chat_id: int, user_id: int, text: str, *, thread: int | None = None) -> int:
        """The user writes `text` (a /command gets its bot_command entity, as Telegram
        does), in the main stream or in a topic (`thread`)."""
        extra: Json = {"text": text}
        if thread is not None:
            extra.update({"message_thread_id": thread, "is_topic_message": True})
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
        entry = self._entry_with_buttons(chat_id, message_id, user_id)
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

    def _entry_with_buttons(self, chat_id: int, message_id: int | None, user_id: int) -> Entry:
        """Only what this user sees: another member's ephemeral message has no buttons
        to press for anyone else."""
        entries = [
            e
            for e in self.entries.get(chat_id, [])
            if e.from_bot and not e.deleted and self.sees(e, user_id)
        ]
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
                    "old_chat_member": member_json(dict(self.bot), old),
                    "new_chat_member": member_json(dict(self.bot), new),
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

    def delete_topic(self, user_id: int, thread: int) -> None:
        """The user deletes one of the bot's topics in their private chat."""
        del self.chats[user_id].topics[thread]

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

    @staticmethod
    def sees(entry: Entry, user_id: int) -> bool:
        """Whether `user_id` sees this message: everyone sees a public one, only its
        receiver an ephemeral one, and not even the receiver one that never arrived."""
        return entry.receiver is None or (entry.receiver == user_id and not entry.unseen)

    def seen_by(self, chat_id: int, user_id: int) -> list[Entry]:
        """The bot's messages in the chat as this member's app shows them."""
        return [e for e in self.bot_messages(chat_id) if self.sees(e, user_id)]

    def public(self, chat_id: int) -> list[Entry]:
        """The bot's messages everyone in the chat sees."""
        return [e for e in self.bot_messages(chat_id) if e.receiver is None]

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
