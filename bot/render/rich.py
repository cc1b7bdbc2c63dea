"""Rich messages (Bot API 10.1 sendRichMessage): real tables where the data is a table.

The HTML texts stay the source of the words: `rich_text` turns the few tags the
renderers use (b, i, u, s, code, a) into RichText, so a cell says exactly what the
HTML line says. A rich message is always sent with its HTML text ready as the
fallback (bot/rich_send.py): a server or an app without rich messages gets the same
answer as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser

from aiogram.types import (
    InputRichBlockFooter,
    InputRichBlockParagraph,
    InputRichBlockSectionHeading,
    InputRichBlockTable,
    InputRichMessage,
    RichBlockTableCell,
    RichTextBold,
    RichTextCode,
    RichTextItalic,
    RichTextStrikethrough,
    RichTextUnderline,
    RichTextUnion,
    RichTextUrl,
)

Block = (
    InputRichBlockParagraph
    | InputRichBlockSectionHeading
    | InputRichBlockTable
    | InputRichBlockFooter
)
Node = (
    str
    | RichTextBold
    | RichTextItalic
    | RichTextUnderline
    | RichTextStrikethrough
    | RichTextCode
    | RichTextUrl
)

_STYLES = {
    "b": RichTextBold,
    "strong": RichTextBold,
    "i": RichTextItalic,
    "em": RichTextItalic,
    "u": RichTextUnderline,
    "s": RichTextStrikethrough,
    "code": RichTextCode,
}


class _Reader(HTMLParser):
    """Our own HTML (escaped text, a handful of tags) into nested RichText."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, list[RichTextUnion]]] = [("", None, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append((tag, dict(attrs).get("href"), []))

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - our HTML nests properly
        if len(self.stack) == 1:
            return
        name, href, children = self.stack.pop()
        inner: RichTextUnion = children[0] if len(children) == 1 else children
        node: RichTextUnion
        if name == "a" and href:
            node = RichTextUrl(text=inner, url=href)
        elif name in _STYLES:
            node = _STYLES[name](text=inner)
        else:
            self.stack[-1][2].extend(children)
            return
        self.stack[-1][2].append(node)

    def handle_data(self, data: str) -> None:
        children = self.stack[-1][2]
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def rich_text(html: str) -> RichTextUnion:
    if "<" not in html and "&" not in html:
        return html  # plain text (most table cells): nothing to read
    reader = _Reader()
    reader.feed(html)
    reader.close()
    while len(reader.stack) > 1:  # an unclosed tag: keep its text
        reader.handle_endtag(reader.stack[-1][0])
    nodes = reader.stack[0][2]
    return nodes[0] if len(nodes) == 1 else nodes


def heading(html: str) -> InputRichBlockSectionHeading:
    return InputRichBlockSectionHeading(text=rich_text(html), size=3)


def paragraphs(html: str) -> list[InputRichBlockParagraph]:
    """One paragraph per line of text (blank lines dropped)."""
    return [InputRichBlockParagraph(text=rich_text(line)) for line in html.split("\n") if line]


def footer(html: str) -> InputRichBlockFooter:
    return InputRichBlockFooter(text=rich_text(html))


def cell(html: str, *, header: bool = False, align: str = "left") -> RichBlockTableCell:
    """One cell, built without pydantic's validation (`model_construct`): a year's
    grades table has about 80 of them, and validating each cost a third of /oceny's
    time. What goes in is ours and typed; the contract test checks what comes out."""
    return RichBlockTableCell.model_construct(
        text=rich_text(html) if html else None, is_header=header or None, align=align, valign="top"
    )


def table(
    head: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: frozenset[int] = frozenset()
) -> InputRichBlockTable:
    """A compact, striped table: `head` the header row, `numeric` the columns aligned
    right."""
    width = len(head)
    assert all(len(row) == width for row in rows), "every row as wide as the header"
    cells = [[cell(h, header=True) for h in head]]
    cells += [
        [cell(v, align="right" if n in numeric else "left") for n, v in enumerate(row)]
        for row in rows
    ]
    return InputRichBlockTable(cells=cells, is_striped=True, is_compact=True)


def message(blocks: Sequence[Block]) -> InputRichMessage:
    return InputRichMessage(blocks=list(blocks))
