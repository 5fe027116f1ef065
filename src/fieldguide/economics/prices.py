"""The price list's schema: models and their status, tuning routes, the standard task, assumptions.

``data/prices.yml`` is the one place prices live. Every model carries where it stands
(current, legacy with its shutdown date, or retired) and what changes its arithmetic:
cached-input and cache-write prices, the shortest prefix the vendor caches, dearer rates
for long prompts, the batch discount, an introductory price. A route says how a tuned
model is trained and served, or that its prices are only in the vendor's console.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from fieldguide.content.schema import CheckedDate, Slug, SourceRef, Strict, Text

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
    shutdown_source: SourceRef | None = Field(default=None, description="The source that gives the shutdown date (a deprecations page).")
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
    source: SourceRef
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


class Assumption(Strict):
    """A figure the cost model needs that is not a list price."""

    id: Slug
    label: Text
    value: Decimal = Field(ge=0)
    unit: Text
    source: SourceRef | None = None
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
    source: SourceRef
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
    sources: list[SourceRef] = Field(min_length=1)
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


VALUE_INPUTS = {
    "tasks-per-month": "requests handled a month",
    "calls-per-task": "model calls per request",
    "minutes-saved-per-task": "minutes saved per request",
    "loaded-hourly-rate": "the loaded cost of a staff hour",
    "error-rate-without": "the share of answers wrong today",
    "error-rate-with": "the share wrong with the system",
    "hours-per-error": "staff hours to put one error right",
    "integration-hours": "hours to connect and authorize the system",
    "ownership-hours-per-month": "hours a month to own it",
}
"""The inputs a value case needs, each by id, with what it means."""

CostRow = Literal["flagship", "flagship-cached", "small", "small-cached", "base-cached", "retrieval", "tuned"]


class ValueInput(Strict):
    """One input of the value case: a number, or a sourced fact, marked sourced or assumed."""

    id: Literal[tuple(VALUE_INPUTS)]  # type: ignore[valid-type]
    label: Text
    value: Decimal | None = Field(default=None, ge=0)
    fact: Slug | None = Field(default=None, description="A fact under `facts:` whose value this input takes.")
    unit: Text
    rate: Slug | None = Field(default=None, description="An assumption (a USD rate) the hours are paid at.")
    source: SourceRef | None = None
    assumption: bool = Field(default=False, description="True when no source backs the figure.")
    checked: CheckedDate
    note: Text | None = None

    @model_validator(mode="after")
    def _one_value(self) -> "ValueInput":
        if (self.value is None) == (self.fact is None):
            raise ValueError("give the input either a `value:` or a `fact:` id, not both")
        if self.source is None and not self.assumption:
            raise ValueError("give a `source:` id, or mark the input `assumption: true`")
        return self


class ValueCase(Strict):
    """A worked value case: what a system is worth to the buyer, against what the cost model says it costs."""

    id: Slug
    title: Text
    card: Slug = Field(description="The approach the case prices (a card id).")
    cost_row: CostRow = Field(description="The row of the standard comparison that prices each call.")
    inputs: list[ValueInput]

    @model_validator(mode="after")
    def _complete(self) -> "ValueCase":
        ids = [i.id for i in self.inputs]
        missing = [f"{key} ({what})" for key, what in VALUE_INPUTS.items() if key not in ids]
        if missing:
            raise ValueError(f"the value case lacks the inputs {', '.join(missing)}; add them under `inputs:`")
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"the value case gives {', '.join(twice)} twice; keep one")
        return self


class PricesFile(Strict):
    models: list[ModelPrice] = Field(min_length=1)
    routes: list[Route] = Field(min_length=1)
    standard: Standard
    assumptions: list[Assumption] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    value_case: ValueCase | None = None
