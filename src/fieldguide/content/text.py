"""Small, safe text helpers shared by the renderers and the build hooks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")

#: Elements that never have an end tag (HTML Living Standard, "void elements").
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

#: One token of HTML: text, a comment, a raw-text element (script, style), an end tag, a start
#: tag, a declaration, or a stray "<". The build's pages come from Python-Markdown and
#: Material, so this covers them; it is several times faster than ``html.parser`` on them.
#: Used by :mod:`fieldguide.links.registry` and :mod:`fieldguide.content.snippets`.
HTML_TOKEN = re.compile(
    r"""(?P<text>[^<]+)
    |<!--.*?-->
    |<(?P<raw>script|style)\b(?P<rawattrs>(?:[^>"']|"[^"]*"|'[^']*')*)>(?P<rawtext>.*?)</(?P=raw)\s*>
    |</(?P<end>[a-zA-Z][^\s/>]*)\s*>
    |<(?P<start>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>
    |<[!?][^>]*>
    |<""",
    re.S | re.X | re.I,
)


def escape_html_in_markdown(text: str) -> str:
    """Neutralise raw HTML in a Markdown string, keeping Markdown formatting.

    Data files hold Markdown written by authors; a ``<script>`` in a price note must show
    as text, never run. ``<``, ``>`` and bare ``&`` are escaped outside code spans
    (inside them Markdown already shows characters literally).
    """
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_plain(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    pieces = []
    last = 0
    for match in _ENTITY.finditer(text):
        pieces.append(text[last : match.start()].replace("&", "&amp;"))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text[last:].replace("&", "&amp;"))
    return "".join(pieces).replace("<", "&lt;").replace(">", "&gt;")


def one_line(text: str) -> str:
    """Collapse a Markdown string onto one line, for table cells and headings."""
    return " ".join(text.split())


def attr(value: str) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(value, quote=True)


def plain(text: str) -> str:
    """Strip Markdown emphasis and links to plain text (for titles and attributes)."""
    text = re.sub(r"\[@[a-z0-9-]+\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return one_line(text)


def outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(index, line)`` for the lines of a Markdown page that are not inside a code fence."""
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group("fence")
                continue
            yield i, line
        elif match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence) and (
            line.strip() == match.group("fence")
        ):
            fence = None
