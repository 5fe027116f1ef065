"""Subject cards: one approach each, in four facets (``CD-<card>``, ``CD-<card>-<facet>``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from fieldguide.content.blocks import BlockType, level
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, md
from fieldguide.content.schema import Slug, SourceRef, Strict, Text, ref
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


class Facets(Strict):
    """The four facets every subject card must fill."""

    what_it_is: Text
    what_it_does: Text
    who_does_it: Text
    what_makes_it_distinct: Text


FACET_TITLES: dict[str, str] = {
    "what_it_is": "What it is",
    "what_it_does": "What it does",
    "who_does_it": "Who does it",
    "what_makes_it_distinct": "What makes it distinct",
}
FACET_IDS = {"what_it_is": "is", "what_it_does": "does", "who_does_it": "who", "what_makes_it_distinct": "distinct"}


class Card(Strict):
    """A subject card: one approach to making a model do what a buyer wants."""

    id: Slug
    title: Text
    short: Text = Field(description="A column heading for trait tables, at most 24 characters.", max_length=24)
    summary: Text = Field(description="One sentence that sums the approach up.")
    facets: Facets
    right_when: list[Text] = Field(min_length=1)
    wrong_when: list[Text] = Field(min_length=1)
    cost: Text = Field(description="Order-of-magnitude cost, in words, with its source.")
    analogy: ref("analogies", "analogy") | None = Field(default=None, description="Id of the analogy callout for this card.")
    sources: list[SourceRef] = Field(min_length=1)


SECTIONS = (*FACET_IDS.values(), "right", "wrong", "cost", "analogy", "say", "buyers")


def card_page(ident: str) -> str:
    """A card ID's page: ``CD-peft-lora-cost`` lives on ``cards/peft-lora.md``."""
    card = ident.removeprefix("CD-")
    for section in SECTIONS:
        if card.endswith(f"-{section}"):
            card = card.removesuffix(f"-{section}")
            break
    return f"cards/{card}.md"


KINDS = (
    Kind(name="card", plural="cards", prefix="CD-", pattern=r"CD-[a-z0-9][a-z0-9-]*", example="CD-rag",
         home="cards/index.md", label="Subject card", place="/// card | rag", data="cards.yml", model=Card,
         home_of=card_page, order=10,
         sub_ids="sections: `CD-<card>-is`, `-does`, `-who`, `-distinct`, `-right`, `-wrong`, `-cost`, `-analogy`, `-say`, `-buyers`"),
)


def card(cat: Catalog, c: Card, level: int = 2) -> Rendered:
    from fieldguide.content.items.analogies import analogy

    h = "#" * level
    cid = f"CD-{c.id}"
    ids = [cid]
    out = [f'<div class="fg-card" id="{cid}" data-fg-cite="{attr(plain(c.title))}" markdown>', ""]
    out += [f'<p class="fg-lede-id">{item_id(cid)}</p>', ""]
    for field, title in FACET_TITLES.items():
        fid = f"{cid}-{FACET_IDS[field]}"
        ids.append(fid)
        out += [f"{h} {title} {{#{fid}}}", "", md(getattr(c.facets, field)), ""]
    for key, title, entries in (("right", "When it is the right tool", c.right_when),
                                ("wrong", "When it is the wrong tool", c.wrong_when)):
        fid = f"{cid}-{key}"
        ids.append(fid)
        out += [f"{h} {title} {{#{fid}}}", ""]
        out += [f"- {md(one_line(entry))}" for entry in entries]
        out.append("")
    ids.append(f"{cid}-cost")
    out += [f"{h} What it costs {{#{cid}-cost}}", "", md(c.cost), ""]
    if c.analogy:
        ids.append(f"{cid}-analogy")
        out += [f"{h} The analogy to use {{#{cid}-analogy}}", ""]
        text, _ = analogy(cat, cat.analogies[c.analogy], heading_level=None)
        out += [text, ""]
    for key, title, lines in (
        ("say", "What to say",
         [f"[{p.id}](/phrases.md#{p.id}): instead of *{md(plain(p.dont))}*, say *{md(plain(p.do))}*"
          for p in cat.phrases.values() if p.card == c.id]),
        ("buyers", "When the buyer says",
         [f"[{o.id}](/objections.md#{o.id}): *“{md(plain(o.buyer))}”* {md(one_line(o.answer))}"
          for o in cat.objections.values() if o.card == c.id]),
    ):
        if lines:  # the card's own entries, listed with links to the full ones
            ids.append(f"{cid}-{key}")
            out += [f"{h} {title} {{#{cid}-{key}}}", "", *(f"- {line}" for line in lines), ""]
    out += [f'<p class="fg-sources-line" markdown="span">Sources for this card: {cites(c.sources)}</p>', "", "</div>"]
    return "\n".join(out), ids


def card_list(cat: Catalog) -> Rendered:
    out = ['<div class="grid cards fg-card-grid" markdown>', ""]
    for c in cat.cards.values():
        out += [f"-   **{card_link(cat, c.id)}**", "", "    ---", "", f"    {md(one_line(c.summary))}", ""]
    out.append("</div>")
    return "\n".join(out), []


BLOCKS = {
    "card": BlockType(lambda cat, b: card(cat, b.options["item"], b.options["level"]), arg="cards",
                      options={"level": level(2)}, help="a whole subject card"),
    "cards": BlockType(lambda cat, b: card_list(cat), help="a summary list of every card"),
}
