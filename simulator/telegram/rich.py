"""Rich messages (Bot API 10.1 sendRichMessage, blocks as 10.2 and 10.3 describe them)
checked as strictly as HTML is: every block and rich text object by its type, every
field known, required ones present, enumerations and sizes in range.

`BLOCKS`, `TEXTS` and `CELL` are the spec's tables for what the fake accepts; the
contract test compares them with aiogram's 10.2 schema in ../shared/telegram, and the
fields only 10.3 has (`is_compact`, the expandable block quotation) with aiogram's own
models. Assumed, for nobody has published the limits: the shown text of one rich
message is at most 4096 UTF-16 units, as a text message's is, and every row of a table
is as wide as its first (colspans counted).
"""

from __future__ import annotations

from typing import Any

from simulator.telegram.html import utf16_len

Spec = dict[str, tuple[str, bool]]  # field -> (kind, required)

RICH_TEXT = "RichText"
BLOCK_LIST = "Array of InputRichBlock"

BLOCKS: dict[str, Spec] = {
    "paragraph": {"text": (RICH_TEXT, True)},
    "heading": {"text": (RICH_TEXT, True), "size": ("Integer", True)},
    "footer": {"text": (RICH_TEXT, True)},
    "divider": {},
    "table": {
        "cells": ("Array of Array of RichBlockTableCell", True),
        "is_bordered": ("True", False),
        "is_striped": ("True", False),
        "caption": (RICH_TEXT, False),
        "is_compact": ("True", False),  # 10.3
    },
    "details": {
        "summary": (RICH_TEXT, True),
        "blocks": (BLOCK_LIST, True),
        "is_open": ("True", False),
    },
    "blockquote": {"blocks": (BLOCK_LIST, True), "credit": (RICH_TEXT, False)},
    "expandable_blockquote": {"text": (RICH_TEXT, True), "credit": (RICH_TEXT, False)},  # 10.3
}
# The aiogram (and spec) names of those blocks.
BLOCK_TYPES = {
    "paragraph": "InputRichBlockParagraph",
    "heading": "InputRichBlockSectionHeading",
    "footer": "InputRichBlockFooter",
    "divider": "InputRichBlockDivider",
    "table": "InputRichBlockTable",
    "details": "InputRichBlockDetails",
    "blockquote": "InputRichBlockBlockQuotation",
    "expandable_blockquote": "InputRichBlockExpandableBlockQuotation",
}
TEXTS: dict[str, Spec] = {
    name: {"text": (RICH_TEXT, True)}
    for name in ("bold", "italic", "underline", "strikethrough", "spoiler", "code", "marked")
} | {"url": {"text": (RICH_TEXT, True), "url": ("String", True)}}
TEXT_TYPES = {
    "bold": "RichTextBold",
    "italic": "RichTextItalic",
    "underline": "RichTextUnderline",
    "strikethrough": "RichTextStrikethrough",
    "spoiler": "RichTextSpoiler",
    "code": "RichTextCode",
    "marked": "RichTextMarked",
    "url": "RichTextUrl",
}
CELL: Spec = {
    "text": (RICH_TEXT, False),
    "is_header": ("True", False),
    "colspan": ("Integer", False),
    "rowspan": ("Integer", False),
    "align": ("String", True),
    "valign": ("String", True),
}
ALIGN = ("left", "center", "right")
VALIGN = ("top", "middle", "bottom")
MAX_SHOWN = 4096  # assumed, as for a text message
MAX_DEPTH = 16


class RichError(ValueError):
    """What Telegram would answer with 400 (its words assumed where unknown)."""


