"""Worked scenarios, each walked through the decision gates (``SC-<id>``).

The build walks every scenario's answers through :func:`fieldguide.economics.decision.decide`
and refuses a scenario whose author expected another recommendation, so the pages and the
framework cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints

from fieldguide.content.blocks import BlockType, level
from fieldguide.content.items import policies
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, join, md
from fieldguide.content.schema import Slug, SourceRef, Strict, Text
from fieldguide.content.text import one_line
from fieldguide.economics import decision
from fieldguide.economics.decision import Answers, Approach

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


class Scenario(Strict):
    """A worked example walked through the decision gates."""

    id: Slug
    title: Text
    situation: Text
    answers: Answers
    expect: Approach = Field(description="The approach the author expects; the build fails if the framework disagrees.")
    expect_gate: Annotated[str, StringConstraints(pattern=r"^G[0-9]$")]
    commentary: Text
    sources: list[SourceRef] = Field(default_factory=list)


def check(cat: Catalog):
    """Every scenario's recommendation, computed now, against what its author expected."""
    for i, sc in enumerate(cat.scenarios.values()):
        got = decision.decide(sc.answers, cat.prices)
        if (got.approach, got.gate.id) != (sc.expect, sc.expect_gate):
            yield ("scenarios", i, "expect"), (
                f"the framework recommends {got.approach!r} at {got.gate.id}, but the scenario expects "
                f"{sc.expect!r} at {sc.expect_gate}; fix the answers, the expectation, or the framework"
            )


KINDS = (
    Kind(name="scenario", plural="scenarios", prefix="SC-", pattern=r"SC-[a-z0-9][a-z0-9-]*", example="SC-policy-qa",
         home="decide.md", label="Worked scenario", place="/// scenario | policy-qa", data="scenarios.yml",
         model=Scenario, check=check, order=70),
)


def scenario(cat: Catalog, s: Scenario, level: int = 3) -> Rendered:
    h = "#" * level
    rec = decision.decide(s.answers, cat.prices)
    sid = f"SC-{s.id}"
    out = [
        '<div class="fg-scenario" markdown>',
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
        *high_impact(cat, s),
        "</div>",
    ]
    return "\n".join(out), [sid]


def high_impact(cat: Catalog, s: Scenario) -> list[str]:
    """A callout for each federal rule under which the scenario may be high-impact, with what it then requires."""
    out: list[str] = []
    for rule, note in policies.flags_for(cat, s.id):
        name = rule.title.split(":")[0]
        out += [
            '<div class="admonition warning fg-high-impact" markdown>',
            f'<p class="admonition-title">{policies.RATING_TEXT[note.rating]} under {md(name)}</p>',
            "",
            md(note.why),
            "",
        ]
        if rule.practices:
            out += [f"If it is, {md(name)} requires, before it goes live and while it runs:", "",
                    "".join(f"- {md(x)}\n" for x in rule.practices), ""]
        out += [f'<p class="fg-meta" markdown="span">[{md(name)} in a seller\'s hands](/policy.md#POL-{rule.id})</p>',
                "", "</div>", ""]
    return out


def scenarios(cat: Catalog, level: int = 3) -> Rendered:
    out = ["| Scenario | Recommendation | Decided at |", "|---|---|---|"]
    for s in cat.scenarios.values():
        rec = decision.decide(s.answers, cat.prices)
        out.append(
            f"| [{md(one_line(s.title))}](#SC-{s.id}) | {card_link(cat, rec.approach)} | [{rec.gate.id}](#{rec.gate.id}) |"
        )
    text, ids = join([scenario(cat, s, level) for s in cat.scenarios.values()])
    return "\n".join(out) + "\n\n" + text, ids


BLOCKS = {
    "scenario": BlockType(lambda cat, b: scenario(cat, b.options["item"], b.options["level"]), arg="scenarios",
                          options={"level": level(3)}, help="one worked scenario"),
    "scenarios": BlockType(lambda cat, b: scenarios(cat, b.options["level"]), options={"level": level(3)},
                           help="every worked scenario"),
}
