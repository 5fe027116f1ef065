"""The discovery card: the questions that decide the approach (``DQ-<id>``).

Each question says what its answer tells the seller and which decision gate it feeds, so a
first meeting gathers what the framework needs. The card prints on one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from fieldguide.content.blocks import BlockType
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, cites, item_id, md
from fieldguide.content.schema import Slug, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line, plain
from fieldguide.economics import decision

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


class DiscoveryQuestion(Strict):
    """A question a seller asks early, what the answer tells, and the gate it feeds."""

    id: Slug
    question: Text = Field(description="What the seller asks, in plain words.")
    tells_you: Text = Field(description="What the answer means for the choice of approach.")
    gate: str = Field(description="The decision gate the answer feeds: G0 to G5.")
    listen_for: Text | None = Field(default=None, description="Words a buyer may use that carry the answer.")
    sources: list[SourceRef] = Field(default_factory=list)

    @field_validator("gate")
    @classmethod
    def _gate(cls, value: str) -> str:
        if value not in decision.GATE_BY_ID:
            raise ValueError(f"unknown gate {value!r}; use one of {', '.join(decision.GATE_BY_ID)}")
        return value


KINDS = (
    Kind(name="discovery question", plural="discovery", prefix="DQ-", pattern=r"DQ-[a-z0-9][a-z0-9-]*",
         example="DQ-how-often-it-changes", home="discovery.md", label="Discovery question",
         place="/// discovery", data="discovery.yml", model=DiscoveryQuestion, order=32),
)


def discovery(cat: Catalog) -> Rendered:
    """The whole card as one table, in the order of the gates."""
    order = list(decision.GATE_BY_ID)
    chosen = sorted(cat.discovery.values(), key=lambda q: order.index(q.gate))
    out = ['<div class="fg-table-wrap" markdown>', "",
           '<table class="fg-discovery" markdown>',
           "<thead><tr><th>Ask</th><th>What the answer tells you</th><th>Gate</th></tr></thead>",
           "<tbody markdown>"]
    for q in chosen:
        qid = f"DQ-{q.id}"
        listen = f'<br><span class="fg-listen">Listen for: {attr(one_line(q.listen_for))}</span>' if q.listen_for else ""
        gate = decision.GATE_BY_ID[q.gate]
        out.append(
            f'<tr id="{qid}" data-fg-cite="{attr(plain(q.question))}" markdown>'
            f'<td markdown="span">**{md(one_line(q.question))}**{listen}</td>'
            f'<td markdown="span">{md(one_line(q.tells_you))}{cites(q.sources)}</td>'
            f'<td markdown="span">[{q.gate}](/decide.md#{q.gate}) {md(gate.title)} {item_id(qid)}</td></tr>'
        )
    out += ["</tbody>", "</table>", "", "</div>"]
    return "\n".join(out), [f"DQ-{q.id}" for q in chosen]


BLOCKS = {
    "discovery": BlockType(lambda cat, b: discovery(cat), help="the discovery card: every question, in gate order"),
}
