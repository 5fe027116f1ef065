"""Analogies: a familiar system mapped onto an approach, with where it holds and breaks (``AN-<id>``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from fieldguide.content.blocks import BlockType, choice
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, join, md
from fieldguide.content.schema import CardRef, Slug, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


#: The rooms an analogy is for, with how the analogies page names them.
AUDIENCES: dict[str, str] = {
    "identity": "security and identity leaders",
    "finance": "finance leaders",
    "program": "program leaders",
}


class Analogy(Strict):
    """An analogy for a room of buyers, with its limits spelled out."""

    id: Slug
    title: Text
    audience: Literal[tuple(AUDIENCES)] = Field(  # type: ignore[valid-type]
        default="identity", description="The room it is for: identity, finance or program leaders.")
    cards: list[CardRef] = Field(min_length=1)
    analog: Text
    holds: Text
    breaks: Text
    say: Text
    sources: list[SourceRef] = Field(default_factory=list)


KINDS = (
    Kind(name="analogy", plural="analogies", prefix="AN-", pattern=r"AN-[a-z0-9][a-z0-9-]*", example="AN-own-pki",
         home="analogies.md", label="Analogy", place="/// analogy | own-pki", data="analogies.yml", model=Analogy,
         order=40),
)


def analogy(cat: Catalog, a: Analogy, heading_level: int | None = 3) -> Rendered:
    aid = f"AN-{a.id}"
    out: list[str] = []
    if heading_level:
        out += [f"{'#' * heading_level} {md(one_line(a.title))} {{#{aid}}}", ""]
    about = ", ".join(card_link(cat, c) for c in a.cards)
    out += [
        '<div class="admonition fg-analogy" markdown>',
        f'<p class="admonition-title">Analogy: {attr(plain(a.title))} {item_id(aid)}</p>',
        "",
        f"**The analog.** {md(a.analog)}",
        "",
        f"**Where it holds.** {md(a.holds)}",
        "",
        f"**Where it breaks.** {md(a.breaks)}",
        "",
        f"**Say it in the room.** {md(a.say)}",
        "",
        f'<p class="fg-meta" markdown="span">About: {about}. {cites(a.sources)}</p>',
        "",
        "</div>",
    ]
    return "\n".join(out), [aid] if heading_level else []


def analogies(cat: Catalog, audience: str | None = None) -> Rendered:
    chosen = [a for a in cat.analogies.values() if audience is None or a.audience == audience]
    if not chosen:
        raise ValueError(f"no analogy is for the audience {audience!r}")
    return join([analogy(cat, a) for a in chosen])


BLOCKS = {
    "analogy": BlockType(lambda cat, b: analogy(cat, b.options["item"]), arg="analogies",
                         help="one analogy callout"),
    "analogies": BlockType(lambda cat, b: analogies(cat, b.options["audience"]),
                           options={"audience": choice(lambda cat: AUDIENCES, "audience")},
                           help="every analogy callout, or those for one audience"),
}
