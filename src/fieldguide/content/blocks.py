"""Content blocks: Markdown directives that place data items on a page.

An author places an item, written once in ``data/``, anywhere with a block::

    /// phrase | FL-004
    ///

    /// phrases
        topic: cost
    ///

A block is a header line ``/// TYPE`` or ``/// TYPE | ARGUMENT``, optional option lines
indented by four spaces (``key: value``), and a closing ``///``. Each kind of item
declares its block types with their argument and options (:class:`BlockType`, in the
kind's module under :mod:`fieldguide.content.items`); :func:`expand` replaces each block
with the Markdown and HTML its renderer returns. An unknown type, a missing argument, an
unknown or malformed option, an unknown id, an unclosed block, or an id placed twice on
one page raises :class:`BlockError` naming the file and the line.

The containers of ``pymdownx.blocks`` (``/// tab | Title``, ``/// details | Summary``)
share the syntax and are left for Markdown to handle; a block placed inside one of them
(unindented, between its header and its closing ``///``) is expanded as anywhere else.
Which containers there are comes from the site's configuration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldguide.content import kinds
from fieldguide.content.text import outside_fences

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

HEADER = re.compile(r"^///\s*(?P<type>[A-Za-z][\w-]*)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
CLOSE = re.compile(r"^///\s*$")
OPTION = re.compile(r"^ {4}(?P<key>[a-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")

#: The containers pymdownx.blocks provides when no configuration says otherwise.
CONTAINERS = frozenset({"tab", "details"})


class BlockError(Exception):
    """A content block is malformed; the message names the file and line."""


@dataclass
class Block:
    type: str
    arg: str | None
    options: dict[str, Any]
    line: int  # 1-based, in the page source


# --- options, declared once with their type ------------------------------------------


@dataclass(frozen=True)
class Option:
    """One option of a block type: how its text is read, and its default."""

    read: Callable[[str, Catalog], Any]
    default: Any = None
    help: str = ""


def level(default: int) -> Option:
    """A heading level from 1 to 6."""

    def read(text: str, cat: Catalog) -> int:
        if not text.isdigit() or not 1 <= int(text) <= 6:
            raise ValueError(f"level must be a whole number from 1 to 6, not {text!r}")
        return int(text)

    return Option(read, default, "heading level, 1 to 6")


def flag() -> Option:
    def read(text: str, cat: Catalog) -> bool:
        if text != "true":
            raise ValueError(f"this option takes only `true`, not {text!r}")
        return True

    return Option(read, False, "true")


def choice(values: Callable[[Catalog], Iterable[str]], what: str) -> Option:
    def read(text: str, cat: Catalog) -> str:
        known = sorted(values(cat))
        if text not in known:
            raise ValueError(f"unknown {what} {text!r}; known: {', '.join(known)}")
        return text

    return Option(read, None, what)


def item(plural: str, what: str) -> Option:
    """The id of one item of a kind: ``card: rag``."""
    return choice(lambda cat: cat.items[plural], what)


def items(plural: str, what: str) -> Option:
    """A comma-separated list of ids of one kind: ``only: knowledge, latency``."""

    def read(text: str, cat: Catalog) -> list[str]:
        wanted = [v.strip() for v in text.split(",") if v.strip()]
        for key in wanted:
            if key not in cat.items[plural]:
                raise ValueError(f"unknown {what} {key!r}; known: {', '.join(sorted(cat.items[plural]))}")
        return wanted

    return Option(read, [], f"{what} ids, separated by commas")


@dataclass(frozen=True)
class BlockType:
    """A block type: its renderer, whether it takes an argument (an id), and its options.

    ``render(catalog, block)`` returns ``(markdown, ids placed)``. With ``arg`` set to a
    kind's plural (``"phrases"``), the argument must be an id of that kind and the renderer
    receives the item as ``block.arg``'s value in ``block.options["item"]``.
    """

    render: Callable[[Catalog, Block], tuple[str, list[str]]]
    arg: str | None = None
    options: dict[str, Option] = field(default_factory=dict)
    help: str = ""


def parse(markdown: str, file: str, line_offset: int = 0, containers: Iterable[str] = CONTAINERS
          ) -> list[tuple[int, int, Block]]:
    """Find every block in a page: ``(first line index, last line index, block)``.

    ``line_offset`` is the number of source lines before ``markdown`` (the front matter),
    so messages give the line as the author sees it in the file.
    """
    known_types = kinds.block_types()
    containers = frozenset(containers)
    lines = markdown.split("\n")
    found: list[tuple[int, int, Block]] = []
    visible = dict(outside_fences(lines))
    i = 0
    while i < len(lines):
        match = HEADER.match(lines[i]) if i in visible else None
        if not match:
            i += 1
            continue
        start = i
        btype = match.group("type")
        if btype in containers:
            i += 1  # its options and closing line are Markdown's; blocks inside it are ours
            continue
        if btype not in known_types:
            known = ", ".join(sorted({*known_types, *containers}))
            raise BlockError(f"{file}:{i + 1 + line_offset}: unknown block type {btype!r}; use one of: {known}")
        block = Block(btype, (match.group("arg") or "").strip() or None, {}, i + 1 + line_offset)
        i += 1
        while i < len(lines) and not CLOSE.match(lines[i]):
            opt = OPTION.match(lines[i])
            if opt:
                block.options[opt.group("key")] = opt.group("value")
            elif lines[i].strip():
                raise BlockError(
                    f"{file}:{i + 1 + line_offset}: a {btype!r} block takes only indented `key: value` options, then a "
                    f"closing `///` (the block opened at line {block.line}); its content comes from data/"
                )
            i += 1
        if i >= len(lines):
            raise BlockError(f"{file}:{block.line}: the {btype!r} block is never closed; add a line `///` after it")
        found.append((start, i, block))
        i += 1
    return found


class _Usage(ValueError):
    """The block is written wrongly (its id or options), whatever its data holds."""


def _prepare(block: Block, spec: BlockType, catalog: Catalog) -> None:
    """Check the argument and read every option to its type; fill in defaults."""
    if spec.arg is not None:
        if not block.arg:
            raise _Usage(f"the {block.type!r} block needs an id: `/// {block.type} | ID`")
        table = catalog.items[spec.arg]
        if block.arg not in table:
            raise LookupError(f"unknown {kinds_name(spec.arg)} {block.arg!r}; known: {', '.join(sorted(table))}")
        block.options["item"] = table[block.arg]
    elif block.arg:
        raise _Usage(f"the {block.type!r} block takes no id; remove `| {block.arg}`")
    unknown = set(block.options) - set(spec.options) - {"item"}
    if unknown:
        allowed = ", ".join(sorted(spec.options)) or "none"
        raise _Usage(f"unknown option(s) {', '.join(sorted(unknown))} for {block.type!r}; allowed: {allowed}")
    for name, option in spec.options.items():
        block.options[name] = option.read(block.options[name], catalog) if name in block.options else option.default


def kinds_name(plural: str) -> str:
    return next((k.name for k in kinds.kinds() if k.plural == plural), plural)


@dataclass
class Placement:
    """What one expansion placed on a page: each id, with the line of the block that placed it."""

    ids: dict[str, int] = field(default_factory=dict)


def expand(markdown: str, catalog: Catalog, file: str, line_offset: int = 0,
           containers: Iterable[str] = CONTAINERS) -> tuple[str, Placement]:
    """Replace every block in a page with its rendered content.

    Returns the new Markdown and the ids placed, each with the line of its block.
    """
    types = kinds.block_types()
    lines = markdown.split("\n")
    placement = Placement()
    out: list[str] = []
    last = 0
    for start, end, block in parse(markdown, file, line_offset, containers):
        spec = types[block.type]
        where = f"{file}:{block.line}"
        try:
            _prepare(block, spec, catalog)
            text, ids = spec.render(catalog, block)
        except _Usage as exc:
            raise BlockError(f"{where}: {exc}") from exc
        except (LookupError, ValueError) as exc:
            raise BlockError(f"{where}: {block.type} block: {exc}") from exc
        for item_id in ids:
            if item_id in placement.ids:
                raise BlockError(
                    f"{where}: duplicate id {item_id!r}: it is already placed on this page by the block at line "
                    f"{placement.ids[item_id]}; place each item once per page"
                )
            placement.ids[item_id] = block.line
        out.extend(lines[last:start])
        out.extend(["", *text.split("\n"), ""])
        last = end + 1
    out.extend(lines[last:])
    return "\n".join(out), placement
