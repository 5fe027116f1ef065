"""The schema of every data file under ``data/``.

Each file is a YAML mapping with one top-level list (``sources:``, ``cards:`` ...).
Models are strict: unknown fields are errors, so a typo in a field name cannot silently
drop content. Text fields hold Markdown (inline formatting, links written relative to
``docs/`` as ``/cards/rag.md``, citations written ``[@source-id]``); raw HTML in them is
escaped when rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
"""An inline citation in Markdown text: ``[@gekhman-2024]``."""

#: The day the build runs; a ``checked`` date after it is a typo.
TODAY = dt.date.today


def _not_future(value: dt.date) -> dt.date:
    if value > TODAY():
        raise ValueError(f"date {value.isoformat()} is in the future; use the day you checked it")
    return value


CheckedDate = Annotated[dt.date, AfterValidator(_not_future)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources -------------------------------------------------------------------------


class SourceKind(str, Enum):
    paper = "paper"
    vendor = "vendor"
    government = "government"
    report = "report"
    press = "press"
    project = "project"


class Source(Strict):
    """One entry of the bibliography. Everything the site states as a fact cites one."""

    id: Slug
    title: Text
    by: Text = Field(description="Authors or publishing organization.")
    year: int = Field(ge=1990, le=2100)
    url: HttpUrl
    checked: CheckedDate = Field(description="The day the URL and the claim were last checked.")
    kind: SourceKind
    note: str | None = Field(default=None, description="What the site uses it for, or a caveat.")


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


# --- prices --------------------------------------------------------------------------

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=6)]


class ModelPrice(Strict):
    """List prices of one model, in US dollars per million tokens."""

    id: Slug
    name: Text
    vendor: Text
    kind: Literal["chat", "embedding"] = "chat"
    input: Money
    cached_input: Money | None = Field(default=None, description="Input read from the prompt cache.")
    cache_write: Money | None = Field(default=None, description="Input written to the prompt cache, where it costs extra.")
    output: Money
    training: Money | None = Field(default=None, description="Fine-tuning price per million training tokens.")
    fine_tuned_from: Slug | None = None
    context_window: int | None = Field(default=None, gt=0, description="Most tokens one call can hold at these prices.")
    source: Slug
    checked: CheckedDate
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "ModelPrice":
        if self.cached_input is not None and self.cached_input > self.input:
            raise ValueError("cached_input is above input; a cache read is never dearer than fresh input")
        if self.cache_write is not None and self.cached_input is None:
            raise ValueError("cache_write needs a cached_input price too")
        if self.fine_tuned_from is not None and self.training is None:
            raise ValueError("a fine-tuned model needs its `training:` price per million training tokens")
        return self


class Assumption(Strict):
    """A figure the cost model needs that is not a list price."""

    id: Slug
    label: Text
    value: Decimal = Field(ge=0)
    unit: Text
    source: Slug | None = None
    assumption: bool = Field(default=False, description="True when no source backs the figure.")
    checked: CheckedDate
    note: str | None = None

    @model_validator(mode="after")
    def _sourced_or_flagged(self) -> "Assumption":
        if self.source is None and not self.assumption:
            raise ValueError("give a `source:` id, or mark the figure `assumption: true`")
        return self


class Fact(Strict):
    """A sourced dollar figure that is not a list price (an estimate, a quoted total)."""

    id: Slug
    label: Text
    value: Decimal = Field(ge=0, max_digits=16, decimal_places=2, description="US dollars.")
    source: Slug
    checked: CheckedDate
    note: str | None = None


class Example(Strict):
    """A worked cost example quoted in running text: one call shape on one model."""

    id: Slug
    model: Slug
    system: int = Field(default=0, ge=0, description="Stable prefix tokens (instructions or a knowledge base).")
    retrieved: int = Field(default=0, ge=0)
    user: int = Field(default=0, ge=0)
    output: int = Field(default=0, ge=0)
    cached_share: Decimal = Field(default=Decimal(0), ge=0, le=1)
    calls_per_day: int = Field(default=0, ge=0)


class PricesFile(Strict):
    models: list[ModelPrice] = Field(min_length=1)
    assumptions: list[Assumption] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)


# --- subject cards -------------------------------------------------------------------


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
    analogy: Slug | None = Field(default=None, description="Id of the analogy callout for this card.")
    sources: list[Slug] = Field(min_length=1)


class CardsFile(Strict):
    cards: list[Card] = Field(min_length=1)


# --- trait table ---------------------------------------------------------------------


class Trait(Strict):
    """One row of the trait table: every approach, judged on one trait."""

    id: Slug
    title: Text
    question: Text
    cells: dict[Slug, Text]
    sources: list[Slug] = Field(default_factory=list)


class TraitsFile(Strict):
    traits: list[Trait] = Field(min_length=1)


# --- field language ------------------------------------------------------------------


class Topic(str, Enum):
    knowledge = "knowledge"
    behavior = "behavior"
    cost = "cost"
    maintenance = "maintenance"
    security = "security"
    vendor_claims = "vendor-claims"
    terminology = "terminology"
    architecture = "architecture"
    whats_changed = "whats-changed"


class Phrase(Strict):
    """One field-language entry: what not to say, what to say instead, and why."""

    id: Annotated[str, StringConstraints(pattern=r"^FL-\d{3}$")]
    topics: list[Topic] = Field(min_length=1)
    card: Slug
    dont: Text
    do: Text
    why: Text
    sources: list[Slug] = Field(default_factory=list)


class PhrasesFile(Strict):
    phrases: list[Phrase] = Field(min_length=1)


# --- analogies -----------------------------------------------------------------------


class Analogy(Strict):
    """An identity-and-access-management analogy, with its limits spelled out."""

    id: Slug
    title: Text
    cards: list[Slug] = Field(min_length=1)
    analog: Text
    holds: Text
    breaks: Text
    say: Text
    sources: list[Slug] = Field(default_factory=list)


class AnalogiesFile(Strict):
    analogies: list[Analogy] = Field(min_length=1)


# --- decision scenarios --------------------------------------------------------------

Approach = Literal[
    "training-from-scratch",
    "full-fine-tuning",
    "peft-lora",
    "prompting",
    "rag",
    "long-context",
]


class Answers(Strict):
    """What a buyer's situation says, in the terms the decision gates ask about."""

    needs_own_foundation_model: bool = Field(
        default=False, description="The organization must own a new base model (a national lab, a model vendor)."
    )
    needs_knowledge: bool = Field(description="The model must answer from facts it was not trained on.")
    knowledge_changes: bool = Field(default=False, description="Those facts change within months.")
    knowledge_tokens: int = Field(default=0, ge=0, description="Size of the knowledge base in tokens.")
    prompting_exhausted: bool = Field(description="Prompts have been iterated against an evaluation set.")
    task_in_base_capability: bool = Field(
        default=True, description="A capable base model can already do the task when told how."
    )
    labeled_examples: int = Field(default=0, ge=0, description="Curated input-output pairs available.")
    has_eval_set: bool = Field(default=False, description="A held-out set measures prompted vs tuned.")
    narrow_task: bool = Field(description="One well-defined task with stable inputs.")
    needs_novel_reasoning: bool = Field(default=False, description="Hard cases need reasoning the examples do not cover.")
    calls_per_day: int = Field(ge=0)
    behavior_prompt_tokens: int = Field(default=0, ge=0, description="Tokens of behavioral instructions per call.")


class Scenario(Strict):
    """A worked example walked through the decision gates."""

    id: Slug
    title: Text
    situation: Text
    answers: Answers
    expect: Approach = Field(description="The approach the author expects; the build fails if the framework disagrees.")
    expect_gate: Annotated[str, StringConstraints(pattern=r"^G[0-9]$")]
    commentary: Text
    sources: list[Slug] = Field(default_factory=list)


class ScenariosFile(Strict):
    scenarios: list[Scenario] = Field(min_length=6)


# --- checks shared by several files --------------------------------------------------


def citations_in(text: str) -> list[str]:
    """Return the source ids cited inline (``[@id]``) in a Markdown string."""
    return CITATION.findall(text)

