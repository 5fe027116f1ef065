"""Finding the anchors on a rendered page, once, while it is rendered.

The build needs every anchor a page publishes (each permanent ID and each heading), with
the text to cite it by, to add copy-link data, to record what the page publishes for the
registry, the short links, the search index and the PDFs. :func:`scan` finds them in the
page's HTML with a regular-expression tokenizer that jumps from one element that opens an
anchor to the next, several times faster than a full HTML parser on these pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape as html_unescape

from fieldguide.content import kinds
from fieldguide.content.text import HTML_TOKEN, VOID

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class Anchor:
    """One element with an ``id`` worth citing, found in a page's HTML."""

    id: str
    tag: str
    start: int  # offset of "<" of the start tag
    start_end: int  # offset just after its ">"
    end: int = -1  # offset of "<" of the end tag (-1: never closed)
    cite: str | None = None  # its data-fg-cite attribute
    text: list[str] = field(default_factory=list)  # all text inside
    title: list[str] = field(default_factory=list)  # text minus permalink, ID chips, citation marks
    headerlink: int = -1  # offset of "<" of its <a class="headerlink">, if a heading
    figcaption_end: int = -1  # offset of "</figcaption>", if a figure

    @property
    def heading(self) -> bool:
        return self.tag in HEADINGS

    @property
    def is_id(self) -> bool:
        return kinds.is_id(self.id)

    def plain_text(self) -> str:
        return " ".join("".join(self.text).split())

    def plain_title(self) -> str:
        title = " ".join("".join(self.title).split())
        return re.sub(rf"^{re.escape(self.id)}\s*·\s*", "", title)


@cache
def _interesting() -> re.Pattern[str]:
    """A start tag that opens an anchor (a heading with an id, or a permanent ID) or an ID chip;
    comments and raw text (script, style) are matched only to be stepped over."""
    return re.compile(
        r"""(?P<skip><!--.*?-->|<(script|style)\b.*?</\2\s*>)"""
        r"""|<(?:h[1-6]\b[^>]*\sid\s*=|[a-zA-Z][^\s/>]*\b[^>]*\sid\s*=\s*["']?(?:"""
        + kinds.id_pattern()
        + r""")|[a-zA-Z][^\s/>]*\b[^>]*\sclass\s*=\s*["']?[^"'>]*\bfg-id\b)""",
        re.I | re.S,
    )


_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attrs(text: str) -> dict[str, str]:
    if "=" not in text:
        return {}
    return {m.group(1).lower(): html_unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(text)}


class _Scanner:
    """Collects anchors with their offsets; leaves the HTML untouched."""

    def __init__(self) -> None:
        # One frame per open element: (tag, anchor it opened, its text is not title text, it is an ID chip)
        self.stack: list[tuple[str, Anchor | None, bool, bool]] = []
        self.open: list[Anchor] = []
        self.found: list[Anchor] = []
        self.chips: set[str] = set()
        self.chip_text: list[str] = []
        self.hidden = 0  # open frames whose text is not title text
        self.in_chip = 0  # open ID chips

    def feed(self, html: str) -> None:
        # Outside any element that matters, jump to the next start tag that opens an anchor
        # or an ID chip; tokenize from there until that element is closed again.
        pos, size = 0, len(html)
        while pos < size:
            jump = _interesting().search(html, pos)
            if not jump:
                return
            if jump.group("skip"):
                pos = jump.end()
                continue
            for token in HTML_TOKEN.finditer(html, jump.start()):
                self._token(html, token)
                if not self.stack:
                    pos = token.end()
                    break
            else:
                return

    def _token(self, html: str, token: re.Match) -> None:
        kind = token.lastgroup
        if kind == "text":
            if self.open or self.in_chip:
                self.data(html_unescape(token.group("text")))
        elif kind == "end":
            self.end(token.group("end").lower(), token.start())
        elif kind == "attrs":
            tag = token.group("start").lower()
            self.start(tag, token.group("attrs"), token.start(), token.end())
            if token.group("attrs").rstrip().endswith("/") and tag not in VOID:
                self.end(tag, token.end())
        elif kind == "rawtext":
            tag = token.group("raw").lower()
            self.start(tag, token.group("rawattrs"), token.start(), token.start("rawtext"))
            if self.open or self.in_chip:
                self.data(token.group("rawtext"))
            self.end(tag, token.end("rawtext"))
        elif token.group(0) == "<" and (self.open or self.in_chip):
            self.data("<")

    def start(self, tag: str, attr_text: str, start: int, start_end: int) -> None:
        if tag in VOID:
            return
        a = _attrs(attr_text)
        classes = (a.get("class") or "").split()
        anchor = None
        ident = a.get("id")
        if ident and (tag in HEADINGS or kinds.is_id(ident)):
            anchor = Anchor(ident, tag, start, start_end, cite=a.get("data-fg-cite"))
            self.found.append(anchor)
            self.open.append(anchor)
        headerlink = tag == "a" and "headerlink" in classes
        if headerlink and self.open and self.open[-1].heading:
            self.open[-1].headerlink = start
        chip = "fg-id" in classes
        if chip:
            self.chip_text = []
            self.in_chip += 1
        hides = headerlink or chip or "fg-copy" in classes or "fg-cite" in classes
        self.hidden += hides
        self.stack.append((tag, anchor, hides, chip))

    def end(self, tag: str, here: int) -> None:
        if tag in VOID:
            return
        # Close up to the matching tag (tolerates an unclosed <p> and the like).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            name, anchor, hides, chip = self.stack.pop()
            self.hidden -= hides
            if chip:
                self.in_chip -= 1
                self.chips.add("".join(self.chip_text).strip())
            if name == "figcaption":
                for a in self.open:
                    if a.tag == "figure":
                        a.figcaption_end = here
            if anchor is not None:
                anchor.end = here
                self.open.remove(anchor)

    def data(self, data: str) -> None:
        for a in self.open:
            a.text.append(data)
            if not self.hidden:
                a.title.append(data)
        if self.in_chip:
            self.chip_text.append(data)


def scan(html: str) -> tuple[list[Anchor], set[str]]:
    """Anchors on a page (IDs and headings) and the set of IDs printed as chips."""
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.found, scanner.chips
