"""Where a model can run, from a vendor's commercial API to an air-gapped enclave (``DEP-<id>``).

Each step of the deployment spectrum says what it means for an authorization to operate,
where the data is processed, what is kept and whether it trains anything, who holds the
weights, and which approaches are possible there; then the offerings at that step, each
with the authorization it holds, the models it offers and how firmly the public record
confirms it. Where the record is thin, the entry says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from fieldguide.content.blocks import BlockType, flag, level
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, card_link, cites, item_id, join, md, table
from fieldguide.content.schema import CardRef, CheckedDate, Slug, SourceRef, Strict, Text
from fieldguide.content.text import one_line
from fieldguide.economics.lookup import date_text

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

#: The approaches every step must judge, in the order of the site's columns (training a
#: model from scratch is left out: no buyer of these offerings does it).
APPROACHES = ("prompting", "rag", "long-context", "peft-lora", "full-fine-tuning")
VERDICTS = ("Yes", "Limited", "No")
Confidence = Literal["confirmed", "single-source", "not-confirmed"]
CONFIDENCE_TEXT = {
    "confirmed": "Confirmed by the sources cited",
    "single-source": "One source only",
    "not-confirmed": "Not confirmed in public sources",
}


class Offering(Strict):
    """One product or service at a step of the spectrum."""

    name: Text
    authorization: Text = Field(description="What it is authorized for (FedRAMP level, DoD impact level), as sourced.")
    models: Text = Field(description="Which models it offers, as far as sources confirm.")
    confidence: Confidence
    sources: list[SourceRef] = Field(min_length=1)


class Deployment(Strict):
    """One step of the deployment spectrum."""

    id: Slug
    title: Text
    summary: Text
    ato: Text = Field(description="What the step means for the agency's authorization to operate.")
    residency: Text = Field(description="Where prompts and data are processed and stored.")
    retention: Text = Field(description="Training use, then retention: two separate promises, kept apart.")
    weights: Text = Field(description="Who holds the model weights, and a tuned model's.")
    approaches: dict[CardRef, Text] = Field(description="For each approach: Yes, Limited or No, then why.")
    offerings: list[Offering] = Field(min_length=1)
    thin_record: Text | None = Field(default=None, description="Where the public record is thin, said plainly.")
    sources: list[SourceRef] = Field(min_length=1)
    checked: CheckedDate

    @field_validator("approaches")
    @classmethod
    def _every_approach_judged(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [a for a in APPROACHES if a not in value]
        if missing:
            raise ValueError(f"say for every approach whether it is possible here; missing: {', '.join(missing)}")
        for approach, text in value.items():
            if approach not in APPROACHES:
                raise ValueError(f"{approach!r} is not judged on this page; use {', '.join(APPROACHES)}")
            if verdict(text) is None:
                raise ValueError(f"{approach}: start with {', '.join(VERDICTS)} and a colon or a comma, then why")
        return value


def verdict(text: str) -> str | None:
    """``Yes``, ``Limited`` or ``No``: the first word of an approach's entry."""
    word = text.split(maxsplit=1)[0].rstrip(":,.") if text.strip() else ""
    return word if word in VERDICTS else None


KINDS = (
    Kind(name="deployment", plural="deployments", prefix="DEP-", pattern=r"DEP-[a-z0-9][a-z0-9-]*",
         example="DEP-gov-cloud", home="deployment.md", label="Where it can run", place="/// deployment | gov-cloud",
         data="deployments.yml", model=Deployment, order=75),
)


def _reason(text: str) -> str:
    """An approach's entry without its first word (the verdict) and the colon or comma after it."""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _badge(text: str) -> str:
    word = verdict(text) or ""
    return f'<span class="fg-verdict fg-verdict-{word.lower()}">{word}</span>'


def deployment(cat: Catalog, d: Deployment, heading_level: int = 2) -> Rendered:
    did = f"DEP-{d.id}"
    out = [
        '<div class="fg-deployment" markdown>',
        "",
        f"{'#' * heading_level} {md(one_line(d.title))} {{#{did}}}",
        "",
        md(d.summary),
        "",
    ]
    for term, text in (("Authorization to operate", d.ato), ("Where the data is processed", d.residency),
                       ("Training use and retention", d.retention), ("Who holds the weights", d.weights)):
        out += [term, f":   {md(one_line(text))}", ""]
    out += [table("fg-approaches", ["Approach", "Here?", "What it takes"],
                  [[card_link(cat, a, cat.cards[a].short), _badge(d.approaches[a]), md(_reason(d.approaches[a]))] for a in APPROACHES]), ""]
    out += [table("fg-offerings", ["Offering", "Authorization", "Models", "How firm"],
                  [[md(o.name), md(o.authorization) + cites(o.sources), md(o.models),
                    f'<span class="fg-confidence fg-confidence-{o.confidence}">{CONFIDENCE_TEXT[o.confidence]}</span>']
                   for o in d.offerings]), ""]
    if d.thin_record:
        out += [f'<p class="fg-thin" markdown="span">**Where the record is thin.** {md(d.thin_record)}</p>', ""]
    out += [
        f'<p class="fg-meta fg-checked" markdown="span">{item_id(did)} Checked {date_text(d.checked)}. '
        f"Sources: {cites(d.sources)}</p>",
        "",
        "</div>",
    ]
    return "\n".join(out), [did]


def spectrum(cat: Catalog) -> str:
    """Every step in one table: which approaches are possible where."""
    return table("fg-spectrum", ["Where it runs", *(card_link(cat, a, cat.cards[a].short) for a in APPROACHES)],
                 [[f"[{md(one_line(d.title))}](/deployment.md#DEP-{d.id})", *(_badge(d.approaches[a]) for a in APPROACHES)]
                  for d in cat.deployments.values()])


def deployments(cat: Catalog, heading_level: int = 2, summary: bool = False) -> Rendered:
    if summary:
        return spectrum(cat), []
    text, ids = join([deployment(cat, d, heading_level) for d in cat.deployments.values()])
    return spectrum(cat) + "\n\n" + text, ids


BLOCKS = {
    "deployment": BlockType(lambda cat, b: deployment(cat, b.options["item"], b.options["level"]), arg="deployments",
                            options={"level": level(2)}, help="one step of the deployment spectrum"),
    "deployments": BlockType(lambda cat, b: deployments(cat, b.options["level"], b.options["summary"]),
                             options={"level": level(2), "summary": flag()},
                             help="the deployment spectrum: the table of approaches by step, then every step"),
}
