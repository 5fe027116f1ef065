"""The cost model: what a call, a month, a tuning program and a knowledge base cost.

Money is exact. Per-call and monthly costs are :class:`~decimal.Decimal` US dollars
computed from list prices per million tokens in ``data/prices.yml``; the break-even
volume and amortized monthly figures are :class:`~fractions.Fraction` so that dividing
by 12 months or by a saving per call never rounds. Nothing is rounded until it is
printed, and printing rounds half up to the cent (:func:`usd`).

The in-page calculator (``overrides/assets/calculator.js``) implements the same
arithmetic with integers; a browser test compares the two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fieldguide.schema import ModelPrice

MILLION = Decimal(1_000_000)
DAYS_PER_MONTH = 30
MONTHS_PER_YEAR = 12

Number = Decimal | Fraction | int


@dataclass(frozen=True)
class RequestShape:
    """The tokens of one call.

    Attributes:
        system_tokens: The stable prefix sent on every call: instructions, examples, or a
            whole knowledge base placed in the prompt. Only this part can be cached.
        retrieved_tokens: Passages fetched for this call. They change from call to call,
            so they are never served from a cache.
        user_tokens: The user's own message.
        output_tokens: Tokens the model writes back.
        cached_share: Share (0 to 1) of the system tokens read from the provider's prompt
            cache. 0 means caching is not used.
    """

    system_tokens: int
    retrieved_tokens: int
    user_tokens: int
    output_tokens: int
    cached_share: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for name in ("system_tokens", "retrieved_tokens", "user_tokens", "output_tokens"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if not Decimal(0) <= Decimal(self.cached_share) <= Decimal(1):
            raise ValueError("cached_share must be between 0 and 1")

    @property
    def input_tokens(self) -> int:
        """Every token sent to the model."""
        return self.system_tokens + self.retrieved_tokens + self.user_tokens

    @property
    def cached_tokens(self) -> Decimal:
        """System tokens read from cache (may be fractional: it is an average)."""
        return self.system_tokens * Decimal(self.cached_share)


def per_call(model: ModelPrice, shape: RequestShape) -> Decimal:
    """Cost of one call in dollars, before rounding.

    * Cached system tokens are billed at the model's cached-input price (ordinary input
      if it has none).
    * When caching is in use (``cached_share > 0``), the uncached rest of the system
      prefix is a cache write; a model with a ``cache_write`` price (Anthropic's) bills
      it at that price, others at the input price.
    * Retrieved and user tokens are billed as input, output tokens as output.

    >>> from decimal import Decimal
    >>> from fieldguide.schema import ModelPrice
    >>> m = ModelPrice(id="m", name="M", vendor="V", input=Decimal("2"), cached_input=Decimal("0.5"),
    ...                output=Decimal("8"), source="s", checked="2026-01-01")
    >>> per_call(m, RequestShape(1000, 0, 0, 500, Decimal("0.5")))
    Decimal('0.00525')
    """
    share = Decimal(shape.cached_share)
    cached = shape.cached_tokens
    prefix_rest = Decimal(shape.system_tokens) - cached
    cached_price = model.cached_input if model.cached_input is not None else model.input
    rest_price = model.cache_write if (share > 0 and model.cache_write is not None) else model.input
    fresh = shape.retrieved_tokens + shape.user_tokens
    dollars = (
        cached * cached_price
        + prefix_rest * rest_price
        + Decimal(fresh) * model.input
        + Decimal(shape.output_tokens) * model.output
    )
    return dollars / MILLION


def monthly(model: ModelPrice, shape: RequestShape, calls_per_day: int) -> Decimal:
    """Cost of a month (30 days) at a steady daily volume."""
    if calls_per_day < 0:
        raise ValueError("calls_per_day must not be negative")
    return per_call(model, shape) * calls_per_day * DAYS_PER_MONTH


def min_cache_hit_share(model: ModelPrice) -> Fraction:
    """The cache hit share above which caching is cheaper than not caching.

    0 for a model without a cache-write surcharge. With one, every miss costs the write
    price instead of the input price, so a low hit share raises the bill: caching pays
    only when ``share * (input - cached) >= (1 - share) * (write - input)``.
    """
    if model.cache_write is None or model.cache_write <= model.input:
        return Fraction(0)
    cached = model.cached_input if model.cached_input is not None else model.input
    extra = Fraction(model.cache_write - model.input)
    return extra / (extra + Fraction(model.input - cached))


# --- fine-tuning ------------------------------------------------------------------------


@dataclass(frozen=True)
class TuningPlan:
    """What a fine-tuning program consists of.

    Attributes:
        examples: Labeled examples in the training set.
        tokens_per_example: Average tokens per example (prompt and answer).
        epochs: Passes over the training set per run.
        curation_per_example: Dollars to write or review one example.
        reruns_per_year: Further runs a year after the first, when the base model or the
            target behavior changes. Re-runs reuse the curated set.
    """

    examples: int
    tokens_per_example: int
    epochs: int
    curation_per_example: Decimal
    reruns_per_year: int

    def __post_init__(self) -> None:
        for name in ("examples", "tokens_per_example", "epochs", "reruns_per_year"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.curation_per_example < 0:
            raise ValueError("curation_per_example must not be negative")

    @property
    def training_tokens(self) -> int:
        """Tokens billed per run: examples x tokens per example x epochs."""
        return self.examples * self.tokens_per_example * self.epochs


def hosted_training_run(model: ModelPrice, plan: TuningPlan) -> Decimal:
    """One run on a vendor's fine-tuning service, billed per training token."""
    if model.training is None:
        raise ValueError(f"{model.id} has no training price; pick a model that can be fine-tuned")
    return Decimal(plan.training_tokens) * model.training / MILLION


def gpu_training_run(hourly_rate: Decimal, hours: Decimal) -> Decimal:
    """One run on rented accelerators (for example LoRA on an open model)."""
    if hourly_rate < 0 or hours < 0:
        raise ValueError("hourly_rate and hours must not be negative")
    return hourly_rate * hours


@dataclass(frozen=True)
class TuningCost:
    """The money side of a tuning program.

    Attributes:
        curation: Building the training set, paid once.
        run: One training run.
        reruns_per_year: Runs a year after the first.
    """

    curation: Decimal
    run: Decimal
    reruns_per_year: int

    @property
    def one_off(self) -> Decimal:
        """Curation plus the first run."""
        return self.curation + self.run

    @property
    def recurring_per_year(self) -> Decimal:
        """Re-runs in a year."""
        return self.run * self.reruns_per_year

    @property
    def first_year(self) -> Decimal:
        """One-off plus a year of re-runs."""
        return self.one_off + self.recurring_per_year

    @property
    def per_month(self) -> Fraction:
        """The first year spread over 12 months (exact)."""
        return Fraction(self.first_year) / MONTHS_PER_YEAR


def tuning_cost(run: Decimal, plan: TuningPlan) -> TuningCost:
    """Curation, one run and the re-runs of a plan."""
    return TuningCost(plan.curation_per_example * plan.examples, run, plan.reruns_per_year)


def break_even_calls_per_day(prompted_call: Decimal, tuned_call: Decimal, fixed_per_month: Number) -> Fraction | None:
    """The daily volume at which a tuned model's month costs the same as a prompted one's.

    The tuned model pays ``fixed_per_month`` (its tuning program, amortized) plus its
    per-call price; the prompted model pays only per call. They cost the same at
    ``fixed / (30 * (prompted_call - tuned_call))`` calls a day, exactly. ``None`` when the
    tuned call is not cheaper, so no volume ever pays back the tuning.

    >>> from decimal import Decimal
    >>> break_even_calls_per_day(Decimal("0.01"), Decimal("0.004"), 900)
    Fraction(5000, 1)
    """
    saving = Fraction(prompted_call) - Fraction(tuned_call)
    if saving <= 0:
        return None
    return Fraction(fixed_per_month) / (DAYS_PER_MONTH * saving)


def monthly_at(per_call_cost: Number, calls_per_day: Number, fixed_per_month: Number = 0) -> Fraction:
    """A month at any (even fractional) daily volume, plus a fixed monthly amount, exactly."""
    return Fraction(per_call_cost) * Fraction(calls_per_day) * DAYS_PER_MONTH + Fraction(fixed_per_month)


# --- knowledge bases --------------------------------------------------------------------


def index_cost(embedding: ModelPrice, corpus_tokens: int) -> Decimal:
    """Embedding a corpus once for retrieval."""
    return Decimal(corpus_tokens) * embedding.input / MILLION


# --- printing ---------------------------------------------------------------------------


def round_half_up(amount: Number, places: int = 2) -> Fraction:
    """Round exactly, halves away from zero (never binary floating point)."""
    value = Fraction(amount)
    scale = 10**places
    scaled = abs(value) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    return Fraction(rounded if value >= 0 else -rounded, scale)


def usd(amount: Number, places: int = 2) -> str:
    """Format dollars: ``$1,234.57``, rounded half up to ``places`` decimals."""
    rounded = round_half_up(amount, places)
    text = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):,.{places}f}"
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def usd_short(amount: Number) -> str:
    """Large round sums in words: ``$78 million``, ``$1.2 billion``; smaller ones as :func:`usd`."""
    value = Fraction(amount)
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if value >= size:
            r = round_half_up(value / size, 1)
            figure = Decimal(r.numerator) / Decimal(r.denominator)
            return f"${figure.normalize():f} {word}"
    return usd(value, 0) if value >= 1000 else usd(value)


def percent(share: Number) -> str:
    """A share as a whole percent, rounded half up: ``22%``."""
    return f"{round_half_up(Fraction(share) * 100, 0).numerator}%"


def calls(volume: Number) -> str:
    """A daily volume, rounded up to a whole call: ``12,346``."""
    return f"{math.ceil(Fraction(volume)):,}"
