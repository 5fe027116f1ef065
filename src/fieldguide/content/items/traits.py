"""Traits: the rows of the trait table, each judging every approach (``TR-<trait>``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, ValidationInfo, field_validator

from fieldguide.content.blocks import BlockType, items
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, md
from fieldguide.content.schema import Slug, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


class Trait(Strict):
    """One row of the trait table: every approach, judged on one trait."""

    id: Slug
    title: Text
    question: Text
    cells: dict[Slug, Text]
    sources: list[SourceRef] = Field(default_factory=list)

    @field_validator("cells")
    @classmethod
    def _every_card_once(cls, cells: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        cards = (info.context or {}).get("ids", {}).get("cards")
        if cards is None:
            return cells
        unknown = [c for c in cells if c not in cards]
        if unknown:
            raise ValueError(f"unknown approach {unknown[0]!r}; known: {', '.join(sorted(cards))}")
        missing = [c for c in cards if c not in cells]
        if missing:
            raise ValueError(f"no cell for approach {missing[0]!r}; every trait judges every approach")
        return cells


KINDS = (
    Kind(name="trait", plural="traits", prefix="TR-", pattern=r"TR-[a-z0-9][a-z0-9-]*", example="TR-knowledge",
         home="traits.md", label="Trait row", place="/// traits", data="traits.yml", model=Trait,
         order=20),
)


def traits(cat: Catalog, only: list[str]) -> Rendered:
    approaches = list(cat.cards.values())
    out = ['<div class="fg-table-wrap" markdown>', '<table class="fg-traits" markdown>', "<thead markdown>", "<tr markdown>"]
    out.append('<th scope="col">Trait</th>')
    out += [f'<th scope="col" markdown="span">{card_link(cat, c.id, c.short)}</th>' for c in approaches]
    out += ["</tr>", "</thead>", "<tbody markdown>"]
    ids = []
    for key in only:
        t = cat.traits[key]
        tid = f"TR-{t.id}"
        ids.append(tid)
        head = f"**{md(one_line(t.title))}** {item_id(tid)}<br>{md(one_line(t.question))}{cites(t.sources)}"
        out.append(f'<tr id="{tid}" data-fg-cite="{attr(plain(t.title))}" markdown><th scope="row" markdown="span">{head}</th>')
        out += [f'<td markdown="span">{md(one_line(t.cells[c.id]))}</td>' for c in approaches]
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out), ids


BLOCKS = {
    "traits": BlockType(lambda cat, b: traits(cat, b.options["only"] or list(cat.traits)),
                        options={"only": items("traits", "trait")},
                        help="the trait table: every row, or only the rows named"),
}
