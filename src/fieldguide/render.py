"""Render data items as Markdown with embedded HTML (processed by ``md_in_html``).

Every renderer returns ``(markdown, ids)``: the text to put on the page and the
permanent ids it places there. Ids follow one scheme, printed next to each item so a
printed page can be cited too:

============  =====================  ==========================
item          id                     example
============  =====================  ==========================
card          ``CD-<card>``          ``CD-rag``
card facet    ``CD-<card>-<facet>``  ``CD-rag-is``
trait row     ``TR-<trait>``         ``TR-knowledge``
phrase        ``FL-<nnn>``           ``FL-012``
analogy       ``AN-<analogy>``       ``AN-own-pki``
gate          ``G<n>``               ``G1``
scenario      ``SC-<scenario>``      ``SC-policy-qa``
source        ``SRC-<source>``       ``SRC-gekhman-2024``
============  =====================  ==========================

All author text passes through :func:`~fieldguide.markdown_text.escape_html_in_markdown`,
so raw HTML in data shows as text.
"""

from __future__ import annotations

from collections import defaultdict

from fieldguide import decision, economics, schema
from fieldguide.data import Catalog
from fieldguide.markdown_text import attr, escape_html_in_markdown, one_line, plain

Rendered = tuple[str, list[str]]

FACET_IDS = {
    "what_it_is": "is",
    "what_it_does": "does",
    "who_does_it": "who",
    "what_makes_it_distinct": "distinct",
}

TOPIC_TITLES = {
    "terminology": "Terminology",
    "knowledge": "Knowledge",
    "behavior": "Behavior",
    "cost": "Cost",
    "maintenance": "Maintenance",
    "security": "Security and data",
    "vendor-claims": "Vendor claims",
    "architecture": "Architecture",
    "whats-changed": "What has changed",
}


def md(text: str) -> str:
    return escape_html_in_markdown(text)


def cites(ids: list[str]) -> str:
    """Inline citations for a list of source ids (resolved by the page hook)."""
    return "".join(f"[@{i}]" for i in ids)


def card_link(cat: Catalog, card_id: str, text: str | None = None) -> str:
    return f"[{text or cat.cards[card_id].title}](/cards/{card_id}.md)"


def join(parts: list[Rendered]) -> Rendered:
    """Concatenate rendered items, keeping every id they place."""
    return "\n\n".join(text for text, _ in parts), [i for _, ids in parts for i in ids]


def item_id(value: str) -> str:
    return f'<span class="fg-id" title="Permanent ID">{attr(value)}</span>'


# --- cards ---------------------------------------------------------------------------


def card(cat: Catalog, c: schema.Card, level: int = 2) -> Rendered:
    h = "#" * level
    cid = f"CD-{c.id}"
    ids = [cid]
    out = [f'<div class="fg-card" id="{cid}" data-fg-cite="{attr(plain(c.title))}" markdown>', ""]
    out += [f'<p class="fg-lede-id">{item_id(cid)}</p>', ""]
    for field, title in schema.FACET_TITLES.items():
        fid = f"{cid}-{FACET_IDS[field]}"
        ids.append(fid)
        out += [f"{h} {title} {{#{fid}}}", "", md(getattr(c.facets, field)), ""]
    for key, title, items in (("right", "When it is the right tool", c.right_when), ("wrong", "When it is the wrong tool", c.wrong_when)):
        fid = f"{cid}-{key}"
        ids.append(fid)
        out += [f"{h} {title} {{#{fid}}}", ""]
        out += [f"- {md(one_line(item))}" for item in items]
        out.append("")
    ids.append(f"{cid}-cost")
    out += [f"{h} What it costs {{#{cid}-cost}}", "", md(c.cost), ""]
    if c.analogy:
        ids.append(f"{cid}-analogy")
        out += [f"{h} The analogy to use {{#{cid}-analogy}}", ""]
        text, _ = analogy(cat, cat.analogies[c.analogy], heading_level=None)
        out += [text, ""]
    related = [p for p in cat.phrases.values() if p.card == c.id]
    if related:
        ids.append(f"{cid}-say")
        out += [f"{h} What to say {{#{cid}-say}}", ""]
        for p in related:
            out.append(f"- [{p.id}](/phrases.md#{p.id}): instead of *{md(plain(p.dont))}*, say *{md(plain(p.do))}*")
        out.append("")
    out += [f'<p class="fg-sources-line" markdown="span">Sources for this card: {cites(c.sources)}</p>', "", "</div>"]
    return "\n".join(out), ids


