"""Federal rules that decide a deal, in a seller's hands (``POL-<id>``).

Each entry says what the rule requires, what it means for the seller, and where it stands
today; it rates the guide's worked scenarios against it where it applies to them. A
scenario rated high-impact under a rule says so on its own card, with what that requires.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from fieldguide.content.blocks import BlockType, level
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, cites, item_id, join, md
from fieldguide.content.schema import CheckedDate, Slug, SourceRef, Strict, Text, ref
from fieldguide.content.text import one_line
from fieldguide.economics.lookup import date_text

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

Rating = Literal["likely", "borderline", "depends", "unlikely", "not-covered", "related"]
RATING_TEXT = {
    "likely": "Likely high-impact",
    "borderline": "Borderline",
    "depends": "Depends on how it is used",
    "unlikely": "Unlikely to be high-impact",
    "not-covered": "Not covered as written",
    "related": "Relevant",
}
#: Ratings under which a scenario shows the rule's requirements on its own card.
FLAGGED = ("likely", "borderline", "depends")


class ScenarioNote(Strict):
    id: ref("scenarios", "scenario")  # type: ignore[valid-type]
    rating: Rating
    why: Text


class Policy(Strict):
    """One federal rule, memo or program."""

    id: Slug
    title: Text
    issued: dt.date
    by: Text
    requires: Text = Field(description="What it requires, and of whom.")
    practices: list[Text] = Field(default_factory=list, description="Practices it requires of a covered use, listed.")
    for_sellers: Text = Field(description="What it changes for a seller, in the room and in the proposal.")
    status: Text = Field(description="Where it stands today: deadlines passed, litigation, renewals.")
    scenarios: list[ScenarioNote] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    checked: CheckedDate


KINDS = (
    Kind(name="policy", plural="policies", prefix="POL-", pattern=r"POL-[a-z0-9][a-z0-9-]*", example="POL-m-25-21",
         home="policy.md", label="Federal policy", place="/// policy | m-25-21", data="policies.yml", model=Policy,
         order=77),
)


def policy(cat: Catalog, p: Policy, heading_level: int = 2) -> Rendered:
    pid = f"POL-{p.id}"
    out = [
        '<div class="fg-policy" markdown>',
        "",
        f"{'#' * heading_level} {md(one_line(p.title))} {{#{pid}}}",
        "",
        f'<p class="fg-meta" markdown="span">Issued {date_text(p.issued)} by {md(p.by)}.</p>',
        "",
        f"**What it requires.** {md(p.requires)}",
        "",
    ]
    if p.practices:
        out += ["".join(f"1. {md(x)}\n" for x in p.practices), ""]
    out += [f"**In a seller's hands.** {md(p.for_sellers)}", "", f"**Where it stands.** {md(p.status)}", ""]
    if p.scenarios:
        out += ["| Scenario | Reading | Why |", "|---|---|---|"]
        for note in p.scenarios:
            s = cat.scenarios[note.id]
            out.append(f"| [{md(one_line(s.title))}](/decide.md#SC-{s.id}) | {RATING_TEXT[note.rating]} | "
                       f"{md(one_line(note.why))} |")
        out.append("")
    out += [
        f'<p class="fg-meta fg-checked" markdown="span">{item_id(pid)} Checked {date_text(p.checked)}. '
        f"Sources: {cites(p.sources)}</p>",
        "",
        "</div>",
    ]
    return "\n".join(out), [pid]


def policies(cat: Catalog, heading_level: int = 2) -> Rendered:
    return join([policy(cat, p, heading_level) for p in cat.policies.values()])


def flags_for(cat: Catalog, scenario_id: str) -> list[tuple[Policy, ScenarioNote]]:
    """The rules under which a scenario may be high-impact, with the reading: its card says so."""
    return [(p, n) for p in cat.policies.values() for n in p.scenarios if n.id == scenario_id and n.rating in FLAGGED]


BLOCKS = {
    "policy": BlockType(lambda cat, b: policy(cat, b.options["item"], b.options["level"]), arg="policies",
                        options={"level": level(2)}, help="one federal rule, in a seller's hands"),
    "policies": BlockType(lambda cat, b: policies(cat, b.options["level"]), options={"level": level(2)},
                          help="every federal rule"),
}
