"""Librus's own markup turned into plain text a parent can read.

Teachers write in an HTML editor (`<br>`, `<p>`, `<b>`, lists, entities, links that
Librus rewrites to liblink.pl). librus-synergia already flattens a message's body and
its list preview (`flatten_message_html`); announcements, homework and whatever a
future answer carries are not, a preview may be cut inside a tag, and non-breaking
spaces survive. This is the last pass before a text reaches a chat: it returns plain
text, which the caller escapes once (`esc`) like any other text from Librus. A link
keeps its address next to its words, so the parent can still tap it.
"""

from __future__ import annotations

import html
import re

_BREAK = re.compile(r"<\s*(br|/?p|/?div|/li|/tr|/h[1-6])\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(
    r"<\s*a\b[^>]*?href\s*=\s*([\"'])(.*?)\1[^>]*>(.*?)<\s*/\s*a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_DROPPED = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
# Only the tags an HTML editor writes are markup: a teacher's plain "<zeszyt>" in a
# text that was never HTML (announcements may be either: not known) stays as written.
_NAMES = (
    "a|abbr|b|big|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|pre|s|"
    "small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul"
)
_TAG = re.compile(rf"</?(?:{_NAMES})\b[^>]*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_CUT_TAG = re.compile(rf"</?(?:{_NAMES})\b[^>]*$", re.IGNORECASE)  # a preview cut in a tag
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def librus_text(raw: object) -> str:
    """Plain text of a Librus message, preview or announcement (never raises)."""
    if raw is None:
        return ""
    text = str(raw)
    if not any(p.search(text) for p in (_TAG, _CUT_TAG, _ENTITY, _DROPPED)):
        # Not markup: "&" and "<" are the teacher's own.
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()
    text = _DROPPED.sub("", text)
    text = _LINK.sub(_link, text)
    text = _BREAK.sub("\n", text)
    text = _ITEM.sub("• ", text)
    text = _CUT_TAG.sub("", _TAG.sub("", text))
    text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _link(match: re.Match[str]) -> str:
    address = html.unescape(match.group(2)).strip()
    words = _TAG.sub("", match.group(3)).strip()
    if not address.lower().startswith(("http://", "https://")):
        return words
    if not words or html.unescape(words) == address:
        return address
    return f"{words} ({address})"
