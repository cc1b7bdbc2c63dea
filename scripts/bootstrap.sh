#!/usr/bin/env bash
# Sourced by ./run and ./test: finds a Python 3.12+ interpreter, creates .venv
# and installs the locked dependencies into it, once per change of the lock files.
set -euo pipefail

DZWONEK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${DZWONEK_VENV:-$DZWONEK_ROOT/.venv}"

_is_py312() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
    local candidate
    for candidate in "${DZWONEK_PYTHON:-}" python3.13 python3.12 python3.14 python3 python; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 && _is_py312 "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    # pyenv installs that are not the active version (python3 may be older here).
    local root="${PYENV_ROOT:-$HOME/.pyenv}"
    for candidate in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
        if _is_py312 "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_venv() {
    local lock="$1"
    if [ ! -x "$VENV/bin/python" ] || ! _is_py312 "$VENV/bin/python"; then
        local python
        if ! python="$(find_python)"; then
            echo "Dzwonek needs Python 3.12 or newer; none was found." >&2
            echo "Install one, or point DZWONEK_PYTHON at it." >&2
            exit 2
        fi
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
    local stamp
    stamp="$(cat "$DZWONEK_ROOT/$lock" "$DZWONEK_ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$VENV/.dzwonek-stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "Installing dependencies from $lock into $VENV ..." >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            --require-hashes -r "$DZWONEK_ROOT/$lock"
        # The project itself, editable (its build chatter goes to a log unless it fails).
        if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            --no-deps --no-build-isolation -e "$DZWONEK_ROOT" >"$VENV/install.log" 2>&1; then
            cat "$VENV/install.log" >&2
            exit 1
        fi
        echo "$stamp" > "$VENV/.dzwonek-stamp"
    fi
}
