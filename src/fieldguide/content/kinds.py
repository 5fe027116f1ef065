"""Each kind of citable item, declared once, and everything derived from the declarations.

A kind of item (a phrase, a card, a trait, a source ...) is one module in
:mod:`fieldguide.content.items`. It declares a :class:`Kind` (its ID prefix and pattern,
its data file and model, its home page, what it is called in messages and in print) and
the content blocks that place it (:class:`~fieldguide.content.blocks.BlockType`). This
module finds those modules and derives from them:

* the ID scheme: :data:`ID` matches every permanent ID, :func:`kind_of` names the kind of
  one, :func:`is_id` tells IDs from plain heading anchors;
* which kinds the data owns, so an id written by hand that takes one is refused;
* each kind's home page, where its short link ``/go/<ID>/`` leads;
* the block types the build knows;
* the table of the ID scheme that ``docs/conventions.md`` shows (``/// id-scheme``).

Adding a kind of item therefore touches three files: its module under
``src/fieldguide/content/items/``, its data file under ``data/``, and a page that places
it. Nothing else enumerates the kinds.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pydantic import BaseModel

    from fieldguide.content.blocks import BlockType


@dataclass(frozen=True)
class Kind:
    """One kind of citable item.

    Attributes:
        name: The kind in the singular, as messages say it: ``"phrase"``.
        plural: The catalog attribute and the data file's top-level key: ``"phrases"``.
        prefix: What every ID of the kind starts with: ``"FL-"``, ``"G"``.
        pattern: A regular expression for a whole ID of the kind.
        example: An ID to show in tables and messages: ``"FL-012"``.
        home: The page (under ``docs/``) that holds most items of the kind: short links
            lead there.
        label: The kind's name in print and in the ID scheme: ``"Field language entry"``.
        place: How an author places one: ``"/// phrase | FL-001"``.
        owner: Who mints the IDs: ``"data"`` (a data file), ``"code"`` (the package, as
            the decision gates), or ``"page"`` (an author, on a heading: ``{#CT-...}``).
            IDs the data or the code owns may never be written by hand.
        data: The data file under ``data/``, when the data owns the items.
        model: The model of one item, when the data owns the items.
        check: Checks only the whole catalog can make (a scenario against the gates):
            yields ``(location, message)``.
        home_of: For kinds with a page per item (cards), the home of one ID.
        order: Where the kind sits in the ID scheme's table.
        cites: Whether an item that states a figure must cite a source.
    """

    name: str
    plural: str
    prefix: str
    pattern: str
    example: str
    home: str
    label: str
    place: str
    owner: Literal["data", "code", "page"] = "data"
    data: str | None = None
    model: type[BaseModel] | None = None
    check: Callable[[Any], Any] | None = None
    home_of: Callable[[str], str] | None = None
    order: int = 50
    cites: bool = True
    """Its items state facts, so one that states a figure must cite a source (a source does not)."""
    sub_ids: str = field(default="")
    """Other IDs an item places beside its own, as the scheme's table explains them."""

    @property
    def what(self) -> str:
        """``a phrase (/// phrase | FL-001)``: how messages name the kind and its block."""
        article = "an" if self.name[0] in "aeiou" else "a"
        return f"{article} {self.name} ({self.place})"


ITEMS_PACKAGE = "fieldguide.content.items"


@cache
def _modules() -> tuple[Any, ...]:
    package = importlib.import_module(ITEMS_PACKAGE)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    return tuple(importlib.import_module(f"{ITEMS_PACKAGE}.{name}") for name in names)


@cache
def kinds() -> tuple[Kind, ...]:
    """Every kind of item, in the order of the ID scheme."""
    found = [kind for module in _modules() for kind in getattr(module, "KINDS", ())]
    prefixes = [k.prefix for k in found]
    clash = sorted({p for p in prefixes if prefixes.count(p) > 1})
    if clash:
        raise RuntimeError(f"two kinds of item share the ID prefix {', '.join(clash)}; give each its own")
    return tuple(sorted(found, key=lambda k: (k.order, k.name)))


@cache
def data_kinds() -> tuple[Kind, ...]:
    """The kinds whose items live in a data file, in the order they are loaded."""
    return tuple(k for k in kinds() if k.owner == "data")


@cache
def block_types() -> dict[str, BlockType]:
    """Every content block the build knows, from the item modules."""
    out: dict[str, BlockType] = {}
    for module in _modules():
        for name, spec in getattr(module, "BLOCKS", {}).items():
            if name in out:
                raise RuntimeError(f"the block {name!r} is declared twice; block names must be unique")
            out[name] = spec
    return out


@cache
def _id_regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{k.pattern})" for k in sorted(kinds(), key=lambda k: -len(k.prefix))))


def id_pattern() -> str:
    """A regular expression matching any permanent ID (not anchored)."""
    return _id_regex().pattern


def is_id(value: str) -> bool:
    """True for a permanent ID (``FL-012``, ``TR-knowledge``, ``G3``); False for a heading anchor."""
    return _id_regex().fullmatch(value) is not None


def kind_of(value: str) -> Kind | None:
    """The kind an ID belongs to, or None for a heading anchor."""
    for kind in sorted(kinds(), key=lambda k: -len(k.prefix)):
        if re.fullmatch(kind.pattern, value):
            return kind
    return None


def home_page(value: str) -> str | None:
    """The home page (under ``docs/``) of an ID's kind: where ``/go/<ID>/`` leads."""
    kind = kind_of(value)
    if kind is None:
        return None
    return kind.home_of(value) if kind.home_of else kind.home


def owned_elsewhere(value: str) -> Kind | None:
    """The kind owning an ID that a page may not write by hand (the data's or the code's)."""
    kind = kind_of(value)
    return kind if kind and kind.owner in ("data", "code") else None


def _code(text: str) -> str:
    """Code in a Markdown table cell: a pipe in it must not end the cell, nor show a backslash."""
    import html

    return f"<code>{html.escape(text).replace('|', '&#124;')}</code>"


def scheme_table() -> str:
    """The ID scheme as a Markdown table, for ``docs/conventions.md`` (``/// id-scheme``)."""
    where = {"data": lambda k: f"`data/{k.data}`", "code": lambda k: "the package (`src/fieldguide/`)",
             "page": lambda k: "a heading on its page, written by the author"}
    rows = ["| Item | ID | Example | Lives in | Placed with | Short link leads to |", "|---|---|---|---|---|---|"]
    for k in kinds():
        ids = f"`{k.example}`" if k.example == k.prefix else f"`{k.prefix}…`"
        ids += f"; {k.sub_ids}" if k.sub_ids else ""
        home = "its own page under `docs/cards/`" if k.home_of else f"`docs/{k.home}`"
        rows.append(f"| {k.label} | {ids} | `{k.example}` | {where[k.owner](k)} | {_code(k.place)} | {home} |")
    return "\n".join(rows)


def blocks_table() -> str:
    """Every content block, what it places and its options, for ``docs/conventions.md`` (``/// block-types``)."""
    rows = ["| Block | Places | Options |", "|---|---|---|"]
    for name, spec in sorted(block_types().items()):
        header = f"/// {name} | ID" if spec.arg else f"/// {name}"
        options = ", ".join(f"`{o}` ({opt.help})" if opt.help else f"`{o}`" for o, opt in spec.options.items())
        rows.append(f"| {_code(header)} | {spec.help} | {options} |")
    return "\n".join(rows)
