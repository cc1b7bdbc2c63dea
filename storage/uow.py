"""One transaction with every repository on it: what handlers and the pipeline use."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import Cipher
from storage.db import Database
from storage.repositories.accounts import AccountRepository
from storage.repositories.calendar import CalendarRepository
from storage.repositories.chats import ChatRepository
from storage.repositories.conversations import ConversationRepository
from storage.repositories.group_codes import GroupCodeRepository
from storage.repositories.links import LinkRepository
from storage.repositories.login_attempts import LoginAttemptRepository
from storage.repositories.outbox import OutboxRepository
from storage.repositories.privacy import PrivacyRepository
from storage.repositories.replies import ReplyRepository
from storage.repositories.seen import SeenRepository, SnapshotRepository
from storage.repositories.stats import StatsRepository
from storage.repositories.subscriptions import SubscriptionRepository
from storage.repositories.sync_state import SyncStateRepository
from storage.repositories.topics import TopicRepository
from storage.repositories.users import UserRepository
from storage.repositories.workers import WorkerRepository


class UnitOfWork:
    """Repositories sharing one session (one transaction)."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self.session = session
        self.users = UserRepository(session)
        self.chats = ChatRepository(session)
        self.accounts = AccountRepository(session, cipher)
        self.links = LinkRepository(session)
        self.subscriptions = SubscriptionRepository(session)
        self.sync = SyncStateRepository(session)
        self.seen = SeenRepository(session)
        self.snapshots = SnapshotRepository(session)
        self.outbox = OutboxRepository(session)
        self.group_codes = GroupCodeRepository(session)
        self.privacy = PrivacyRepository(session)
        self.stats = StatsRepository(session)
        self.conversations = ConversationRepository(session)
        self.workers = WorkerRepository(session)
        self.login_attempts = LoginAttemptRepository(session)
        self.calendar = CalendarRepository(session)
        self.replies = ReplyRepository(session)
        self.topics = TopicRepository(session)


class Store:
    """The application's way into the database."""

    def __init__(self, db: Database, cipher: Cipher) -> None:
        self.db = db
        self.cipher = cipher

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        async with self.db.transaction() as session:
            yield UnitOfWork(session, self.cipher)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[UnitOfWork]:
        async with self.db.reading() as session:
            yield UnitOfWork(session, self.cipher)
