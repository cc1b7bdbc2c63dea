"""The calendar port: `GET /calendar/<token>.ics`, the feed a phone's calendar polls.

Plain HTTP on a local address, meant to sit behind the operator's TLS proxy
(docs/operations.md). A feed is built from stored snapshots only (never a live Librus
request), for the children its chat may see at the moment of the request: a child
unshared from the group or unlinked by the parent leaves the feed at once, and a chat
the bot has left answers 404, like a revoked or unknown link.

Answers carry an ETag (a hash of the body, which is the same for the same content)
and Last-Modified (when that body was first served), and honour If-None-Match and
If-Modified-Since with 304. Requests per link are limited per process: calendar apps
poll every 15 minutes to a day, so `requests_per_hour` (60) is far above any of them
and far below what a script hammering a leaked link would make.

The token never reaches a log: the access log is off, and what is logged names the
feed by its row id.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from aiohttp import web

from bot.config import CalendarConfig
from bot.i18n import Translator, translator
from bot.render.calendar import PATH, ShownEntry, ics
from storage.records import CalendarFeedRecord, ChatRecord, ChildRecord
from storage.repositories.calendar import hash_token
from storage.uow import Store, UnitOfWork
from sync import kinds as K
from sync.calendar_feed import FeedOptions, child_entries, shown
from sync.clock import WARSAW, Clock
from sync.metrics import CALENDAR_REQUESTS

log = logging.getLogger("dzwonek.calendar")

TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16): 128 bits
FEED_KINDS = (K.AGENDA, K.HOMEWORK, K.TIMETABLE)


@dataclass(frozen=True)
class BuiltFeed:
    body: bytes
    etag: str
    changed_at: datetime


async def _scope(
    uow: UnitOfWork, feed: CalendarFeedRecord
) -> tuple[ChatRecord | None, list[ChildRecord]]:
    """The feed's chat, if the bot is still in it, and the children it sees now."""
    chat = await uow.chats.get(feed.chat_id)
    if chat is None or not chat.active:
        return None, []
    found = (
        await uow.links.children(chat.id)
        if chat.is_private
        else await uow.links.children_of_chat(chat.id)
    )
    children: dict[int, ChildRecord] = {}
    for child in found:  # a child shared into a group by both parents is one child
        if feed.account_id in (None, child.account_id):
            children.setdefault(child.account_id, child)
    return chat, list(children.values())


def _name(t: Translator, chat: ChatRecord, feed: CalendarFeedRecord, names: list[str]) -> str:
    if feed.account_id is None and not chat.is_private:
        who = t("cal-group-scope", title=chat.title) if chat.title else t("cal-group-scope-plain")
    else:
        who = ", ".join(names) or t("cal-all-children")
    return t("cal-name", who=who)


async def build(store: Store, token: str, now: datetime) -> BuiltFeed | None:
    """The feed behind this token, or None (unknown, revoked, or nothing left in scope)."""
    async with store.transaction() as uow:
        feed = await uow.calendar.by_token(token)
        if feed is None:
            return None
        chat, children = await _scope(uow, feed)
        if chat is None or (feed.account_id is not None and not children):
            return None  # a group with no child shared any more gets an empty calendar
        snapshots = await uow.snapshots.get_many(
            [(c.account_id, k) for c in children for k in (*FEED_KINDS, K.REFERENCE)]
        )
        t = translator(chat.language)
        today = now.astimezone(WARSAW).date()
        options = FeedOptions(homework=feed.homework, changes=feed.changes)
        several = len(children) > 1
        entries: list[ShownEntry] = []
        for child in children:
            data = {
                k: snap.data
                for (account, k), snap in snapshots.items()
                if account == child.account_id
            }
            reference = data.pop(K.REFERENCE, None) or {}
            everything = child_entries(child.account_id, data, reference, today)
            versions = await uow.calendar.versions(
                child.account_id, {e.uid: e.fingerprint() for e in everything}, now
            )
            entries.extend(
                ShownEntry(e, versions[e.uid], child.child_name if several else None)
                for e in shown(everything, options)
                if e.uid in versions
            )
        entries.sort(key=lambda s: (s.entry.day, s.entry.start or datetime.min.time(), s.entry.uid))
        name = _name(t, chat, feed, [c.child_name for c in children])
        body = ics(t, f"feed-{feed.id}@dzwonek", name, entries)
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        changed_at = await uow.calendar.served(feed.id, etag, now)
    log.debug("calendar feed built", extra={"feed": feed.id, "events": len(entries)})
    return BuiltFeed(body, etag, changed_at)


