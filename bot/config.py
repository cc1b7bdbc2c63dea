"""Configuration: a TOML file, overridden by DZWONEK_SECTION__KEY environment variables.

Secrets (the bot token, the database password) may also come from files
(`token_file`, `password_file`); the encryption key ring always lives in its own file
(`crypto.keyring_file`) or, for development only, inline (`crypto.keyring`).

Every problem becomes one `ConfigError` that names the key, says what is expected and
where the bad value came from; the CLI prints it and exits with code 2.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

ENV_PREFIX = "DZWONEK_"
ENV_CONFIG_FILE = "DZWONEK_CONFIG"
DEFAULT_CONFIG_FILE = Path("config.toml")

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_HOST_PORT = re.compile(r"^[A-Za-z0-9.\-]+:\d{1,5}$")


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message is meant for the operator."""


def _check_hhmm(value: str) -> str:
    if not _HHMM.fullmatch(value):
        raise ValueError("expected a time of day as HH:MM, e.g. 07:00")
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramConfig(_Section):
    token: SecretStr | None = None
    token_file: Path | None = None
    api_base: str = "https://api.telegram.org"
    # "polling" (getUpdates, the default) or "webhook" (Telegram calls us).
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None  # the public https URL Telegram posts updates to
    webhook_secret: SecretStr | None = None  # checked on every request (1-256 of A-Za-z0-9_-)
    webhook_secret_file: Path | None = None
    webhook_host: str = "127.0.0.1"  # behind the TLS-terminating proxy
    webhook_port: int = Field(default=8443, ge=0, le=65535)

    @model_validator(mode="after")
    def _webhook(self) -> TelegramConfig:
        if self.mode != "webhook":
            return self
        if not self.webhook_url or not self.webhook_url.startswith("https://"):
            raise ValueError("webhook mode needs webhook_url, the public https:// address")
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
            raise ValueError(
                "webhook mode needs webhook_secret (or webhook_secret_file): 16-256 characters "
                "of A-Z, a-z, 0-9, _ and -"
            )
        return self

    @field_validator("api_base")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("expected an http(s) URL such as https://api.telegram.org")
        return value.rstrip("/")

    @field_validator("token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"\d{3,20}:[A-Za-z0-9_-]{20,}", value.get_secret_value()):
            raise ValueError("expected a bot token from @BotFather, like 123456:ABC-DEF...")
        return value


class DatabaseConfig(_Section):
    url: str = "sqlite+aiosqlite:///data/dzwonek.sqlite3"
    password: SecretStr | None = None
    password_file: Path | None = None
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^(sqlite\+aiosqlite|postgresql\+asyncpg)://", value):
            raise ValueError(
                "expected sqlite+aiosqlite:///path/to/file.sqlite3 or "
                "postgresql+asyncpg://user@host:5432/database"
            )
        return value


class CryptoConfig(_Section):
    keyring_file: Path = Path("data/keyring.json")
    keyring: SecretStr | None = None


class LibrusConfig(_Section):
    connect_to: str | None = None
    ca_file: Path | None = None
    requests_per_second: float = Field(default=5.0, gt=0, le=10_000)
    max_concurrency: int = Field(default=4, ge=1, le=64)
    request_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    reference_ttl_hours: float = Field(default=24.0, gt=0, le=24 * 7)
    reference_full_ttl_hours: float = Field(default=24.0 * 7, gt=0, le=24 * 31)
    messages_session_renew_minutes: float = Field(default=50.0, gt=0, le=24 * 60)
    max_clients: int = Field(default=256, ge=8, le=1_000_000)
    # Password logins per hour from one process (polls beyond it wait for a slot).
    password_logins_per_hour: int = Field(default=100, ge=1, le=1_000_000)

    @field_validator("connect_to")
    @classmethod
    def _host_port(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not _HOST_PORT.fullmatch(value):
            raise ValueError("expected host:port, e.g. 127.0.0.1:8443")
        return value


class PollingConfig(_Section):
    tick_seconds: float = Field(default=2.0, gt=0)
    claim_batch: int = Field(default=10, ge=1, le=500)
    concurrency: int = Field(default=8, ge=1, le=256)
    lease_seconds: int = Field(default=300, ge=30)
    school_day_start: str = "07:00"
    school_day_end: str = "17:00"
    evening_end: str = "22:00"
    urgent_school_minutes: float = Field(default=10, gt=0)
    urgent_evening_minutes: float = Field(default=30, gt=0)
    urgent_quiet_minutes: float = Field(default=180, gt=0)
    urgent_night_minutes: float = Field(default=360, gt=0)
    other_day_minutes: float = Field(default=60, gt=0)
    other_quiet_minutes: float = Field(default=480, gt=0)
    # The night's one poll falls in this last stretch before school_day_start.
    dawn_minutes: float = Field(default=30, gt=0, le=120)
    # Per-kind intervals by day for the non-urgent kinds, overriding other_day_minutes.
    day_minutes: dict[str, float] = Field(
        default_factory=lambda: {
            "agenda": 30.0,
            "homework": 30.0,
            "lucky_number": 180.0,
            "topics": 180.0,
            "excuses": 360.0,
            "teacher_absences": 180.0,
            "behaviour": 720.0,
        }
    )
    # Per-kind intervals outside school hours for the non-urgent kinds, overriding
    # other_quiet_minutes (lesson topics and e-excuses once a day on days off).
    quiet_minutes: dict[str, float] = Field(
        default_factory=lambda: {"topics": 1440.0, "excuses": 1440.0}
    )
    jitter_fraction: float = Field(default=0.1, ge=0, le=0.5)
    backoff_base_seconds: float = Field(default=60, gt=0)
    backoff_max_seconds: float = Field(default=3600, gt=0)
    module_recheck_hours: float = Field(default=24, gt=0)

    _times = field_validator("school_day_start", "school_day_end", "evening_end")(_check_hhmm)

    @field_validator("day_minutes", "quiet_minutes")
    @classmethod
    def _kinds(cls, value: dict[str, float]) -> dict[str, float]:
        known = (
            "timetable",
            "agenda",
            "announcements",
            "homework",
            "notes",
            "lucky_number",
            "topics",
            "excuses",
            "teacher_absences",
            "behaviour",
        )
        for kind, minutes in value.items():
            if kind not in known:
                raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(known)}")
            if minutes <= 0:
                raise ValueError(f"{kind}: expected a positive number of minutes")
        return value


class SenderConfig(_Section):
    messages_per_second: float = Field(default=30.0, gt=0, le=1000)
    per_chat_interval_seconds: float = Field(default=1.0, ge=0)
    group_messages_per_minute: int = Field(default=20, ge=1)
    tick_seconds: float = Field(default=1.0, gt=0)
    give_up_after_hours: float = Field(default=24.0, ge=1, le=24 * 14)


class NotificationsConfig(_Section):
    timezone: str = "Europe/Warsaw"
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "07:00"
    evening_brief_time: str = "19:00"
    weekly_summary_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "fri"
    weekly_summary_time: str = "16:00"
    timeline_days: int = Field(default=7, ge=1, le=60)
    retention_days: int = Field(default=30, ge=7)

    _times = field_validator(
        "quiet_hours_start", "quiet_hours_end", "evening_brief_time", "weekly_summary_time"
    )(_check_hhmm)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError("expected an IANA time zone such as Europe/Warsaw") from err
        return value


class HealthConfig(_Section):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)


