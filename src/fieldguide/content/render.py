"""What every renderer shares: escaping, citations, links to cards, ID chips.

Renderers live with their kind of item (:mod:`fieldguide.content.items`). Each returns
``(markdown, ids)``: the text to put on the page (Markdown with embedded HTML, processed
by ``md_in_html``) and the permanent IDs it places there. All author text passes through
:func:`md`, so raw HTML in data shows as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldguide.content.text import attr, escape_html_in_markdown

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

Rendered = tuple[str, list[str]]


def md(text: str) -> str:
    """Author Markdown, with any raw HTML in it escaped."""
    return escape_html_in_markdown(text)


def cites(ids: list[str]) -> str:
    """Inline citations for a list of source ids (numbered by the page's citation pass)."""
    return "".join(f"[@{i}]" for i in ids)


def card_link(cat: Catalog, card_id: str, text: str | None = None) -> str:
    return f"[{text or cat.cards[card_id].title}](/cards/{card_id}.md)"


def join(parts: list[Rendered]) -> Rendered:
    """Concatenate rendered items, keeping every id they place."""
    return "\n\n".join(text for text, _ in parts), [i for _, ids in parts for i in ids]


def item_id(value: str) -> str:
    """The chip that prints an item's permanent ID next to it."""
    return f'<span class="fg-id" title="Permanent ID">{attr(value)}</span>'


def table(cls: str, headers: list[str], rows: list[list[str]]) -> str:
    """An HTML table whose cells hold Markdown (links, emphasis, citations), in a wrapper that
    scrolls sideways on a narrow screen; each row's first cell is its header."""
    out = ['<div class="fg-table-wrap" markdown>', f'<table class="{cls}" markdown>', "<thead markdown>", "<tr markdown>"]
    out += [f'<th scope="col" markdown="span">{h}</th>' for h in headers]
    out += ["</tr>", "</thead>", "<tbody markdown>"]
    for row in rows:
        out.append("<tr markdown>")
        out.append(f'<th scope="row" markdown="span">{row[0]}</th>')
        out += [f'<td markdown="span">{cell}</td>' for cell in row[1:]]
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)
