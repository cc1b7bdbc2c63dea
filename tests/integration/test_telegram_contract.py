"""The fake Bot API's method table agrees with the official Bot API spec.

Three sources, newest last: the official spec as scraped (Bot API 10.1), aiogram's
code-generator schema (10.2: ephemeral messages), and aiogram's own method models
(10.3, what the bot actually sends). A parameter is checked against the oldest source
that has it; `NEWER_THAN_SHARED` lists those only aiogram's models know, and the test
fails when a shared spec catches up, so the list stays true.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import aiogram.methods
import aiogram.types
import pytest

from simulator.telegram import rich
from simulator.telegram.schema import METHODS
from tests.conftest import shared_path

Fields = dict[str, tuple[tuple[str, ...], bool]]

# Parameters the bot sends that neither JSON under ../shared/telegram has (Bot API 10.3).
NEWER_THAN_SHARED = {
    ("sendMessage", "ephemeral_message_parameters"),
    ("sendPhoto", "ephemeral_message_parameters"),
}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(
        shared_path("telegram", "botapi-spec-api.json").read_text(encoding="utf-8")
    )
    return spec


@pytest.fixture(scope="module")
def schema_10_2() -> dict[str, Fields]:
    """aiogram's 10.2 schema: each method's parameters and each type's fields by name
    (methods start lower-case, types upper-case)."""
    schema = json.loads(
        shared_path("telegram", "aiogram-butcher-schema-botapi-10.2.json").read_text(
            encoding="utf-8"
        )
    )
    found: dict[str, Fields] = {}
    for node in _walk(schema):
        name = node.get("name")
        if isinstance(name, str) and "annotations" in node:
            found[name] = {
                a["name"]: (tuple(a["type"].split(" or ")), bool(a.get("required")))
                for a in node["annotations"]
            }
    return found


@pytest.fixture(scope="module")
def newer(schema_10_2: dict[str, Fields]) -> dict[str, Fields]:
    return {name: fields for name, fields in schema_10_2.items() if name[:1].islower()}


@pytest.fixture(scope="module")
def types_10_2(schema_10_2: dict[str, Fields]) -> dict[str, Fields]:
    return {name: fields for name, fields in schema_10_2.items() if name[:1].isupper()}


def _official(spec: dict[str, Any], method: str) -> Fields | None:
    found = spec["methods"].get(method)
    if found is None:
        return None
    return {f["name"]: (tuple(f["types"]), f["required"]) for f in found.get("fields", [])}


def _aiogram_knows(method: str, name: str) -> bool:
    model = getattr(aiogram.methods, method[0].upper() + method[1:], None)
    return model is not None and name in model.model_fields


@pytest.mark.parametrize("method", sorted(METHODS))
def test_method_exists_with_these_parameters(
    spec: dict[str, Any], newer: dict[str, Fields], method: str
) -> None:
    official = _official(spec, method)
    later = newer.get(method)
    assert official is not None or later is not None, f"{method} is not a Bot API method"
    for name, param in METHODS[method].items():
        source = next((f for f in (official, later) if f is not None and name in f), None)
        if source is None:
            assert (method, name) in NEWER_THAN_SHARED, f"{method}.{name} is in no spec"
            assert _aiogram_knows(method, name), f"aiogram does not send {method}.{name}"
            continue
        assert (method, name) not in NEWER_THAN_SHARED, f"{method}.{name} is in a spec now"
        assert source[name] == (param.types, param.required), (method, name, source[name])
    base = official if official is not None else later
    assert base is not None
    required = {n for n, (_, needed) in base.items() if needed}
    assert required <= set(METHODS[method]), (
        f"{method} lacks required {required - set(METHODS[method])}"
    )


def test_spec_version_is_recent(spec: dict[str, Any]) -> None:
    major = int(str(spec["version"]).split()[-1].split(".")[0])
    assert major >= 9


# Rich block fields newer than the 10.2 schema (Bot API 10.3): checked against aiogram.
RICH_NEWER = {("table", "is_compact"), ("expandable_blockquote", "text")}
RICH_NEWER_BLOCKS = {"expandable_blockquote"}


def _same_kind(ours: str, theirs: tuple[str, ...]) -> bool:
    return ours == " or ".join(theirs)


@pytest.mark.parametrize("block", sorted(rich.BLOCKS))
def test_rich_blocks_are_the_specs(types_10_2: dict[str, Fields], block: str) -> None:
    name = rich.BLOCK_TYPES[block]
    model = getattr(aiogram.types, name)
    assert model.model_fields["type"].default == block, name
    official = types_10_2.get(name)
    if block in RICH_NEWER_BLOCKS:
        assert official is None, f"{name} is in the 10.2 schema now"
    for field, (kind, required) in rich.BLOCKS[block].items():
        if official is None or (block, field) in RICH_NEWER:
            assert field in model.model_fields, f"aiogram's {name} has no {field}"
            assert model.model_fields[field].is_required() == required, (name, field)
            continue
        assert field in official, f"{name}.{field} is not in the spec"
        theirs, needed = official[field]
        assert _same_kind(kind, theirs) and needed == required, (name, field, theirs)
    if official is not None:
        required_there = {f for f, (_, needed) in official.items() if needed and f != "type"}
        assert required_there <= set(rich.BLOCKS[block]), (name, required_there)


def test_rich_texts_and_cells_are_the_specs(types_10_2: dict[str, Fields]) -> None:
    for kind, spec in rich.TEXTS.items():
        official = types_10_2[rich.TEXT_TYPES[kind]]
        assert getattr(aiogram.types, rich.TEXT_TYPES[kind]).model_fields["type"].default == kind
        assert {f for f in official if f != "type"} == set(spec), kind
        assert all(official[f][1] == spec[f][1] for f in spec), kind
    cell = types_10_2["RichBlockTableCell"]
    assert set(cell) == set(rich.CELL)
    assert all(cell[f][1] == rich.CELL[f][1] for f in cell)
