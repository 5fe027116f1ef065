"""The field guide's content blocks: Markdown directives that place data items on a page.

An author places an item, written once in ``data/``, anywhere with a block::

    /// phrase | FL-004
    ///

    /// phrases
        topic: cost
    ///

A block is a header line ``/// TYPE`` or ``/// TYPE | ARGUMENT``, optional option lines
indented by four spaces (``key: value``), and a closing ``///``. :func:`expand` replaces
each block with the Markdown and HTML that :mod:`fieldguide.render` produces. An unknown
type, a missing argument, an unknown option or id, an unclosed block, or an id placed
twice on one page raises :class:`BlockError` naming the file and the line.

The containers of ``pymdownx.blocks`` (``/// tab | Title`` and ``/// details | Summary``)
share the syntax and are left for Markdown to handle; a block placed inside one of them
(unindented, between its header and its closing ``///``) is expanded as anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldguide import calculator, render
from fieldguide.data import Catalog
from fieldguide.markdown_text import outside_fences

HEADER = re.compile(r"^///\s*(?P<type>[A-Za-z][\w-]*)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
CLOSE = re.compile(r"^///\s*$")
OPTION = re.compile(r"^ {4}(?P<key>[a-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


#: Block types that belong to pymdownx.blocks (containers), not to the field guide.
CONTAINERS = frozenset({"tab", "details"})


class BlockError(Exception):
    """A content block is malformed; the message names the file and line."""


@dataclass
class Block:
    type: str
    arg: str | None
    options: dict[str, str]
    line: int  # 1-based, in the page source


@dataclass
class Placement:
    """What one expansion placed on a page: the ids, with the line that placed each."""

    ids: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockType:
    render: Callable[[Catalog, Block, "Context"], tuple[str, list[str]]]
    arg: str  # "required", "none"
    options: frozenset[str] = frozenset()
    help: str = ""


@dataclass(frozen=True)
class Context:
    """Where a block is being expanded."""

    page: str  # the page's path under docs/, e.g. "cards/rag.md"


def _need(table: dict, key: str, what: str, block: Block) -> object:
    if key not in table:
        known = ", ".join(sorted(table))
        raise LookupError(f"unknown {what} {key!r}; known: {known}")
    return table[key]


def _card(cat: Catalog, b: Block, ctx: Context):
    card = _need(cat.cards, b.arg, "card", b)
    level = int(b.options.get("level", "2"))
    return render.card(cat, card, level=level)


def _card_list(cat: Catalog, b: Block, ctx: Context):
    return render.card_list(cat)


def _traits(cat: Catalog, b: Block, ctx: Context):
    only = _id_list(b.options.get("only"))
    for key in only:
        _need(cat.traits, key, "trait", b)
    return render.traits(cat, only or list(cat.traits))


def _phrase(cat: Catalog, b: Block, ctx: Context):
    return render.phrase(cat, _need(cat.phrases, b.arg, "phrase", b), level=int(b.options.get("level", "3")))


def _phrases(cat: Catalog, b: Block, ctx: Context):
    topic = b.options.get("topic")
    card = b.options.get("card")
    if card:
        _need(cat.cards, card, "card", b)
    topics = {t.value for p in cat.phrases.values() for t in p.topics}
    if topic and topic not in topics:
        raise LookupError(f"unknown topic {topic!r}; known: {', '.join(sorted(topics))}")
    pocket = b.options.get("pocket")
    if pocket not in (None, "true"):
        raise ValueError(f"pocket takes only `true` (the entries marked `pocket: true` in data/phrases.yml), not {pocket!r}")
    return render.phrases(
        cat,
        topic=topic,
        card=card,
        pocket=pocket == "true",
        compact=b.options.get("style") == "compact",
        filter_controls=b.options.get("filter") == "true",
        level=int(b.options.get("level", "3")),
    )


def _analogy(cat: Catalog, b: Block, ctx: Context):
    return render.analogy(cat, _need(cat.analogies, b.arg, "analogy", b))


def _analogies(cat: Catalog, b: Block, ctx: Context):
    return render.analogies(cat)


def _gates(cat: Catalog, b: Block, ctx: Context):
    return render.gates(level=int(b.options.get("level", "3")))


def _diagram(cat: Catalog, b: Block, ctx: Context):
    return render.decision_diagram()


def _scenario(cat: Catalog, b: Block, ctx: Context):
    return render.scenario(cat, _need(cat.scenarios, b.arg, "scenario", b), level=int(b.options.get("level", "3")))


def _scenarios(cat: Catalog, b: Block, ctx: Context):
    return render.scenarios(cat, level=int(b.options.get("level", "3")))


def _calculator(cat: Catalog, b: Block, ctx: Context):
    return calculator.render(cat.prices)


def _retiring(cat: Catalog, b: Block, ctx: Context):
    return render.retiring(cat)


def _bibliography(cat: Catalog, b: Block, ctx: Context):
    return render.bibliography(cat)


def _id_list(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


LEVEL = frozenset({"level"})

BLOCK_TYPES: dict[str, BlockType] = {
    "card": BlockType(_card, "required", LEVEL, "a whole subject card: /// card | rag"),
    "cards": BlockType(_card_list, "none", frozenset(), "a summary list of every card"),
    "traits": BlockType(_traits, "none", frozenset({"only"}), "the trait table; `only: knowledge, latency` picks rows"),
    "phrase": BlockType(_phrase, "required", LEVEL, "one field-language entry: /// phrase | FL-001"),
    "phrases": BlockType(
        _phrases,
        "none",
        frozenset({"topic", "card", "style", "filter", "level", "pocket"}),
        "field-language entries; options topic, card, style: compact, filter: true, pocket: true",
    ),
    "analogy": BlockType(_analogy, "required", frozenset(), "one analogy callout: /// analogy | own-pki"),
    "analogies": BlockType(_analogies, "none", frozenset(), "every analogy callout"),
    "gates": BlockType(_gates, "none", LEVEL, "the decision gates, as text"),
    "decision-diagram": BlockType(_diagram, "none", frozenset(), "the decision gates, as a diagram"),
    "scenario": BlockType(_scenario, "required", LEVEL, "one worked scenario: /// scenario | policy-qa"),
    "scenarios": BlockType(_scenarios, "none", LEVEL, "every worked scenario"),
    "bibliography": BlockType(_bibliography, "none", frozenset(), "the full list of sources"),
    "retiring": BlockType(_retiring, "none", frozenset(), "a warning naming models and routes retiring soon"),
    "calculator": BlockType(_calculator, "none", frozenset(), "the cost calculator (prompted against fine-tuned)"),
}


def parse(markdown: str, file: str, line_offset: int = 0) -> list[tuple[int, int, Block]]:
    """Find every block in a page: ``(first line index, last line index, block)``.

    ``line_offset`` is the number of source lines before ``markdown`` (the front matter),
    so messages give the line as the author sees it in the file.
    """
    lines = markdown.split("\n")
    found: list[tuple[int, int, Block]] = []
    visible = dict(outside_fences(lines))
    i = 0
    while i < len(lines):
        line = lines[i]
        match = HEADER.match(line) if i in visible else None
        if not match:
            i += 1
            continue
        start = i
        btype = match.group("type")
        if btype in CONTAINERS:
            i += 1  # its options and closing line are Markdown's; blocks inside it are ours
            continue
        if btype not in BLOCK_TYPES:
            known = ", ".join(sorted({*BLOCK_TYPES, *CONTAINERS}))
            raise BlockError(f"{file}:{i + 1 + line_offset}: unknown block type {btype!r}; use one of: {known}")
        block = Block(btype, (match.group("arg") or "").strip() or None, {}, i + 1 + line_offset)
        i += 1
        while i < len(lines) and not CLOSE.match(lines[i]):
            opt = OPTION.match(lines[i])
            if opt:
                block.options[opt.group("key")] = opt.group("value")
            elif lines[i].strip():
                raise BlockError(
                    f"{file}:{i + 1 + line_offset}: a {btype!r} block takes only indented `key: value` options, then a closing `///`"
                    f" (the block opened at line {block.line}); its content comes from data/"
                )
            i += 1
        if i >= len(lines):
            raise BlockError(f"{file}:{block.line}: the {btype!r} block is never closed; add a line `///` after it")
        found.append((start, i, block))
        i += 1
    return found


def expand(markdown: str, catalog: Catalog, file: str, line_offset: int = 0) -> tuple[str, Placement]:
    """Replace every block in a page with its rendered content.

    Returns the new Markdown and the ids placed, each with the line of its block.
    """
    lines = markdown.split("\n")
    placement = Placement()
    out: list[str] = []
    last = 0
    for start, end, block in parse(markdown, file, line_offset):
        spec = BLOCK_TYPES[block.type]
        where = f"{file}:{block.line}"
        if spec.arg == "required" and not block.arg:
            raise BlockError(f"{where}: the {block.type!r} block needs an id: `/// {block.type} | ID`")
        if spec.arg == "none" and block.arg:
            raise BlockError(f"{where}: the {block.type!r} block takes no id; remove `| {block.arg}`")
        unknown = set(block.options) - spec.options
        if unknown:
            allowed = ", ".join(sorted(spec.options)) or "none"
            raise BlockError(f"{where}: unknown option(s) {', '.join(sorted(unknown))} for {block.type!r}; allowed: {allowed}")
        try:
            text, ids = spec.render(catalog, block, Context(file))
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