class CalendarConfig(_Section):
    """The subscribed calendar feed: its own listener, meant to sit behind the
    operator's TLS proxy (docs/operations.md); links are `public_url` + /calendar/…"""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=8090, ge=0, le=65535)
    # The address parents' calendars reach (https://dzwonek.example.pl); a link is
    # given only when it is set.
    public_url: str = ""
    # Requests one link may make in an hour (calendar apps poll every 15 min to a day).
    requests_per_hour: int = Field(default=60, ge=1, le=3600)

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("expected an http(s):// address")
        return value

    @property
    def serving(self) -> bool:
        return self.enabled and bool(self.public_url)


class DownloadsConfig(_Section):
    """Attachments sent into the chat when a parent presses '📎 <file>'."""

    enabled: bool = True
    # After one child's download ends, before that child's next one may start.
    cooldown_seconds: float = Field(default=20.0, ge=0, le=3600)
    # Downloads one child's account may make in an hour (each is a few Librus requests).
    per_hour: int = Field(default=20, ge=1, le=1000)
    # Telegram's limit for files a bot sends (50 MB on the public Bot API; a local Bot
    # API server accepts up to 2000 MB).
    max_mb: int = Field(default=50, ge=1, le=2000)
    # How often the 'Pobieram… 40 s' message is brought up to date.
    progress_seconds: float = Field(default=10.0, gt=0, le=120)


class RepliesConfig(_Section):
    """Replies to teachers, typed in the bot and sent from the child's Synergia account."""

    enabled: bool = True
    # Replies one child's account may send in a day (Warsaw time), sent or in doubt.
    per_day: int = Field(default=5, ge=1, le=100)


class AdminConfig(_Section):
    # Telegram user ids that get /admin in their private chat.
    user_ids: list[int] = Field(default_factory=list)


