"""Small helpers the build-time cost snippets share to print Markdown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fieldguide.economics.lookup import date_text, prices_as_of
from fieldguide.economics.prices import ModelPrice


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A Markdown table; columns whose index is in ``right`` are right-aligned (numbers)."""
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|")
    for row in rows:
        cells = [str(c).replace("|", "\\|") for c in row]
        if len(cells) != len(headers):
            raise ValueError(f"row has {len(cells)} cells, the table has {len(headers)} columns: {row!r}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def inputs_line(items: dict[str, str]) -> str:
    """The inputs a table was computed from, as one line above it."""
    return "**Inputs:** " + "; ".join(f"{k} {v}" for k, v in items.items()) + "."


def as_of_line(models: list[ModelPrice], extra: str = "") -> str:
    """The as-of date of the prices a table used, and whose prices they are."""
    vendors = sorted({m.vendor for m in models})
    text = f"List prices ({', '.join(vendors)}) as of {date_text(prices_as_of(models))}; a month is 30 days."
    return f"{text} {extra}".strip()


def cites(ids) -> str:
    """Citations for a table cell, ``[@a]`` then ``[@b]``, joined by a word joiner (U+2060).

    Python-Markdown reads ``[@a] [@b]`` (with or without the space) as a reference-style
    link, so side-by-side citations printed by a snippet need a character between them
    that is neither text nor white space. The page's own citations are numbered before
    Markdown runs and need no such care.
    """
    return "\u2060".join(f"[@{i}]" for i in ids)
