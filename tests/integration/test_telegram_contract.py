"""The fake Bot API's method table agrees with the official Bot API spec."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simulator.telegram.schema import METHODS
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(
        shared_path("telegram", "botapi-spec-api.json").read_text(encoding="utf-8")
    )
    return spec


@pytest.mark.parametrize("method", sorted(METHODS))
def test_method_exists_with_these_parameters(spec: dict[str, Any], method: str) -> None:
    official = spec["methods"].get(method)
    assert official is not None, f"{method} is not a Bot API method"
    fields = {f["name"]: f for f in official.get("fields", [])}
    for name, param in METHODS[method].items():
        assert name in fields, f"{method}.{name} is not in the official spec"
        assert tuple(fields[name]["types"]) == param.types, (method, name, fields[name]["types"])
        assert fields[name]["required"] == param.required, (method, name)
    required = {n for n, f in fields.items() if f["required"]}
    assert required <= set(METHODS[method]), (
        f"{method} lacks required {required - set(METHODS[method])}"
    )


def test_spec_version_is_recent(spec: dict[str, Any]) -> None:
    major = int(str(spec["version"]).split()[-1].split(".")[0])
    assert major >= 9
