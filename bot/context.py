"""What every handler gets: the long-lived services of the running bot."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.downloads import DownloadGate
from bot.drafts import Drafts
from bot.pending import PendingCredentials
from bot.topics import Topics
from storage.uow import Store
from sync.clock import Clock
from sync.login_checks import LoginChecks
from sync.refresh import Refresher
from sync.upstream import Upstream


@dataclass
class AppContext:
    settings: Settings
    store: Store
    upstream: Upstream
    refresher: Refresher
    pending: PendingCredentials
    clock: Clock
    login_checks: LoginChecks
    downloads: DownloadGate
    drafts: Drafts
    topics: Topics
    bot_username: str = "dzwonek_bot"
    #: the commands the dispatcher's handlers answer (set when it is built)
    commands: frozenset[str] = frozenset()