class LoggingConfig(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["kv", "json"] = "kv"

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class DemoConfig(_Section):
    students: int = Field(default=4, ge=1, le=500)
    seed: int = 2026


class Settings(_Section):
    telegram: TelegramConfig = TelegramConfig()
    database: DatabaseConfig = DatabaseConfig()
    crypto: CryptoConfig = CryptoConfig()
    librus: LibrusConfig = LibrusConfig()
    polling: PollingConfig = PollingConfig()
    sender: SenderConfig = SenderConfig()
    notifications: NotificationsConfig = NotificationsConfig()
    logging: LoggingConfig = LoggingConfig()
    health: HealthConfig = HealthConfig()
    calendar: CalendarConfig = CalendarConfig()
    downloads: DownloadsConfig = DownloadsConfig()
    replies: RepliesConfig = RepliesConfig()
    admin: AdminConfig = AdminConfig()
    demo: DemoConfig = DemoConfig()

    @property
    def bot_token(self) -> str | None:
        return self.telegram.token.get_secret_value() if self.telegram.token else None

    @property
    def database_password(self) -> str | None:
        return self.database.password.get_secret_value() if self.database.password else None


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    source: str  # where the file came from, for messages
    origins: Mapping[str, str]  # "section.key" -> "file" | "DZWONEK_…"


_SECRET_FILES = {
    ("telegram", "token_file"): "token",
    ("telegram", "webhook_secret_file"): "webhook_secret",
    ("database", "password_file"): "password",
}


def _env_overrides(environ: Mapping[str, str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    origins: dict[str, str] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX) :].lower().partition("__")
        if not section or not key:
            continue
        sections.setdefault(section, {})[key] = value
        origins[f"{section}.{key}"] = name
    return sections, origins


def _read_secret_file(path: Path, key: str) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as err:
        raise ConfigError(
            f"Configuration error: {key}: cannot read {path} ({err.strerror or err}); "
            "expected a readable file holding the secret."
        ) from err


def _describe(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _read_file(config_path: Path, explicit: bool) -> tuple[dict[str, Any], dict[str, str], str]:
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"Configuration error: the config file {config_path} does not exist.")
        return {}, {}, "defaults"
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"Configuration error: {config_path} is not valid TOML: {err}") from err
    except OSError as err:
        raise ConfigError(f"Configuration error: cannot read {config_path}: {err}") from err
    origins = {
        f"{section}.{key}": str(config_path)
        for section, values in raw.items()
        if isinstance(values, dict)
        for key in values
    }
    return raw, origins, str(config_path)


def _resolve_secret_files(raw: dict[str, Any]) -> None:
    for (section, file_key), secret_key in _SECRET_FILES.items():
        values = raw.get(section)
        if not isinstance(values, dict) or not values.get(file_key):
            continue
        if values.get(secret_key):
            raise ConfigError(
                f"Configuration error: {section}.{secret_key} and {section}.{file_key} "
                "are both set; keep one of them."
            )
        values[secret_key] = _read_secret_file(Path(str(values[file_key])), f"{section}.{file_key}")


def _explain(err: ValidationError, origins: Mapping[str, str]) -> ConfigError:
    problems = []
    for error in err.errors():
        key = _describe(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown setting (see config.example.toml for the valid ones)"
        got = error.get("input")
        secret = "token" in key or "password" in key or "keyring" in key
        shown = "" if isinstance(got, dict) or secret else f" (got {got!r})"
        where = origins.get(key)
        suffix = f" [from {where}]" if where else ""
        problems.append(f"  {key}: {message}{shown}{suffix}")
    return ConfigError("Configuration error:\n" + "\n".join(problems))


def load_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> LoadedSettings:
    """Read, merge and validate. Raises `ConfigError` with an operator-friendly message."""
    environ = os.environ if environ is None else environ
    explicit = path is not None or ENV_CONFIG_FILE in environ
    config_path = path or Path(environ.get(ENV_CONFIG_FILE, DEFAULT_CONFIG_FILE))
    raw, origins, source = _read_file(config_path, explicit)
    env_sections, env_origins = _env_overrides(environ)
    for section, values in env_sections.items():
        target = raw.setdefault(section, {})
        if not isinstance(target, dict):
            raise ConfigError(f"Configuration error: [{section}] must be a table.")
        target.update(values)
    origins.update(env_origins)
    _resolve_secret_files(raw)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as err:
        raise _explain(err, origins) from None
    return LoadedSettings(settings=settings, source=source, origins=origins)


def secret_values(settings: Settings) -> list[str]:
    """Values the log redaction must never let through."""
    values = [settings.bot_token, settings.database_password]
    if settings.telegram.webhook_secret:
        values.append(settings.telegram.webhook_secret.get_secret_value())
    if settings.crypto.keyring:
        values.append(settings.crypto.keyring.get_secret_value())
    return [v for v in values if v]
