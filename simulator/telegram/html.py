"""Telegram's HTML parse mode, checked as strictly as Telegram documents it.

Only the supported tags, properly nested; every `<`, `>` and `&` that is not part of a
tag or an entity must be escaped; named entities are only `&lt; &gt; &amp; &quot;`
(numeric ones are all fine). The text left after parsing is what the 1-4096 length
limit applies to, counted in UTF-16 code units as Telegram counts entity offsets.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
    "tg-time",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "span": {"class"},
    "code": {"class"},
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
    "tg-time": {"unix", "format"},
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
MAX_TEXT = 4096

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:=(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")


class EntityError(ValueError):
    """Telegram's "can't parse entities" (the message says where)."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


def parse_html(text: str) -> str:
    """The plain text a message shows; raises `EntityError` like Telegram would."""
    return parse_entities(text)[0]


def parse_entities(text: str) -> tuple[str, list[dict[str, object]]]:
    """The plain text and its entities (UTF-16 offsets), as Telegram returns a message."""
    return _Parser(text).run()


def _where(data: str, pos: int) -> str:
    return f"at byte offset {len(data[:pos].encode())}"


class _Parser:
    def __init__(self, data: str) -> None:
        self.data = data
        self.out: list[str] = []
        self.open: list[tuple[str, int, dict[str, object]]] = []  # tag, offset, entity
        self.entities: list[dict[str, object]] = []
        self.offset = 0  # UTF-16 code units emitted so far

    def run(self) -> tuple[str, list[dict[str, object]]]:
        pos = 0
        while pos < len(self.data):
            char = self.data[pos]
            if char == "<":
                pos = self._tag(pos)
            elif char == "&":
                pos = self._reference(pos)
            elif char == ">":
                raise EntityError(f'Character ">" is reserved, {_where(self.data, pos)}')
            else:
                self._emit(char)
                pos += 1
        if self.open:
            raise EntityError(
                f'Can\'t find end tag corresponding to start tag "{self.open[-1][0]}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -int(str(e["length"]))))
        return "".join(self.out), self.entities

    def _emit(self, piece: str) -> None:
        self.out.append(piece)
        self.offset += utf16_len(piece)

    def _tag(self, pos: int) -> int:
        match = _TAG.match(self.data, pos)
        if match is None:
            raise EntityError(f"Unclosed start tag {_where(self.data, pos)}")
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if name not in ALLOWED_TAGS:
            raise EntityError(f'Unsupported start tag "{name}" {_where(self.data, pos)}')
        if closing:
            if not self.open or self.open[-1][0] != name:
                expected = self.open[-1][0] if self.open else name
                raise EntityError(f'Can\'t find end tag corresponding to start tag "{expected}"')
            _, start, entity = self.open.pop()
            if entity and self.offset > start:
                self.entities.append({**entity, "offset": start, "length": self.offset - start})
        else:
            found: dict[str, str] = {}
            for attr, value in _ATTR.findall(attrs):
                if attr.lower() not in ALLOWED_ATTRIBUTES.get(name, set()):
                    raise EntityError(f'Unsupported attribute "{attr}" in tag "{name}"')
                found[attr.lower()] = html.unescape(value.strip("\"'"))
            self.open.append((name, self.offset, _entity(name, found)))
        return match.end()

    def _reference(self, pos: int) -> int:
        match = _ENTITY.match(self.data, pos)
        if match is None:
            raise EntityError(f'Character "&" is reserved, {_where(self.data, pos)}')
        body = match.group(1)
        if not body.startswith("#") and body not in NAMED_ENTITIES:
            raise EntityError(f'Unsupported HTML entity "&{body};"')
        self._emit(html.unescape(match.group(0)))
        return match.end()


def _entity(name: str, attrs: dict[str, str]) -> dict[str, object]:
    """The entity a tag makes (empty for tags that make none, like a plain span)."""
    if name == "span":
        return {"type": "spoiler"} if attrs.get("class") == "tg-spoiler" else {}
    if name == "a":
        return {"type": "text_link", "url": attrs.get("href", "")}
    if name == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    kind = ENTITY_TYPES.get(name)
    return {"type": kind} if kind else {}
