"""HTTP plumbing for Librus: one shared connector, per-host politeness, optional routing.

Every account gets its own `aiohttp.ClientSession` (its own cookie jar: two accounts in
one jar read each other's data), but all of them share one connector, so the
per-host connection cap holds across accounts, and one trace hook that waits on a
per-host token bucket before each request (requests per second, for all accounts).

`connect_to` routes the Librus hosts to another address (the local simulator) through
a resolver, and `ca_file` is the CA to trust there; nothing else changes, so the same
code runs against the real service.
"""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import time
import weakref
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from sync.metrics import UPSTREAM_REQUESTS

LIBRUS_HOSTS = frozenset(
    {"synergia.librus.pl", "api.librus.pl", "wiadomosci.librus.pl", "sandbox.librus.pl"}
)


class PinnedResolver(AbstractResolver):
    """Resolves the Librus hosts to one fixed address; everything else as usual."""

    def __init__(self, host: str, port: int, hosts: frozenset[str] = LIBRUS_HOSTS) -> None:
        self._host = host
        self._port = port
        self._hosts = hosts
        self._fallback = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host in self._hosts:
            return [
                {
                    "hostname": host,
                    "host": self._host,
                    "port": self._port,
                    "family": socket.AF_INET,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST,
                }
            ]
        return await self._fallback.resolve(host, port, family)

    async def close(self) -> None:
        await self._fallback.close()


_ID = re.compile(r"/[0-9][^/]*")


def endpoint_label(path: str) -> str:
    """A request path fit for a metric label: ids (grade, message, week) become :id."""
    return _ID.sub("/:id", path)[:80] or "/"


class HostRateLimiter:
    """A token bucket per host: at most `rate` requests per second, bursts of `burst`."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.waited_seconds = 0.0
        self.requests = 0

    async def acquire(self, host: str) -> None:
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            now = time.monotonic()
            tokens, stamp = self._buckets.get(host, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate)
            if tokens < 1:
                wait = (1 - tokens) / self.rate
                self.waited_seconds += wait
                await asyncio.sleep(wait)
                now = time.monotonic()
                tokens = min(self.burst, tokens + wait * self.rate)
            self._buckets[host] = (tokens - 1, now)
            self.requests += 1


class LibrusTransport:
    """The shared connector and limiter; hands out one session per account."""

    def __init__(
        self,
        *,
        connect_to: str | None = None,
        ca_file: Path | None = None,
        requests_per_second: float = 5.0,
        max_concurrency: int = 4,
    ) -> None:
        resolver: AbstractResolver | None = None
        if connect_to:
            host, _, port = connect_to.rpartition(":")
            resolver = PinnedResolver(host, int(port))
        self.ssl_context = (
            ssl.create_default_context(cafile=str(ca_file))
            if ca_file
            else ssl.create_default_context()
        )
        self.limiter = HostRateLimiter(requests_per_second)
        self._connector = aiohttp.TCPConnector(
            limit=max_concurrency * 4,
            limit_per_host=max_concurrency,
            ssl=self.ssl_context,
            resolver=resolver,
            ttl_dns_cache=300,
        )
        self._trace = aiohttp.TraceConfig()
        self._trace.on_request_start.append(self._before_request)
        self._trace.on_request_end.append(self._after_request)
        # Per account session: how many 403s came without Librus's JSON error body
        # (a firewall's or a proxy's page: this server is blocked, the module is not
        # missing). Weak, so a closed session takes its count with it.
        self._foreign_403: weakref.WeakKeyDictionary[aiohttp.ClientSession, int] = (
            weakref.WeakKeyDictionary()
        )

    async def _before_request(
        self, _session: aiohttp.ClientSession, _ctx: SimpleNamespace, params: Any
    ) -> None:
        host = params.url.host or ""
        await self.limiter.acquire(host)
        UPSTREAM_REQUESTS.labels(host, endpoint_label(params.url.path)).inc()

    async def _after_request(
        self, session: aiohttp.ClientSession, _ctx: SimpleNamespace, params: Any
    ) -> None:
        response = params.response
        if response.status == 403 and "json" not in (response.content_type or ""):
            self._foreign_403[session] = self._foreign_403.get(session, 0) + 1

    def foreign_refusals(self, session: aiohttp.ClientSession) -> int:
        """403 answers this session got that were not Librus's JSON error, so far."""
        return self._foreign_403.get(session, 0)

    def new_session(self) -> aiohttp.ClientSession:
        """A session with its own cookie jar on the shared connector."""
        return aiohttp.ClientSession(
            connector=self._connector,
            connector_owner=False,
            cookie_jar=aiohttp.CookieJar(),
            trace_configs=[self._trace],
        )

    async def close(self) -> None:
        await self._connector.close()
