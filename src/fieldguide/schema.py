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
Share = Annotated[Decimal, Field(ge=0, le=1, max_digits=7, decimal_places=6)]

#: Where a model or a tuning route stands: on sale, announced for shutdown, or gone.
Status = Literal["current", "legacy", "retired"]


class PriceTier(Strict):
    """Prices that apply to the whole request once its input passes a length (long context)."""

    above: int = Field(gt=0, description="Input tokens (prompt, cached or not, retrieved and user) above which the tier applies.")
    input: Money
    cached_input: Money | None = None
    cache_write: Money | None = None
    output: Money


class Intro(Strict):
    """An introductory price in force until a date. Tables and budgets use the regular price."""

    until: dt.date
    input: Money
    cached_input: Money | None = None
    output: Money


class ModelPrice(Strict):
    """List prices of one model, in US dollars per million tokens, and where it stands."""

    id: Slug
    name: Text
    vendor: Text
    kind: Literal["chat", "embedding"] = "chat"
    status: Status = Field(description="current, legacy (a shutdown date is announced) or retired (shut down).")
    shutdown: dt.date | None = Field(default=None, description="The day the vendor shuts the model down; required for legacy and retired.")
    shutdown_source: Slug | None = Field(default=None, description="The source that gives the shutdown date (a deprecations page).")
    replacement: Text | None = Field(default=None, description="What the vendor names in its place.")
    open_weight: bool = Field(default=False, description="Weights anyone may download and run (served here by an inference provider).")
    input: Money
    cached_input: Money | None = Field(default=None, description="Input read from the prompt cache.")
    cache_write: Money | None = Field(default=None, description="Input written to the prompt cache, where it costs extra.")
    cache_min_tokens: int | None = Field(default=None, gt=0, description="The shortest prompt prefix the vendor caches.")
    output: Money
    long_context: PriceTier | None = Field(default=None, description="Dearer prices for the whole request above a length.")
    batch_discount: Share | None = Field(default=None, description="Share off every price for asynchronous (batch) work.")
    intro: Intro | None = None
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
        if self.cached_input is not None and self.cache_min_tokens is None:
            raise ValueError("a model with a cached_input price needs `cache_min_tokens:`, the shortest prefix the vendor caches")
        if self.fine_tuned_from is not None and self.training is None:
            raise ValueError("a fine-tuned model needs its `training:` price per million training tokens")
        if self.status in ("legacy", "retired") and self.shutdown is None:
            raise ValueError(f"a {self.status} model needs its `shutdown:` date (the vendor's deprecations page gives it)")
        if self.shutdown is not None and self.shutdown_source is None:
            raise ValueError("a shutdown date needs `shutdown_source:`, the id of the page that announces it")
        if self.status == "current" and self.shutdown is not None:
            raise ValueError("a model with an announced shutdown date is `status: legacy`, not current")
        tier = self.long_context
        if tier is not None:
            for name in ("cached_input", "cache_write"):
                if getattr(self, name) is not None and getattr(tier, name) is None:
                    raise ValueError(f"long_context needs its own {name} price, as the model has one")
        return self

    @property
    def tunable_base(self) -> bool:
        return self.fine_tuned_from is None and self.kind == "chat"


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


class RouteDate(Strict):
    """A dated step in a tuning route's life (opened, closed to new customers, last training job)."""

    date: dt.date
    what: Text


class Route(Strict):
    """One way to get a tuned model today: who trains it, who serves it, how each is billed."""

    id: Slug
    name: Text
    vendor: Text
    status: Status
    base: Slug | None = Field(default=None, description="The small model it tunes, as prompted per token (a model id).")
    tuned: Slug | None = Field(default=None, description="The tuned model, when it is billed per token (a model id).")
    training: Literal["per-token", "gpu-hours", "console"] = Field(description="How a training run is billed.")
    serving: Literal["per-token", "dedicated-gpu", "console"] = Field(description="How the tuned model is served.")
    models: Text = Field(description="What it can tune.")
    billing: Text = Field(description="How it bills, in the vendor's terms; the whole answer when no price is published.")
    weights: Text = Field(description="Who holds the tuned weights, and whether they can be taken away.")
    serves_until: dt.date | None = Field(default=None, description="The day tuned models stop serving (legacy routes).")
    last_training: dt.date | None = Field(default=None, description="The last day a training job can be started (legacy routes).")
    dates: list[RouteDate] = Field(default_factory=list)
    sources: list[Slug] = Field(min_length=1)
    checked: CheckedDate

    @property
    def priced(self) -> bool:
        return self.training != "console" and self.serving != "console"

    @model_validator(mode="after")
    def _consistent(self) -> "Route":
        if self.priced and self.base is None:
            raise ValueError("a priced route needs `base:`, the small model it tunes as prompted per token")
        if "per-token" in (self.training, self.serving) and self.tuned is None:
            raise ValueError("a route billed per token needs `tuned:`, the tuned model's price row")
        if self.status == "legacy" and self.serves_until is None:
            raise ValueError("a legacy route needs `serves_until:`, the day its tuned models stop answering")
        return self


class Standard(Strict):
    """The task the guide prices throughout, and the models and route it compares."""

    calls_per_day: int = Field(ge=0)
    prompt_tokens: int = Field(ge=0, description="Instructions and examples sent on every prompted call.")
    tuned_prompt_tokens: int = Field(ge=0, description="What the tuned model still needs once the behavior is in its weights.")
    user_tokens: int = Field(ge=0)
    output_tokens: int = Field(ge=0)
    cached_percent: int = Field(ge=0, le=100, description="Whole percent of each prompt read from cache, where caching applies.")
    retrieval_prompt_tokens: int = Field(ge=0, description="Instructions kept in the prompt by the retrieval row.")
    retrieved_tokens: int = Field(ge=0, description="Passages the retrieval row fetches per call.")
    flagship: Slug = Field(description="A current flagship model, prompted.")
    small: Slug = Field(description="The same vendor's small model, prompted.")
    route: Slug = Field(description="The tuning route the headline prices (one that exists).")


class PricesFile(Strict):
    models: list[ModelPrice] = Field(min_length=1)
    routes: list[Route] = Field(min_length=1)
    standard: Standard
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
    pocket: bool = Field(default=False, description="Carried by the two-page pocket guide; a new entry is not until chosen.")
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
    prompting_exhausted: bool = Field(
        description="Prompts have been iterated against an evaluation set and still fall short on the models that "
        "would be affordable at this volume."
    )
    fixed_format: bool = Field(default=False, description="Every answer must follow a fixed structure (fields, a template).")
    schema_enforced: bool = Field(
        default=False, description="Schema-enforced (structured) output was part of the measured prompting."
    )
    labeled_examples: int = Field(default=0, ge=0, description="Curated input-output pairs available.")
    has_eval_set: bool = Field(default=False, description="A held-out set measures prompted vs tuned.")
    narrow_task: bool = Field(description="One well-defined task with stable inputs.")
    needs_novel_reasoning: bool = Field(default=False, description="Hard cases need reasoning the examples do not cover.")
    calls_per_day: int = Field(ge=0)
    behavior_prompt_tokens: int = Field(default=0, ge=0, description="Tokens of behavioral instructions per call.")
    prompted_flagship_meets_bar: bool = Field(
        default=True,
        description="A prompted flagship model meets the quality bar; prompting falls short only on smaller models. "
        "False when no prompted model does the task well enough.",
    )


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

