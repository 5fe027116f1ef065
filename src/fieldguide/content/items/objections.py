"""Buyer says: what a buyer says across the table, what to answer, and the proof (``BS-<nnn>``).

The field language (``FL-``) corrects the seller's own words; these entries answer the
buyer's. Each has a one-line answer of at most 25 words, an optional follow-up, and a proof
that cites a source (and may quote a figure the cost model computes).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from fieldguide.content.blocks import BlockType, level
from fieldguide.content.items.phrases import Topic, entries_block, entry_options, topic_chips
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, md
from fieldguide.content.schema import CardRef, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

ANSWER_WORDS = 25
FOLLOW_UP_WORDS = 45
_CITATION = re.compile(r"\[@[a-z0-9-]+\]")


def _at_most(words: int, field: str, rest: str):
    def check(value: str | None) -> str | None:
        if value is not None and len(value.split()) > words:
            raise ValueError(f"the {field} has {len(value.split())} words; keep it to {words}{rest}")
        return value
    return check


class Objection(Strict):
    """One thing a buyer says, the seller's answer, and the proof behind it."""

    id: Annotated[str, StringConstraints(pattern=r"^BS-\d{3}$")]
    pocket: bool = Field(default=False, description="Carried by the two-page pocket guide; a new entry is not until chosen.")
    topics: list[Topic] = Field(min_length=1)
    card: CardRef
    buyer: Text = Field(description="In the buyer's words, as said across the table.")
    answer: Text = Field(description=f"One line of at most {ANSWER_WORDS} words.")
    follow_up: Text | None = Field(default=None, description=f"What to add if asked: at most {FOLLOW_UP_WORDS} words.")
    proof: Text = Field(description="The evidence: cites a source, and may quote a computed figure.")
    sources: list[SourceRef] = Field(min_length=1)

    _answer = field_validator("answer")(_at_most(ANSWER_WORDS, "answer", " on one line, and move the rest to `follow_up`"))
    _follow = field_validator("follow_up")(_at_most(FOLLOW_UP_WORDS, "follow-up", ""))

    @field_validator("proof")
    @classmethod
    def _cited(cls, value: str) -> str:
        if not _CITATION.search(value):
            raise ValueError("the proof cites no source; add [@source-id] after the fact it rests on")
        return value

    @model_validator(mode="after")
    def _sources_cited(self):
        missing = sorted(set(re.findall(r"\[@([a-z0-9-]+)\]", f"{self.proof} {self.follow_up or ''}")) - set(self.sources))
        if missing:
            raise ValueError(f"the proof cites {', '.join(missing)}, missing from `sources`; list every source it cites")
        return self


KINDS = (
    Kind(name="buyer says entry", plural="objections", prefix="BS-", pattern=r"BS-\d{3}", example="BS-004",
         home="objections.md", label="Buyer says", place="/// objection | BS-001", data="objections.yml",
         model=Objection, order=31),
)


def objection(cat: Catalog, o: Objection, level: int = 3) -> Rendered:
    h = "#" * level
    out = [
        f'<div class="fg-phrase fg-objection" data-topics="{attr(" ".join(o.topics))}" markdown>',
        "",
        f"{h} “{md(plain(o.buyer))}” {{#{o.id}}}",
        "",
        f'<p class="fg-meta" markdown="span"><span class="fg-buyer-says">Buyer says</span> {item_id(o.id)} '
        f"{topic_chips(o.topics)} · about {card_link(cat, o.card)}</p>",
        "",
        "You say",
        f":   {md(one_line(o.answer))}",
        "",
    ]
    if o.follow_up:
        out += ["If they ask more", f":   {md(one_line(o.follow_up))}", ""]
    cited_inline = f"{o.proof} {o.follow_up or ''}"
    out += [
        "Proof",
        f":   {md(one_line(o.proof))}{cites([s for s in o.sources if f'[@{s}]' not in cited_inline])}",
        "",
        "</div>",
    ]
    return "\n".join(out), [o.id]


BLOCKS = {
    "objection": BlockType(lambda cat, b: objection(cat, b.options["item"], b.options["level"]), arg="objections",
                           options={"level": level(3)}, help="one buyer says entry"),
    "objections": BlockType(
        entries_block("objections", objection, ("Buyer says", "You say"), lambda o: (o.buyer, o.answer),
                      table_class="fg-phrase-table fg-objection-table"),
        options=entry_options("objections"),
        help="buyer says entries: every one, or those of a topic or a card, or those the pocket guide carries",
    ),
}
