"""From configuration to the pipeline's policies: what Librus may be asked how often,
and how failures back off. Free of aiogram, so a pollers-only process stays small."""

from __future__ import annotations

from datetime import time, timedelta

from bot.config import Settings
from sync.account_sync import SyncPolicy
from sync.cadence import CadencePolicy
from sync.quiet import parse_hhmm
from sync.upstream import UpstreamSettings


def upstream_settings(settings: Settings) -> UpstreamSettings:
    librus = settings.librus
    return UpstreamSettings(
        connect_to=librus.connect_to,
        ca_file=librus.ca_file,
        requests_per_second=librus.requests_per_second,
        max_concurrency=librus.max_concurrency,
        request_timeout=librus.request_timeout_seconds,
        reference_ttl=timedelta(hours=librus.reference_ttl_hours),
        reference_full_ttl=timedelta(hours=librus.reference_full_ttl_hours),
        messages_renew_after=timedelta(minutes=librus.messages_session_renew_minutes),
        max_clients=librus.max_clients,
        password_logins_per_hour=librus.password_logins_per_hour,
    )


def sync_policy(settings: Settings) -> SyncPolicy:
    polling = settings.polling
    return SyncPolicy(
        backoff_base=timedelta(seconds=polling.backoff_base_seconds),
        backoff_cap=timedelta(seconds=polling.backoff_max_seconds),
        module_recheck=timedelta(hours=polling.module_recheck_hours),
    )


def cadence_policy(settings: Settings) -> CadencePolicy:
    polling = settings.polling
    return CadencePolicy(
        school_day_start=parse_hhmm(polling.school_day_start) or time(7),
        school_day_end=parse_hhmm(polling.school_day_end) or time(17),
        evening_end=parse_hhmm(polling.evening_end) or time(22),
        urgent_school=timedelta(minutes=polling.urgent_school_minutes),
        urgent_evening=timedelta(minutes=polling.urgent_evening_minutes),
        urgent_quiet=timedelta(minutes=polling.urgent_quiet_minutes),
        urgent_night=timedelta(minutes=polling.urgent_night_minutes),
        other_day=timedelta(minutes=polling.other_day_minutes),
        other_quiet=timedelta(minutes=polling.other_quiet_minutes),
        dawn=timedelta(minutes=polling.dawn_minutes),
        day_overrides={k: timedelta(minutes=v) for k, v in polling.day_minutes.items()},
        quiet_overrides={k: timedelta(minutes=v) for k, v in polling.quiet_minutes.items()},
        jitter=polling.jitter_fraction,
    )
