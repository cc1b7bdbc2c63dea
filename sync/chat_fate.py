"""What happens to a chat the bot can no longer write to, in one place: the sender
learns it from Telegram's refusal (403, "chat not found", a migration error) and the
handlers from Telegram's updates (the bot removed, the group upgraded)."""

from __future__ import annotations

from storage.uow import UnitOfWork


async def chat_gone(uow: UnitOfWork, chat_id: int, *, forget_shares: bool = False) -> int:
    """The chat is closed to the bot: it is deactivated and its queue dropped (the
    number of rows dropped is returned). `forget_shares`: a group the bot was removed
    from also forgets the children shared into it, so adding the bot back starts clean."""
    dropped = await uow.chats.deactivate_and_drop_queue(chat_id)
    if forget_shares:
        for sub in await uow.subscriptions.for_chat(chat_id):
            await uow.subscriptions.unsubscribe(chat_id, sub.account_id)
    return dropped


async def chat_migrated(uow: UnitOfWork, old_id: int, new_id: int) -> None:
    """A group became a supergroup: its children, settings and queue move to the new id."""
    await uow.chats.migrate(old_id, new_id)