def card_list(cat: Catalog) -> Rendered:
    out = ['<div class="grid cards fg-card-grid" markdown>', ""]
    for c in cat.cards.values():
        out += [f"-   **{card_link(cat, c.id)}**", "", "    ---", "", f"    {md(one_line(c.summary))}", ""]
    out.append("</div>")
    return "\n".join(out), []


# --- traits --------------------------------------------------------------------------


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


# --- field language ------------------------------------------------------------------


def phrase(cat: Catalog, p: schema.Phrase, level: int = 3) -> Rendered:
    h = "#" * level
    topics = " ".join(t.value for t in p.topics)
    chips = " ".join(f'<span class="fg-topic">{attr(TOPIC_TITLES[t.value])}</span>' for t in p.topics)
    out = [
        f'<div class="fg-phrase" data-topics="{attr(topics)}" markdown>',
        "",
        f"{h} “{md(plain(p.dont))}” {{#{p.id}}}",
        "",
        f'<p class="fg-meta" markdown="span"><span class="fg-dont">Don\'t say</span> {item_id(p.id)} {chips} · about {card_link(cat, p.card)}</p>',
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


def _select(cat: Catalog, topic: str | None, card: str | None, pocket: bool = False) -> list[schema.Phrase]:
    return [
        p
        for p in cat.phrases.values()
        if (topic is None or topic in {t.value for t in p.topics}) and (card is None or p.card == card)
        and (p.pocket or not pocket)
    ]


def phrases(
    cat: Catalog,
    topic: str | None = None,
    card: str | None = None,
    compact: bool = False,
    filter_controls: bool = False,
    level: int = 3,
    pocket: bool = False,
) -> Rendered:
    chosen = _select(cat, topic, card, pocket)
    if not chosen:
        raise ValueError("no phrase matches these options")
    if compact:
        out = ['<table class="fg-phrase-table" markdown>', "<thead><tr><th>ID</th><th>Don't say</th><th>Say instead</th></tr></thead>", "<tbody markdown>"]
        for p in chosen:
            out.append(
                f'<tr id="{p.id}" data-fg-cite="{attr(plain(p.dont))}" markdown><td markdown="span">[{p.id}](/phrases.md#{p.id})</td><td markdown="span">{md(one_line(p.dont))}</td>'
                f'<td markdown="span">{md(one_line(p.do))}</td></tr>'
            )
        out += ["</tbody>", "</table>"]
        return "\n".join(out), [p.id for p in chosen]
    out: list[str] = []
    if filter_controls:
        present = sorted({t.value for p in chosen for t in p.topics}, key=list(TOPIC_TITLES).index)
        buttons = ['<button type="button" class="md-button fg-filter-button" data-topic="" aria-pressed="true">All</button>']
        buttons += [
            f'<button type="button" class="md-button fg-filter-button" data-topic="{attr(t)}" aria-pressed="false">'
            f"{attr(TOPIC_TITLES[t])}</button>"
            for t in present
        ]
        out += [
            '<div class="fg-filter" role="group" aria-label="Show entries about" data-fg-filter>',
            *buttons,
            f'<p class="fg-filter-status" aria-live="polite">All {len(chosen)} entries shown</p>',
            "</div>",
            "",
        ]
    text, ids = join([phrase(cat, p, level) for p in chosen])
    return "\n".join(out) + text, ids


# --- analogies -----------------------------------------------------------------------


def analogy(cat: Catalog, a: schema.Analogy, heading_level: int | None = 3) -> Rendered:
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


def analogies(cat: Catalog) -> Rendered:
    return join([analogy(cat, a) for a in cat.analogies.values()])


# --- decision framework --------------------------------------------------------------

def gates(level: int = 3) -> Rendered:
    h = "#" * level
    out, ids = [], []
    for g in decision.GATES:
        ids.append(g.id)
        out += [
            f'<div class="fg-gate" markdown>',
            "",
            f"{h} {g.id} · {g.title} {{#{g.id}}}",
            "",
            f"**Ask:** {g.question}",
            "",
            f"**Stop here when:** {g.stop_when}",
            "",
            f"**Then:** {g.stop_with}",
            "",
            "</div>",
            "",
        ]
    out += [
        '<div class="fg-gate fg-gate-final" markdown>',
        "",
        "**Passed every gate?** Fine-tune, and start parameter-efficient: "
        "[LoRA or QLoRA](/cards/peft-lora.md) on the smallest model that passes your evaluation set. "
        "Keep a prompted general model for the long tail of unusual requests.",
        "",
        "</div>",
    ]
    return "\n".join(out), ids


def decision_diagram() -> Rendered:
    """The gates as an inline SVG flowchart: no script, no CDN, prints as drawn."""
    box_w, box_h, gap, side_x, side_w = 300, 64, 28, 360, 300
    rows = len(decision.GATES)
    height = rows * (box_h + gap) + box_h + 20
    width = side_x + side_w + 10
    parts = [
        '<figure class="fg-diagram" id="decision-diagram" data-fg-cite="The decision gates, as a diagram">',
        f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="fg-diagram-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="fg-diagram-title">The decision gates, G0 to G5, in order; each can stop with a recommendation, '
        "and passing all of them leads to parameter-efficient fine-tuning.</title>",
        "<defs><marker id=\"fg-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="fg-d-arrowhead"/></marker></defs>',
    ]
    for i, g in enumerate(decision.GATES):
        y = 10 + i * (box_h + gap)
        parts += [
            f'<a href="#{g.id}"><g class="fg-d-gate">',
            f'<rect x="10" y="{y}" width="{box_w}" height="{box_h}" rx="8"/>',
            f'<text x="24" y="{y + 26}" class="fg-d-id">{g.id}</text>',
            f'<text x="64" y="{y + 26}" class="fg-d-title">{attr(g.title)}</text>',
            f'<text x="24" y="{y + 48}" class="fg-d-note">{attr(g.short)}</text>',
            "</g></a>",
            f'<line x1="{10 + box_w}" y1="{y + box_h / 2}" x2="{side_x}" y2="{y + box_h / 2}" class="fg-d-line" marker-end="url(#fg-arrow)"/>',
            f'<rect x="{side_x}" y="{y + 10}" width="{side_w}" height="{box_h - 20}" rx="6" class="fg-d-stop"/>',
            f'<text x="{side_x + 12}" y="{y + box_h / 2 + 5}" class="fg-d-stoptext">{attr(g.stop_short)}</text>',
            f'<line x1="{10 + box_w / 2}" y1="{y + box_h}" x2="{10 + box_w / 2}" y2="{y + box_h + gap}" class="fg-d-line" marker-end="url(#fg-arrow)"/>',
        ]
    y = 10 + rows * (box_h + gap)
    parts += [
        f'<rect x="10" y="{y}" width="{box_w}" height="{box_h}" rx="8" class="fg-d-final"/>',
        f'<text x="24" y="{y + 38}" class="fg-d-title">Fine-tune: LoRA first</text>',
        "</svg>",
        "<figcaption>Ask the gates in order. The first that says stop decides; the text version below explains each.</figcaption>",
        "</figure>",
    ]
    return "\n".join(parts), ["decision-diagram"]


def scenario(cat: Catalog, s: schema.Scenario, level: int = 3) -> Rendered:
    h = "#" * level
    rec = decision.decide(s.answers, cat.prices)
    sid = f"SC-{s.id}"
    out = [
        f'<div class="fg-scenario" markdown>',
        "",
        f"{h} {md(one_line(s.title))} {{#{sid}}}",
        "",
        f'<p class="fg-meta">{item_id(sid)}</p>',
        "",
        md(s.situation),
        "",
        '<ol class="fg-walk" markdown>',
    ]
    for step in rec.steps:
        mark = "passes" if step.passed else "stops here"
        cls = "fg-pass" if step.passed else "fg-stop"
        out.append(
            f'<li class="{cls}" markdown="span">[{step.gate.id} · {step.gate.title}](/decide.md#{step.gate.id}) '
            f"<strong>{mark}</strong>: {md(step.why)}</li>"
        )
    out += [
        "</ol>",
        "",
        f'<p class="fg-recommendation" markdown="span">Recommendation: **{card_link(cat, rec.approach)}**, '
        f"decided at {rec.gate.id}.</p>",
        "",
        md(s.commentary) + cites(s.sources),
        "",
        "</div>",
    ]
    return "\n".join(out), [sid]


def scenarios(cat: Catalog, level: int = 3) -> Rendered:
    out = ["| Scenario | Recommendation | Decided at |", "|---|---|---|"]
    for s in cat.scenarios.values():
        rec = decision.decide(s.answers, cat.prices)
        out.append(
            f"| [{md(one_line(s.title))}](#SC-{s.id}) | {card_link(cat, rec.approach)} | [{rec.gate.id}](#{rec.gate.id}) |"
        )
    text, ids = join([scenario(cat, s, level) for s in cat.scenarios.values()])
    return "\n".join(out) + "\n\n" + text, ids


# --- what is being retired ---------------------------------------------------------------


def retiring(cat: Catalog) -> Rendered:
    """A warning naming every model that shuts down within 90 days of the build, and every
    tuning route that is closing, each with its date and source."""
    soon = economics.retiring_soon(cat.prices)
    closing = [r for r in cat.prices.routes if r.status == "legacy"]
    if not (soon or closing):
        return "", []
    out = ['<div class="admonition warning fg-retiring" markdown>',
           f'<p class="admonition-title">Retiring within {economics.RETIRING_SOON_DAYS} days of this build</p>', ""]
    for m in soon:
        replacement = f"; the vendor names {md(m.replacement)} in its place" if m.replacement else ""
        out.append(f"- **{md(m.name)}** shuts down on {economics.date_text(m.shutdown)}{replacement} [@{m.shutdown_source}].")
    for r in closing:
        tail = f" No new training jobs after {economics.date_text(r.last_training)}." if r.last_training else ""
        out.append(f"- **{md(r.name)}** is closing: its tuned models stop answering on "
                   f"{economics.date_text(r.serves_until)}.{tail} {cites(r.sources[:1])}")
    out += ["", "Tables name these models with their shutdown dates and never offer a model that has shut down.", "", "</div>"]
    return "\n".join(out), []


# --- sources -------------------------------------------------------------------------

KIND_TITLES = {
    "paper": "Research papers",
    "report": "Reports",
    "government": "Government documents",
    "vendor": "Vendor documentation and announcements",
    "project": "Projects and references",
    "press": "Press",
}


def source_entry(s: schema.Source) -> str:
    note = f" {md(one_line(s.note))}" if s.note else ""
    return (
        f'<li id="SRC-{s.id}" data-fg-cite="{attr(plain(s.title))}" markdown="span">{md(one_line(s.by))} ({s.year}). '
        f"*[{md(one_line(s.title))}]({s.url})*.{note} "
        f'<span class="fg-checked">Checked {s.checked.isoformat()}.</span> {item_id("SRC-" + s.id)}</li>'
    )


def bibliography(cat: Catalog) -> Rendered:
    grouped: dict[str, list[schema.Source]] = defaultdict(list)
    for s in cat.sources.values():
        grouped[s.kind.value].append(s)
    out, ids = [], []
    for kind, title in KIND_TITLES.items():
        if not grouped.get(kind):
            continue
        out += [f"## {title} {{#sources-{kind}}}", "", '<ul class="fg-bib" markdown>']
        for s in sorted(grouped[kind], key=lambda s: (s.by, s.year)):
            out.append(source_entry(s))
            ids.append(f"SRC-{s.id}")
        out += ["</ul>", ""]
    return "\n".join(out), ids
