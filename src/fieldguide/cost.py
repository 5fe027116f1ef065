"""The cost model: what a call, a day and a month cost, computed exactly.

All money is :class:`~decimal.Decimal` US dollars, computed from list prices per million
tokens in ``data/prices.yml``. Nothing is rounded until it is printed, and printing
rounds half up to the cent (:func:`usd`), so a table never shows a float artifact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from fieldguide.schema import ModelPrice

MILLION = Decimal(1_000_000)
DAYS_PER_MONTH = 30


@dataclass(frozen=True)
class RequestShape:
    """The tokens of one call.

    Attributes:
        system_tokens: Instructions and examples sent on every call.
        retrieved_tokens: Passages or documents added to the prompt for this call.
        user_tokens: The user's own message.
        output_tokens: Tokens the model writes back.
        cached_share: Share (0 to 1) of the system and retrieved tokens served from the
            provider's prompt cache. Only a stable prefix can be cached.
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
        return self.system_tokens + self.retrieved_tokens + self.user_tokens

    @property
    def cached_tokens(self) -> Decimal:
        return (self.system_tokens + self.retrieved_tokens) * Decimal(self.cached_share)


def per_call(model: ModelPrice, shape: RequestShape) -> Decimal:
    """Cost of one call in dollars, before rounding.

    Cached tokens are billed at the model's cached-input price; a model without one bills
    them as ordinary input.

    >>> from decimal import Decimal
    >>> from fieldguide.schema import ModelPrice
    >>> m = ModelPrice(id="m", name="M", vendor="V", input=Decimal("2"), cached_input=Decimal("0.5"),
    ...                output=Decimal("8"), source="s", checked="2026-01-01")
    >>> per_call(m, RequestShape(1000, 0, 0, 500, Decimal("0.5")))
    Decimal('0.00525')
    """
    cached_price = model.cached_input if model.cached_input is not None else model.input
    cached = shape.cached_tokens
    fresh = Decimal(shape.input_tokens) - cached
    dollars = fresh * model.input + cached * cached_price + Decimal(shape.output_tokens) * model.output
    return dollars / MILLION


def monthly(model: ModelPrice, shape: RequestShape, calls_per_day: int) -> Decimal:
    """Cost of a month (30 days) at a steady daily volume."""
    if calls_per_day < 0:
        raise ValueError("calls_per_day must not be negative")
    return per_call(model, shape) * calls_per_day * DAYS_PER_MONTH


def usd(amount: Decimal, places: int = 2) -> str:
    """Format dollars for a table: ``$1,234.57``; tiny amounts keep enough digits to show."""
    quantum = Decimal(1).scaleb(-places)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"${rounded:,.{places}f}"
