"""The decision gates and their diagram (``G<n>``, ``decision-diagram``): the code owns them.

The gates are :data:`fieldguide.economics.decision.GATES`; their IDs are minted by the code,
so no page may write one by hand.
"""

from __future__ import annotations

from fieldguide.content.blocks import BlockType, level
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered
from fieldguide.content.text import attr
from fieldguide.economics import decision

KINDS = (
    Kind(name="gate", plural="gates", prefix="G", pattern=r"G\d+", example="G3", home="decide.md",
         label="Decision gate", place="/// gates", owner="code", order=60),
    Kind(name="diagram", plural="diagrams", prefix="decision-diagram", pattern=r"decision-diagram",
         example="decision-diagram", home="decide.md", label="Decision diagram", place="/// decision-diagram",
         owner="code", order=61),
)


def gates(level: int = 3) -> Rendered:
    h = "#" * level
    out, ids = [], []
    for g in decision.GATES:
        ids.append(g.id)
        out += [
            '<div class="fg-gate" markdown>',
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


BLOCKS = {
    "gates": BlockType(lambda cat, b: gates(b.options["level"]), options={"level": level(3)},
                       help="the decision gates, as text"),
    "decision-diagram": BlockType(lambda cat, b: decision_diagram(), help="the decision gates, as a diagram"),
}
