"""Configuration: file, environment overrides, secret files, and clear errors (exit 2)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.policies import upstream_settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghij"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load_settings(None, environ={})
    settings = loaded.settings
    assert settings.bot_token is None
    assert settings.database.url.startswith("sqlite+aiosqlite:///")
    assert settings.notifications.timezone == "Europe/Warsaw"
    assert settings.librus.requests_per_second == 5


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[librus]\nrequests_per_second = 2\n[logging]\nlevel = "debug"\n')
    loaded = load_settings(
        path,
        environ={"DZWONEK_LIBRUS__REQUESTS_PER_SECOND": "7.5", "DZWONEK_TELEGRAM__TOKEN": TOKEN},
    )
    assert loaded.settings.librus.requests_per_second == 7.5
    assert loaded.settings.logging.level == "DEBUG"
    assert loaded.settings.bot_token == TOKEN
    assert loaded.origins["librus.requests_per_second"] == "DZWONEK_LIBRUS__REQUESTS_PER_SECOND"


def test_secrets_from_files(tmp_path: Path) -> None:
    (tmp_path / "token").write_text(TOKEN + "\n")
    (tmp_path / "dbpass").write_text("s3cret\n")
    path = write(
        tmp_path,
        f'[telegram]\ntoken_file = "{tmp_path / "token"}"\n'
        f'[database]\nurl = "postgresql+asyncpg://bot@db/dzwonek"\n'
        f'password_file = "{tmp_path / "dbpass"}"\n',
    )
    settings = load_settings(path, environ={}).settings
    assert settings.bot_token == TOKEN
    assert settings.database_password == "s3cret"
    assert "s3cret" not in repr(settings) and TOKEN not in repr(settings)


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ('[librus]\nrequests_per_second = "fast"\n', {}, "librus.requests_per_second"),
        ("[polling]\nschool_day_start = '7am'\n", {}, "HH:MM"),
        ('[database]\nurl = "mysql://x"\n', {}, "sqlite+aiosqlite"),
        ('[telegram]\ntoken = "nonsense"\n', {}, "telegram.token"),
        ("[telegram]\nfavourite_colour = 1\n", {}, "unknown setting"),
        (
            "",
            {"DZWONEK_NOTIFICATIONS__TIMEZONE": "Mars/Olympus"},
            "DZWONEK_NOTIFICATIONS__TIMEZONE",
        ),
        ("", {"DZWONEK_LIBRUS__CONNECT_TO": "localhost"}, "host:port"),
        ("[telegram\n", {}, "not valid TOML"),
        ('[telegram]\ntoken_file = "/nonexistent/token"\n', {}, "cannot read"),
    ],
)
def test_bad_values_name_the_key(
    tmp_path: Path, text: str, env: dict[str, str], expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ=env)
    assert expected in str(caught.value)


def test_bad_token_is_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "leaky-token-value"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert "leaky-token-value" not in str(caught.value)


def test_example_config_documents_every_key() -> None:
    example = tomllib.loads((ROOT / "config.example.toml").read_text(encoding="utf-8"))
    for section_name, field in Settings.model_fields.items():
        section_model = field.annotation
        assert section_name in example, f"[{section_name}] missing from config.example.toml"
        documented = set(example[section_name])
        expected = set(section_model.model_fields)  # type: ignore[union-attr]
        assert documented == expected, f"[{section_name}] differs: {documented ^ expected}"
    # The example itself is valid configuration.
    Settings.model_validate(
        {s: {k: v for k, v in vals.items() if v != ""} for s, vals in example.items()}
    )


@pytest.mark.parametrize(
    "args",
    [["migrate"], ["keys", "status"], ["run"]],
)
def test_cli_exits_2_with_one_clear_message(tmp_path: Path, args: list[str]) -> None:
    path = write(tmp_path, "[librus]\nmax_concurrency = 0\n")
    result = subprocess.run(
        [sys.executable, "-m", "dzwonek", "--config", str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert "librus.max_concurrency" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_keyring_says_how_to_create_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'[crypto]\nkeyring_file = "{tmp_path / "ring.json"}"\n'
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite3"}"\n',
    )
    result = subprocess.run(
        [sys.executable, "-m", "dzwonek", "--config", str(path), "keys", "status"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert "dzwonek keys generate --out" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_a_token_names_the_setting(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    result = subprocess.run(
        [sys.executable, "-m", "dzwonek", "--config", str(path), "run", "--role", "bot"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "telegram.token" in result.stderr and "Traceback" not in result.stderr


def test_librus_politeness_settings_reach_the_upstream(tmp_path: Path) -> None:
    """The client cache and the messages-session renewal are what keep a poll's
    requests few; a setting that stopped at the config would silently cost Librus."""
    path = write(tmp_path, "[librus]\nmax_clients = 4000\nmessages_session_renew_minutes = 40\n")
    upstream = upstream_settings(load_settings(path, environ={}).settings)
    assert upstream.max_clients == 4000
    assert upstream.messages_renew_after == timedelta(minutes=40)
    with pytest.raises(ConfigError):
        load_settings(write(tmp_path, "[librus]\nmax_clients = 0\n"), environ={})


def test_an_install_has_no_simulator_and_says_where_the_demo_runs(tmp_path: Path) -> None:
    """The simulator is not installed (it runs from a checkout): outside one, the demo
    and `dzwonek simulator` say so in one line instead of failing on an import."""
    path = write(tmp_path, "")
    for args in (["run"], ["simulator"]):
        result = subprocess.run(
            [sys.executable, "-m", "dzwonek", "--config", str(path), *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            check=False,
            env={"PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 2, (args, result.stderr)
        assert "needs the simulator" in result.stderr and "./run" in result.stderr
        assert "Traceback" not in result.stderr