class RequestLimit:
    """At most `per_hour` requests per key in any hour (a sliding window), in memory.
    Keys are token hashes; the table forgets quiet keys, so random tokens cannot grow
    it without bound."""

    MAX_KEYS = 50_000

    def __init__(self, per_hour: int) -> None:
        self.per_hour = per_hour
        self._seen: dict[str, deque[datetime]] = {}

    def allow(self, key: str, now: datetime) -> timedelta | None:
        """None when allowed; otherwise how long until the next request may come."""
        window = now - timedelta(hours=1)
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= window:
            times.popleft()
        if len(times) >= self.per_hour:
            return times[0] - window
        times.append(now)
        if len(self._seen) > self.MAX_KEYS:
            self._forget(window)
        return None

    def _forget(self, window: datetime) -> None:
        for key in [k for k, times in self._seen.items() if not times or times[-1] <= window]:
            del self._seen[key]
        while len(self._seen) > self.MAX_KEYS:  # all busy: the oldest go
            del self._seen[next(iter(self._seen))]


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(request: web.Request, built: BuiltFeed) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = _etags(if_none_match)
        return "*" in tags or built.etag in tags
    since = request.headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return built.changed_at.replace(microsecond=0) <= when


class CalendarServer:
    def __init__(self, store: Store, clock: Clock, config: CalendarConfig) -> None:
        self.store = store
        self.clock = clock
        self.host = config.host
        self.port = config.port
        self.limit = RequestLimit(config.requests_per_hour)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get(PATH, self.feed)
        self._runner = web.AppRunner(app, access_log=None)  # the URL is the secret
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # tests ask for any free port
            self.port = int(self._runner.addresses[0][1])
        log.info("calendar listening", extra={"host": self.host, "port": self.port})

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def feed(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        token = name.removesuffix(".ics")
        if not name.endswith(".ics") or not TOKEN.match(token):
            CALENDAR_REQUESTS.labels("not_found").inc()
            raise web.HTTPNotFound()
        now = self.clock.now()
        wait = self.limit.allow(hash_token(token), now)
        if wait is not None:
            CALENDAR_REQUESTS.labels("limited").inc()
            seconds = max(1, int(wait.total_seconds()) + 1)
            raise web.HTTPTooManyRequests(headers={"Retry-After": str(seconds)})
        try:
            built = await build(self.store, token, now)
        except Exception:
            CALENDAR_REQUESTS.labels("failed").inc()
            log.exception("calendar feed failed")
            raise web.HTTPServiceUnavailable(headers={"Retry-After": "300"}) from None
        if built is None:
            CALENDAR_REQUESTS.labels("not_found").inc()
            raise web.HTTPNotFound()
        headers = {
            "ETag": built.etag,
            "Last-Modified": format_datetime(built.changed_at.astimezone(UTC), usegmt=True),
            "Cache-Control": "private, max-age=300",
        }
        if not_modified(request, built):
            CALENDAR_REQUESTS.labels("not_modified").inc()
            return web.Response(status=304, headers=headers)
        CALENDAR_REQUESTS.labels("served").inc()
        headers["Content-Disposition"] = 'inline; filename="dzwonek.ics"'
        return web.Response(
            body=built.body, content_type="text/calendar", charset="utf-8", headers=headers
        )
