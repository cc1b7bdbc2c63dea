"""Prometheus metrics of one process. Labels carry kinds, outcomes and error classes,
never an account, a chat, a login or a name: a scrape must not identify a family.

Counters and histograms move where the work happens (poller, upstream, sender); the
gauges that describe the database (accounts by status, outbox depth and age) are set
from three grouped counts when `/metrics` is scraped.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

POLLS = Counter(
    "dzwonek_polls_total",
    "Account polls by outcome (ok, paused, unavailable, skipped, lost_lease, failed) "
    "and error class.",
    ["outcome", "error_class"],
    registry=REGISTRY,
)
POLL_SECONDS = Histogram(
    "dzwonek_poll_duration_seconds",
    "Wall time of one account poll.",
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
    registry=REGISTRY,
)
CALENDAR_REQUESTS = Counter(
    "dzwonek_calendar_requests_total",
    "Calendar feed requests by outcome (served, not_modified, not_found, limited, failed).",
    ["outcome"],
    registry=REGISTRY,
)
FILE_DOWNLOADS = Counter(
    "dzwonek_file_downloads_total",
    "Attachments parents asked for, by kind (message, homework) and outcome.",
    ["kind", "outcome"],
    registry=REGISTRY,
)
PRIVATE_ANSWERS = Counter(
    "dzwonek_private_answers_total",
    "Group answers meant only for the member who asked, by outcome (shown, refused: "
    "Telegram said no, ignored: a server without ephemeral messages, opened: through the "
    "private-chat link).",
    ["outcome"],
    registry=REGISTRY,
)
RICH_ANSWERS = Counter(
    "dzwonek_rich_answers_total",
    "Answers sent as rich messages with tables, by outcome (sent, refused: the HTML text "
    "went instead, unsupported: a server without rich messages, HTML from then on).",
    ["outcome"],
    registry=REGISTRY,
)
CHARTS = Counter(
    "dzwonek_charts_total",
    "Charts parents asked for, by kind (g: grades, a: attendance) and outcome (sent, "
    "busy: another was being drawn, refused: Telegram did not take it).",
    ["kind", "outcome"],
    registry=REGISTRY,
)
REPLIES = Counter(
    "dzwonek_replies_total",
    "Replies to teachers parents confirmed, by outcome (sent, refused, unknown, failed).",
    ["outcome"],
    registry=REGISTRY,
)
UPSTREAM_REQUESTS = Counter(
    "dzwonek_upstream_requests_total",
    "HTTP requests to Librus by host and endpoint (numeric ids replaced by :id).",
    ["host", "endpoint"],
    registry=REGISTRY,
)
UPSTREAM_FETCHES = Counter(
    "dzwonek_upstream_fetches_total",
    "Librus fetches by kind of data (grades, timetable, ...) and status (ok, absent, failed).",
    ["kind", "status"],
    registry=REGISTRY,
)
PASSWORD_LOGINS = Counter(
    "dzwonek_upstream_password_logins_total",
    "Logins to Librus with the password (a stored session did not do).",
    registry=REGISTRY,
)
LOGIN_CHECKS = Counter(
    "dzwonek_login_checks_total",
    "Live login checks for parents (linking, a new password) by outcome (ok, refused, "
    "action, limited: refused by our own limit before asking Librus).",
    ["outcome"],
    registry=REGISTRY,
)
BREAKER_OPEN = Gauge(
    "dzwonek_librus_breaker_open",
    "1 while this process has stopped asking Librus because it refuses many accounts at once.",
    registry=REGISTRY,
)
BREAKER_TRIPS = Counter(
    "dzwonek_librus_breaker_trips_total",
    "Times the Librus circuit breaker opened.",
    registry=REGISTRY,
)
EVENTS_SUMMARISED = Counter(
    "dzwonek_events_summarised_total",
    "Events told as one summary per chat (after a long pause, or too many at once).",
    registry=REGISTRY,
)
EVENTS = Counter(
    "dzwonek_events_total", "Events found by the diff, by type.", ["type"], registry=REGISTRY
)
SENDS = Counter(
    "dzwonek_sends_total",
    "Telegram sends by outcome (sent, retry, rate_limited, dropped, gone, migrated).",
    ["outcome"],
    registry=REGISTRY,
)
GIVEN_UP = Counter(
    "dzwonek_notifications_given_up_total",
    "Notifications never delivered, by reason (age: Telegram or the network failed for "
    "longer than sender.give_up_after_hours).",
    ["reason"],
    registry=REGISTRY,
)
RATE_LIMITED = Counter(
    "dzwonek_telegram_429_total", "429 answers from the Bot API.", registry=REGISTRY
)
SEND_LATENCY = Histogram(
    "dzwonek_send_latency_seconds",
    "From an event's outbox row being created to its message being sent (quiet hours included).",
    buckets=(1, 5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 12 * 3600),
    registry=REGISTRY,
)
ACCOUNTS = Gauge(
    "dzwonek_accounts",
    "Linked Synergia accounts by status (active, or the pause reason).",
    ["status"],
    registry=REGISTRY,
)
OUTBOX_DUE = Gauge("dzwonek_outbox_due", "Outbox rows due now and not sent.", registry=REGISTRY)
OUTBOX_OLDEST = Gauge(
    "dzwonek_outbox_oldest_due_seconds",
    "Age of the oldest outbox row due now (0 when none).",
    registry=REGISTRY,
)
OUTBOX_HELD = Gauge("dzwonek_outbox_held", "Outbox rows held for quiet hours.", registry=REGISTRY)


def render() -> bytes:
    """The text exposition format of this process's metrics."""
    return generate_latest(REGISTRY)
