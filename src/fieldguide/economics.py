"""The guide's standard comparison: a prompted model against a fine-tuned one.

The economics page, its tables, the figures quoted in prose and the in-page calculator
all start from :data:`STANDARD` and call :func:`compare`, so they cannot disagree. The
calculator re-implements :func:`compare` in JavaScript; a browser test holds the two to
the cent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fieldguide import cost
from fieldguide.schema import ModelPrice, PricesFile


@dataclass(frozen=True)
class Inputs:
    """What a reader can change in the calculator.

    Attributes:
        prompted: Model id answering with a full prompt.
        tuned: Fine-tuned model id answering with a short prompt.
        calls_per_day: Steady daily volume.
        prompt_tokens: The prompted model's instructions and examples.
        tuned_prompt_tokens: The tuned model's remaining instructions.
        user_tokens: The question, the same for both.
        output_tokens: The answer, the same for both.
        cached_percent: Whole percent (0 to 100) of each system prompt read from cache.
    """

    prompted: str
    tuned: str
    calls_per_day: int
    prompt_tokens: int
    tuned_prompt_tokens: int
    user_tokens: int
    output_tokens: int
    cached_percent: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.cached_percent <= 100:
            raise ValueError("cached_percent must be between 0 and 100")
        if self.calls_per_day < 0:
            raise ValueError("calls_per_day must not be negative")

    @property
    def cached_share(self) -> Decimal:
        return Decimal(self.cached_percent) / 100

    def shapes(self) -> tuple[cost.RequestShape, cost.RequestShape]:
        """The prompted call and the tuned call."""
        share = self.cached_share
        return (
            cost.RequestShape(self.prompt_tokens, 0, self.user_tokens, self.output_tokens, share),
            cost.RequestShape(self.tuned_prompt_tokens, 0, self.user_tokens, self.output_tokens, share),
        )


#: The task the guide prices throughout: a 6,000-token behavioral prompt on GPT-4.1
#: against a fine-tuned GPT-4.1 mini that needs 300 tokens of instructions.
STANDARD = Inputs(
    prompted="gpt-4-1",
    tuned="ft-gpt-4-1-mini",
    calls_per_day=100_000,
    prompt_tokens=6_000,
    tuned_prompt_tokens=300,
    user_tokens=200,
    output_tokens=400,
)


@dataclass(frozen=True)
class Result:
    """Both sides of a comparison, exact."""

    prompted_call: Decimal
    tuned_call: Decimal
    prompted_month: Fraction
    tuned_month: Fraction
    tuning: cost.TuningCost
    break_even: Fraction | None

    @property
    def break_even_calls(self) -> int | None:
        """The smallest whole daily volume at which the tuned model is no dearer."""
        return None if self.break_even is None else math.ceil(self.break_even)


def assumption(prices: PricesFile, key: str) -> Decimal:
    for a in prices.assumptions:
        if a.id == key:
            return a.value
    raise KeyError(f"data/prices.yml has no assumption {key!r}; add it under `assumptions:`")


def model(prices: PricesFile, key: str) -> ModelPrice:
    for m in prices.models:
        if m.id == key:
            return m
    raise KeyError(f"data/prices.yml has no model {key!r}")


def plan(prices: PricesFile) -> cost.TuningPlan:
    """The tuning program assumed everywhere, from the assumptions in ``data/prices.yml``."""
    return cost.TuningPlan(
        examples=int(assumption(prices, "tuning-examples")),
        tokens_per_example=int(assumption(prices, "tokens-per-example")),
        epochs=int(assumption(prices, "epochs")),
        curation_per_example=assumption(prices, "curation-per-example"),
        reruns_per_year=int(assumption(prices, "retrains-per-year")),
    )


def compare(prices: PricesFile, inputs: Inputs) -> Result:
    """Price a prompted model against a tuned one, tuning program included."""
    prompted, tuned = model(prices, inputs.prompted), model(prices, inputs.tuned)
    prompted_shape, tuned_shape = inputs.shapes()
    program = plan(prices)
    tuning = cost.tuning_cost(cost.hosted_training_run(tuned, program), program)
    prompted_call = cost.per_call(prompted, prompted_shape)
    tuned_call = cost.per_call(tuned, tuned_shape)
    return Result(
        prompted_call=prompted_call,
        tuned_call=tuned_call,
        prompted_month=cost.monthly_at(prompted_call, inputs.calls_per_day),
        tuned_month=cost.monthly_at(tuned_call, inputs.calls_per_day, tuning.per_month),
        tuning=tuning,
        break_even=cost.break_even_calls_per_day(prompted_call, tuned_call, tuning.per_month),
    )


def prices_as_of(models: list[ModelPrice]):
    """The latest day any of these prices was checked."""
    return max(m.checked for m in models)


def date_text(day) -> str:
    return f"{day.day} {day:%B %Y}"
