"""The `dzwonek` command (also `python -m dzwonek`): one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import ConfigError, LoadedSettings, load_settings, secret_values
from dzwonek.logs import setup_logging
from storage.crypto import KeyRing, KeyRingError, key_fingerprint, new_key, validate_key_id

log = logging.getLogger("dzwonek.cli")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2


def _settings(args: argparse.Namespace) -> LoadedSettings:
    loaded = load_settings(args.config)
    settings = loaded.settings
    setup_logging(settings.logging.level, settings.logging.format, secrets=secret_values(settings))
    return loaded


def _run_async(coro: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coro)


# ----------------------------------------------------------------------------- run / demo


def cmd_run(args: argparse.Namespace) -> int:
    loaded = _settings(args)
    if loaded.settings.bot_token is None and args.role == "all":
        _need_simulator("the demo (no Telegram token is configured)")
        from dzwonek.demo import run_demo

        demo = loaded.settings.demo
        return _run_async(run_demo(students=demo.students, seed=demo.seed))
    if loaded.settings.bot_token is None and args.role in ("bot", "sender"):
        raise ConfigError(
            "Configuration error:\n  telegram.token: no Telegram bot token is configured; "
            "expected a token from @BotFather in telegram.token, telegram.token_file or "
            "DZWONEK_TELEGRAM__TOKEN."
        )
    from dzwonek.app import run_app

    return _run_async(run_app(loaded.settings, role=args.role))


# ----------------------------------------------------------------------------- migrate


def cmd_migrate(args: argparse.Namespace) -> int:
    from dzwonek.runtime import open_database
    from storage import schema

    loaded = _settings(args)

    async def go() -> int:
        db = open_database(loaded.settings)
        try:
            before, after = await schema.upgrade(db, args.to)
        finally:
            await db.dispose()
        if before == after:
            print(f"The database schema is up to date ({after}).")
        else:
            print(f"Migrated the database schema from {before or 'empty'} to {after}.")
        return EXIT_OK

    return _run_async(go())


# ----------------------------------------------------------------------------- health


def cmd_health(args: argparse.Namespace) -> int:
    from dzwonek.preflight import open_storage

    loaded = _settings(args)
    if args.live:
        return _live_health(loaded.settings.health.host, loaded.settings.health.port)

    async def go() -> int:
        db, _ = await open_storage(loaded.settings)
        await db.dispose()
        print("ok")
        return EXIT_OK

    return _run_async(go())


def _live_health(host: str, port: int) -> int:
    """Ask the running process's /healthz (the container's HEALTHCHECK)."""
    import urllib.error
    import urllib.request

    url = f"http://{host}:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            print(response.read().decode())
            return EXIT_OK
    except urllib.error.HTTPError as err:
        print(err.read().decode(), file=sys.stderr)
    except OSError as err:
        print(f"{url} did not answer: {err}", file=sys.stderr)
    return 1


# ----------------------------------------------------------------------------- keys


def _keyring_path(args: argparse.Namespace, loaded: LoadedSettings) -> Path:
    path: Path = getattr(args, "file", None) or loaded.settings.crypto.keyring_file
    return path


def cmd_keys_generate(args: argparse.Namespace) -> int:
    loaded = _settings(args)
    path: Path = args.out or loaded.settings.crypto.keyring_file
    key_id = validate_key_id(args.id or datetime.now(UTC).strftime("k%Y%m%d%H%M%S"))
    key = new_key()
    if path.exists():
        ring = KeyRing.load(path).with_key(key_id, key, primary=args.primary)
        action = "added to"
    else:
        ring = KeyRing(keys={key_id: key}, primary=key_id)
        action = "created"
    ring.save(path)
    print(
        f"Key {key_id} (fingerprint {key_fingerprint(key)}) {action} {path}; "
        f"primary key: {ring.primary}."
    )
    if args.print:
        print(ring.to_json())
    return EXIT_OK


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    loaded = _settings(args)
    path = _keyring_path(args, loaded)
    ring = KeyRing.load(path)
    if args.primary:
        ring = ring.with_primary(args.primary)
    else:
        key_id = validate_key_id(datetime.now(UTC).strftime("k%Y%m%d%H%M%S"))
        ring = ring.with_key(key_id, new_key(), primary=True)
    ring.save(path)
    print(
        f"Primary key is now {ring.primary}. Restart the bot, then run "
        "`dzwonek keys reencrypt` to move the stored secrets to it."
    )
    return EXIT_OK


def cmd_keys_status(args: argparse.Namespace) -> int:
    from dzwonek.runtime import load_keyring, open_database
    from storage.key_rotation import key_usage

    loaded = _settings(args)
    ring = load_keyring(loaded.settings)

    async def go() -> int:
        db = open_database(loaded.settings)
        try:
            usage = await key_usage(db)
        finally:
            await db.dispose()
        print(f"Key ring: {len(ring.keys)} key(s), primary {ring.primary}.")
        for key_id in sorted(set(ring.keys) | usage.keys()):
            known = key_id in ring.keys
            counts = (
                ", ".join(
                    f"{purpose}: {n}"
                    for (k, purpose), n in sorted(usage.by_key.items())
                    if k == key_id
                )
                or "no rows"
            )
            marks = []
            if key_id == ring.primary:
                marks.append("primary")
            if known:
                marks.append(f"fingerprint {key_fingerprint(ring.keys[key_id])}")
            else:
                marks.append("NOT IN THE KEY RING")
            print(f"  {key_id} ({', '.join(marks)}): {counts}")
        if usage.malformed:
            print(f"  malformed blobs: {usage.malformed}")
        return EXIT_OK

    return _run_async(go())


def cmd_keys_reencrypt(args: argparse.Namespace) -> int:
    from dzwonek.runtime import load_keyring, open_database
    from storage.crypto import Cipher
    from storage.key_rotation import reencrypt

    loaded = _settings(args)
    cipher = Cipher(load_keyring(loaded.settings))

    async def go() -> int:
        db = open_database(loaded.settings)
        try:
            report = await reencrypt(db, cipher, batch=args.batch, dry_run=args.dry_run)
        finally:
            await db.dispose()
        verb = "would re-encrypt" if args.dry_run else "re-encrypted"
        print(
            f"Checked {report.checked} secret(s); {verb} {report.rewritten} under "
            f"{cipher.primary_key_id}; {report.changed_meanwhile} changed meanwhile "
            f"(run again); {report.failed} could not be opened."
        )
        return EXIT_FAILURE if report.failed else EXIT_OK

    return _run_async(go())


def cmd_keys_retire(args: argparse.Namespace) -> int:
    from dzwonek.runtime import open_database
    from storage.key_rotation import key_usage

    loaded = _settings(args)
    path = _keyring_path(args, loaded)
    remaining = KeyRing.load(path).without(args.key_id)  # refuses the primary or an unknown id

    async def go() -> int:
        db = open_database(loaded.settings)
        try:
            usage = await key_usage(db)
        finally:
            await db.dispose()
        in_use = usage.rows_for(args.key_id)
        if in_use:
            print(
                f"Refusing to retire {args.key_id}: {in_use} stored secret(s) still use it. "
                "Run `dzwonek keys reencrypt` first.",
                file=sys.stderr,
            )
            return EXIT_FAILURE
        remaining.save(path)
        print(f"Key {args.key_id} retired from {path}.")
        return EXIT_OK

    return _run_async(go())


def cmd_keys_verify(args: argparse.Namespace) -> int:
    from dzwonek.runtime import load_keyring, open_database
    from storage.crypto import Cipher
    from storage.key_rotation import verify

    loaded = _settings(args)
    cipher = Cipher(load_keyring(loaded.settings))

    async def go() -> int:
        db = open_database(loaded.settings)
        try:
            report = await verify(db, cipher)
        finally:
            await db.dispose()
        print(f"{report.ok} secret(s) open; {len(report.failed)} do not.")
        for account_id, purpose, reason in report.failed:
            print(f"  account {account_id} {purpose}: {reason}")
        return EXIT_FAILURE if report.failed else EXIT_OK

    return _run_async(go())


# ----------------------------------------------------------------------------- simulator


def _need_simulator(what: str) -> None:
    """The simulator runs from a checkout only (it is not installed): say so in one
    line instead of an import error."""
    if importlib.util.find_spec("simulator") is None:
        raise ConfigError(
            f"Configuration error:\n  {what} needs the simulator, which runs from a "
            "checkout of the project (./run there); this installation has none. For the "
            "real bot, configure telegram.token, telegram.token_file or "
            "DZWONEK_TELEGRAM__TOKEN."
        )


def cmd_simulator(args: argparse.Namespace) -> int:
    _need_simulator("dzwonek simulator")
    from simulator.standalone import run_standalone

    _settings(args)
    return _run_async(run_standalone(students=args.students, seed=args.seed, port=args.port))


# ----------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dzwonek",
        description="Dzwonek: Librus Synergia news for parents, in Telegram.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="configuration file (default: $DZWONEK_CONFIG or ./config.toml if present)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="run the bot",
        description="Run the bot: Telegram updates, Librus polling and notification delivery "
        "in one process. With --role, run one part only (several processes on PostgreSQL).",
    )
    run.add_argument(
        "--role",
        choices=("all", "bot", "poller", "sender"),
        default="all",
        help="which part to run (default: all)",
    )
    run.set_defaults(handler=cmd_run)

    migrate = sub.add_parser(
        "migrate",
        help="bring the database schema up to date",
        description="Apply database migrations (Alembic) up to the newest, or to --to.",
    )
    migrate.add_argument("--to", default="head", help="target revision (default: head)")
    migrate.set_defaults(handler=cmd_migrate)

    health = sub.add_parser(
        "health",
        help="check that the key ring and the database are usable (for container health checks)",
        description="Exit 0 when the key ring loads and the database answers with the current "
        "schema; exit 2 with the reason otherwise.",
    )
    health.add_argument(
        "--live",
        action="store_true",
        help="ask the running process's /healthz instead (exit 0 on 200, 1 otherwise)",
    )
    health.set_defaults(handler=cmd_health)

    keys = sub.add_parser(
        "keys",
        help="manage the encryption key ring",
        description="Manage the key ring that seals stored passwords and Librus sessions.",
    )
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    status = keys_sub.add_parser(
        "status",
        help="show keys and how many stored secrets each one seals",
        description="List the key ring's keys (ids and fingerprints, never key bytes) and the "
        "number of stored secrets sealed with each.",
    )
    status.set_defaults(handler=cmd_keys_status)
    generate = keys_sub.add_parser(
        "generate",
        help="create a key ring, or add a new key to one",
        description="Create a key ring file with one new key (mode 0600), or add a new key to "
        "an existing one. Key bytes are printed only with --print.",
    )
    generate.add_argument(
        "--out", type=Path, default=None, help="key ring file (default: crypto.keyring_file)"
    )
    generate.add_argument("--id", default=None, help="key id (default: k<UTC timestamp>)")
    generate.add_argument(
        "--primary", action="store_true", help="make the added key primary right away"
    )
    generate.add_argument("--print", action="store_true", help="also print the key ring")
    generate.set_defaults(handler=cmd_keys_generate)
    rotate = keys_sub.add_parser(
        "rotate",
        help="make a new (or the given) key primary",
        description="Add a new key and make it primary, or make --primary ID primary. New "
        "secrets are sealed with it after a restart; old keys stay for reading.",
    )
    rotate.add_argument("--primary", default=None, help="existing key id to make primary")
    rotate.add_argument(
        "--file", type=Path, default=None, help="key ring file (default: crypto.keyring_file)"
    )
    rotate.set_defaults(handler=cmd_keys_rotate)
    reenc = keys_sub.add_parser(
        "reencrypt",
        help="seal every stored secret again under the primary key",
        description="Re-encrypt stored secrets under the primary key, online, in batches, "
        "with compare-and-swap writes. Safe to interrupt and run again.",
    )
    reenc.add_argument("--batch", type=int, default=500, help="rows per transaction")
    reenc.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    reenc.set_defaults(handler=cmd_keys_reencrypt)
    retire = keys_sub.add_parser(
        "retire",
        help="remove a key no stored secret uses any more",
        description="Remove a key from the key ring. Refused while any stored secret is still "
        "sealed with it, and for the primary key.",
    )
    retire.add_argument("key_id", help="key id to remove")
    retire.add_argument(
        "--file", type=Path, default=None, help="key ring file (default: crypto.keyring_file)"
    )
    retire.set_defaults(handler=cmd_keys_retire)
    verify = keys_sub.add_parser(
        "verify",
        help="check that every stored secret opens",
        description="Decrypt every stored secret in memory and report the ones that fail.",
    )
    verify.set_defaults(handler=cmd_keys_verify)

    simulator = sub.add_parser(
        "simulator",
        help="serve a simulated Librus on 127.0.0.1 (for trying and testing)",
        description="Serve a simulated Librus Synergia (synergia, api and wiadomosci hosts over "
        "TLS) on 127.0.0.1, with a JSON control API. The first line on stdout is JSON with the "
        "addresses and the generated accounts. Ctrl-C stops it.",
    )
    simulator.add_argument("--students", type=int, default=6, help="students to generate")
    simulator.add_argument("--seed", type=int, default=2026, help="seed of the generated world")
    simulator.add_argument("--port", type=int, default=0, help="HTTPS port (default: any free)")
    simulator.set_defaults(handler=cmd_simulator)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ConfigError as err:
        print(str(err), file=sys.stderr)
        return EXIT_CONFIG
    except KeyRingError as err:
        print(f"Key ring error: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
