"""The cost model: what a call, a month, a GPU to serve on and a knowledge base cost.

Money is exact. Per-call and monthly costs are :class:`~decimal.Decimal` US dollars
computed from list prices per million tokens in ``data/prices.yml``; the break-even
volume and amortized monthly figures are :class:`~fractions.Fraction` so that dividing
by 12 months or by a saving per call never rounds. Nothing is rounded until it is
printed, and printing rounds half up to the cent (:func:`usd`).

What a tuning program costs is in :mod:`fieldguide.economics.tuning`. The in-page calculator (``overrides/assets/calculator.js``) implements the same
arithmetic with integers; a browser test compares the two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fieldguide.economics.prices import ModelPrice

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


@dataclass(frozen=True)
class Rates:
    """The prices one call is billed at, per million tokens, after tiers and discounts."""

    input: Decimal
    cached_input: Decimal
    cache_write: Decimal
    output: Decimal


def rates(model: ModelPrice, input_tokens: int, batch: bool = False) -> Rates:
    """The prices that apply to a call with ``input_tokens`` of input.

    * Above a model's long-context threshold, its ``long_context`` tier prices the whole
      request (OpenAI's GPT-6 models above 272K tokens, Claude Haiku 5.5 above 100K).
    * A model with no cached-input price bills cached tokens as input; one with no
      cache-write price bills the write as input.
    * ``batch`` takes the model's batch discount off every price (none if it has none).
    """
    tier = model.long_context if (model.long_context and input_tokens > model.long_context.above) else None
    source = tier or model
    inp = source.input
    cached = source.cached_input if source.cached_input is not None else inp
    write = source.cache_write if source.cache_write is not None else inp
    out = source.output
    factor = (1 - model.batch_discount) if (batch and model.batch_discount is not None) else Decimal(1)
    return Rates(inp * factor, cached * factor, write * factor, out * factor)


def caches(model: ModelPrice, shape: "RequestShape") -> bool:
    """True when this call's prefix is read from the prompt cache at all.

    Only a model with a cached-input price caches, and only a prefix at least as long as
    the vendor's minimum (OpenAI: 1,024 tokens): a shorter prompt pays full price however
    often it repeats.
    """
    return (
        shape.cached_share > 0
        and model.cached_input is not None
        and model.cache_min_tokens is not None
        and shape.system_tokens >= model.cache_min_tokens
    )


def per_call(model: ModelPrice, shape: RequestShape, batch: bool = False) -> Decimal:
    """Cost of one call in dollars, before rounding.

    * When the prefix is cached (:func:`caches`), the cached share of the system tokens is
      billed at the cached-input price and the rest of the prefix is a cache write, billed
      at the cache-write price where the model has one (Anthropic's, OpenAI's GPT-5.6 and
      later) and at the input price elsewhere.
    * Retrieved and user tokens are billed as input, output tokens as output.
    * Prices come from :func:`rates`: the long-context tier and the batch discount apply.

    >>> from decimal import Decimal
    >>> from fieldguide.economics.prices import ModelPrice
    >>> m = ModelPrice(id="m", name="M", vendor="V", status="current", input=Decimal("2"),
    ...                cached_input=Decimal("0.5"), cache_min_tokens=1024, output=Decimal("8"),
    ...                source="s", checked="2026-01-01")
    >>> per_call(m, RequestShape(2000, 0, 0, 500, Decimal("0.5")))
    Decimal('0.0065')
    >>> per_call(m, RequestShape(1000, 0, 0, 500, Decimal("0.5")))  # under the 1,024-token minimum
    Decimal('0.006')
    """
    r = rates(model, shape.input_tokens, batch)
    fresh = shape.retrieved_tokens + shape.user_tokens
    if caches(model, shape):
        cached = shape.cached_tokens
        prefix = cached * r.cached_input + (Decimal(shape.system_tokens) - cached) * r.cache_write
    else:
        prefix = Decimal(shape.system_tokens) * r.input
    dollars = prefix + Decimal(fresh) * r.input + Decimal(shape.output_tokens) * r.output
    return dollars / MILLION


def monthly(model: ModelPrice, shape: RequestShape, calls_per_day: int, batch: bool = False) -> Decimal:
    """Cost of a month (30 days) at a steady daily volume."""
    if calls_per_day < 0:
        raise ValueError("calls_per_day must not be negative")
    return per_call(model, shape, batch) * calls_per_day * DAYS_PER_MONTH


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


# --- serving on dedicated GPUs ------------------------------------------------------------

HOURS_PER_MONTH = 24 * DAYS_PER_MONTH


def gpus_needed(calls_per_day: int, calls_per_gpu_day: int, minimum: int) -> int:
    """Whole GPUs to serve a daily volume: at least ``minimum``, one more per ``calls_per_gpu_day``.

    >>> gpus_needed(250_000, 100_000, 1)
    3
    >>> gpus_needed(0, 100_000, 1)
    1
    """
    if calls_per_gpu_day <= 0:
        raise ValueError("calls_per_gpu_day must be more than zero")
    return max(minimum, -(-calls_per_day // calls_per_gpu_day))


def break_even_calls_per_day(
    prompted_call: Number,
    tuned_call: Number,
    fixed_per_month: Number,
    gpu_month: Number = 0,
    calls_per_gpu_day: int | None = None,
    min_gpus: int = 0,
) -> int | None:
    """The smallest daily volume from which the tuned option is never dearer than the prompted one.

    The prompted option pays ``prompted_call`` per call. The tuned option pays
    ``tuned_call`` per call, ``fixed_per_month`` (its tuning program, amortized) and, when
    it runs on dedicated GPUs, ``gpu_month`` for each whole GPU it needs
    (:func:`gpus_needed`). With no GPUs the months are equal at
    ``fixed / (30 * (prompted_call - tuned_call))`` calls a day. With GPUs the tuned month
    steps up with each GPU added, so the answer is the volume after which it stays no
    dearer at every higher volume; ``None`` when no such volume exists (the tuned call is
    not cheaper, or each added GPU costs more than the calls it serves save).

    >>> from decimal import Decimal
    >>> break_even_calls_per_day(Decimal("0.01"), Decimal("0.004"), 900)
    5000
    >>> break_even_calls_per_day(Decimal("0.01"), 0, 0, gpu_month=900, calls_per_gpu_day=10_000, min_gpus=1)
    3000
    """
    d = DAYS_PER_MONTH * (Fraction(prompted_call) - Fraction(tuned_call))
    fixed = Fraction(fixed_per_month)
    if d <= 0:
        return None
    m = Fraction(gpu_month)
    if calls_per_gpu_day is None or m == 0:
        return max(0, math.ceil(fixed / d))
    c = calls_per_gpu_day
    # Segment g (g GPUs) covers volumes up to g * c; the first covers 0 .. min_gpus * c.
    # The saving d*v - g*m - fixed grows within a segment and drops by m at each new GPU.
    slope = d * c - m
    first_open = min_gpus + 1
    if slope < 0:
        return None
    if slope == 0:
        if d * (min_gpus * c + 1) - first_open * m - fixed < 0:  # the saving where every later segment starts
            return None
        g0 = first_open
    else:
        g0 = max(first_open, math.ceil((d * c - d + fixed) / slope))
    # Segments from g0 on hold from their start. The volume can be earlier, inside segment g0 - 1.
    g = g0 - 1
    seg_start = 0 if g <= min_gpus else (g - 1) * c + 1
    seg_end = max(g, min_gpus) * c
    crossing = math.ceil((max(g, min_gpus) * m + fixed) / d)
    if crossing <= seg_end:
        return max(crossing, seg_start)
    return (g0 - 1) * c + 1


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
