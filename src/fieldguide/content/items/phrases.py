"""Field language: what not to say, what to say instead, and why (``FL-<nnn>``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints

from fieldguide.content.blocks import BlockType, choice, flag, item, level
from fieldguide.content import kinds
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, join, md
from fieldguide.content.schema import CardRef, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

#: The topics an entry can be about, with their titles, in the order the filter shows them.
TOPICS: dict[str, str] = {
    "terminology": "Terminology",
    "knowledge": "Knowledge",
    "behavior": "Behavior",
    "cost": "Cost",
    "maintenance": "Maintenance",
    "security": "Security and data",
    "vendor-claims": "Vendor claims",
    "architecture": "Architecture",
    "whats-changed": "What has changed",
    "compliance": "Compliance",
    "procurement": "Procurement",
    "accuracy": "Accuracy",
}
Topic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]


class Phrase(Strict):
    """One field-language entry: what not to say, what to say instead, and why."""

    id: Annotated[str, StringConstraints(pattern=r"^FL-\d{3}$")]
    pocket: bool = Field(default=False, description="Carried by the two-page pocket guide; a new entry is not until chosen.")
    topics: list[Topic] = Field(min_length=1)
    card: CardRef
    dont: Text
    do: Text
    why: Text
    sources: list[SourceRef] = Field(default_factory=list)


KINDS = (
    Kind(name="phrase", plural="phrases", prefix="FL-", pattern=r"FL-\d{3}", example="FL-012", home="phrases.md",
         label="Field language entry", place="/// phrase | FL-001", data="phrases.yml", model=Phrase,
         order=30),
)


def topic_chips(topics: list[str]) -> str:
    return " ".join(f'<span class="fg-topic">{attr(TOPICS[t])}</span>' for t in topics)


def filter_controls(topics: list[str], count: int) -> list[str]:
    """The topic filter's buttons and its status line, for the topics present, in their order."""
    present = sorted(set(topics), key=list(TOPICS).index)
    buttons = ['<button type="button" class="md-button fg-filter-button" data-topic="" aria-pressed="true">All</button>']
    buttons += [
        f'<button type="button" class="md-button fg-filter-button" data-topic="{attr(t)}" aria-pressed="false">'
        f"{attr(TOPICS[t])}</button>"
        for t in present
    ]
    return [
        '<div class="fg-filter" role="group" aria-label="Show entries about" data-fg-filter>',
        *buttons,
        f'<p class="fg-filter-status" aria-live="polite">All {count} entries shown</p>',
        "</div>",
        "",
    ]


def phrase(cat: Catalog, p: Phrase, level: int = 3) -> Rendered:
    h = "#" * level
    out = [
        f'<div class="fg-phrase" data-topics="{attr(" ".join(p.topics))}" markdown>',
        "",
        f"{h} “{md(plain(p.dont))}” {{#{p.id}}}",
        "",
        f'<p class="fg-meta" markdown="span"><span class="fg-dont">Don\'t say</span> {item_id(p.id)} '
        f"{topic_chips(p.topics)} · about {card_link(cat, p.card)}</p>",
        "",
        "Say instead",
        f":   {md(one_line(p.do))}",
        "",
        "Why it matters",
        f":   {md(one_line(p.why))}{cites([s for s in p.sources if f'[@{s}]' not in p.why])}",  # each source once per entry
        "",
        "</div>",
    ]
    return "\n".join(out), [p.id]


def entries(cat: Catalog, plural: str, render, columns: tuple[str, str], cells, *, topic: str | None = None,
            card: str | None = None, compact: bool = False, filter: bool = False, level: int = 3,
            pocket: bool = False, table_class: str = "fg-phrase-table") -> Rendered:
    """Phrase-like entries (phrases, what buyers say) of a topic, a card or the pocket guide:
    each in full, under the topic filter if asked, or one row each in a compact table whose
    ``columns`` are filled by ``cells(entry)`` and whose first column links the full entry."""
    kind = next(k for k in kinds.kinds() if k.plural == plural)
    chosen = [
        e for e in cat.items[plural].values()
        if (topic is None or topic in e.topics) and (card is None or e.card == card) and (e.pocket or not pocket)
    ]
    if not chosen:
        raise ValueError(f"no {kind.name} matches these options")
    if compact:
        out = [f'<table class="{table_class}" markdown>',
               f"<thead><tr><th>ID</th><th>{columns[0]}</th><th>{columns[1]}</th></tr></thead>", "<tbody markdown>"]
        for e in chosen:
            first, second = cells(e)
            out.append(
                f'<tr id="{e.id}" data-fg-cite="{attr(plain(first))}" markdown><td markdown="span">[{e.id}](/{kind.home}#{e.id})</td>'
                f'<td markdown="span">{md(one_line(first))}</td><td markdown="span">{md(one_line(second))}</td></tr>'
            )
        out += ["</tbody>", "</table>"]
        return "\n".join(out), [e.id for e in chosen]
    out = filter_controls([t for e in chosen for t in e.topics], len(chosen)) if filter else []
    text, ids = join([render(cat, e, level) for e in chosen])
    return "\n".join(out) + text, ids


def entry_options(plural: str) -> dict:
    """The options of a block that lists phrase-like entries."""
    return {
        "topic": choice(lambda cat: {t for e in cat.items[plural].values() for t in e.topics}, "topic"),
        "card": item("cards", "card"),
        "style": choice(lambda cat: {"compact"}, "style"),
        "filter": flag(),
        "level": level(3),
        "pocket": flag(),
    }


def entries_block(plural: str, render, columns: tuple[str, str], cells, table_class: str = "fg-phrase-table"):
    """The renderer of a block that lists phrase-like entries, from its options."""
    def block(cat: Catalog, b) -> Rendered:
        o = b.options
        return entries(cat, plural, render, columns, cells, topic=o["topic"], card=o["card"],
                       compact=o["style"] == "compact", filter=o["filter"], level=o["level"], pocket=o["pocket"],
                       table_class=table_class)
    return block


BLOCKS = {
    "phrase": BlockType(lambda cat, b: phrase(cat, b.options["item"], b.options["level"]), arg="phrases",
                        options={"level": level(3)}, help="one field-language entry"),
    "phrases": BlockType(
        entries_block("phrases", phrase, ("Don't say", "Say instead"), lambda p: (p.dont, p.do)),
        options=entry_options("phrases"),
        help="field-language entries: every one, or those of a topic or a card, or those the pocket guide carries",
    ),
}