def check_message(rich: Any) -> str:
    """The text a reader sees (a table's cells separated by ' | '), or RichError."""
    if not isinstance(rich, dict):
        raise RichError("rich_message must be an object")
    given = [k for k in ("html", "markdown", "blocks") if rich.get(k) is not None]
    if len(given) != 1:
        raise RichError("exactly one of html, markdown or blocks must be used")
    if given[0] != "blocks":
        raise RichError(f"rich {given[0]} is not accepted by this fake; send blocks")
    unknown = set(rich) - {"blocks", "is_rtl", "skip_entity_detection", "media"}
    if unknown:
        raise RichError(f"unexpected field {sorted(unknown)[0]!r} in rich_message")
    lines = _blocks(rich["blocks"], 0)
    shown = "\n".join(lines)
    if not shown.strip():
        raise RichError("rich message is empty")
    if utf16_len(shown) > MAX_SHOWN:
        raise RichError("rich message is too long")
    return shown


def _fields(value: Any, spec: Spec, where: str) -> None:
    if not isinstance(value, dict):
        raise RichError(f"{where} must be an object")
    unknown = set(value) - set(spec) - {"type"}
    if unknown:
        raise RichError(f"unexpected field {sorted(unknown)[0]!r} in {where}")
    for name, (kind, required) in spec.items():
        if value.get(name) is None:
            if required:
                raise RichError(f"field {name!r} of {where} is required")
            continue
        item = value[name]
        if kind == "True" and item is not True:  # a flag: given only as true
            raise RichError(f"field {name!r} of {where} must be True")
        if kind == "Integer" and (not isinstance(item, int) or isinstance(item, bool)):
            raise RichError(f"field {name!r} of {where} must be an Integer")
        if kind == "String" and not isinstance(item, str):
            raise RichError(f"field {name!r} of {where} must be a String")


def _blocks(blocks: Any, depth: int) -> list[str]:
    if not isinstance(blocks, list) or not blocks:
        raise RichError("blocks must be a non-empty array")
    if depth > MAX_DEPTH:
        raise RichError("rich blocks are nested too deep")
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCKS:
            raise RichError(f"unsupported rich block type {kind!r}")
        _fields(block, BLOCKS[kind], f"block {kind}")
        if kind == "heading" and not 1 <= block["size"] <= 6:
            raise RichError("heading size must be 1-6")
        if kind == "table":
            lines += _table(block["cells"], depth)
            if block.get("caption") is not None:
                lines.append(_text(block["caption"], depth))
        elif kind in ("details", "blockquote"):
            if kind == "details":
                lines.append(_text(block["summary"], depth))
            lines += _blocks(block["blocks"], depth + 1)
        elif kind != "divider":
            lines.append(_text(block["text"], depth))
    return lines


def _table(rows: Any, depth: int) -> list[str]:
    if not isinstance(rows, list) or not rows or not all(isinstance(r, list) and r for r in rows):
        raise RichError("table cells must be a non-empty array of non-empty arrays")
    widths = set()
    lines = []
    for row in rows:
        width = 0
        shown = []
        for cell in row:
            _fields(cell, CELL, "table cell")
            if cell["align"] not in ALIGN or cell["valign"] not in VALIGN:
                raise RichError("table cell alignment is invalid")
            span = cell.get("colspan") or 1
            if span < 1 or (cell.get("rowspan") or 1) < 1:
                raise RichError("table cell span is invalid")
            width += span
            text = cell.get("text")
            shown.append(_text(text, depth) if text is not None else "")
        widths.add(width)
        lines.append(" | ".join(shown))
    if len(widths) != 1:
        raise RichError("table rows differ in width")
    return lines


def _text(value: Any, depth: int) -> str:
    """Plain text of a RichText: a String, an Array of RichText, or a typed object."""
    if depth > MAX_DEPTH:
        raise RichError("rich text is nested too deep")
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_text(v, depth + 1) for v in value)
    kind = value.get("type") if isinstance(value, dict) else None
    if kind not in TEXTS:
        raise RichError(f"unsupported rich text type {kind!r}")
    _fields(value, TEXTS[kind], f"rich text {kind}")
    return _text(value["text"], depth + 1)
