"""Looking up the price list: a model, a route or an assumption by its id, the models still
on offer, those about to shut down, and the words tables and prose print them with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fieldguide.content.schema import TODAY
from fieldguide.economics.prices import ModelPrice, PricesFile, Route

__all__ = [
    "RETIRING_SOON_DAYS", "assumption", "model", "route", "offered", "current_models", "retiring_soon",
    "date_text", "model_label", "count_text", "prices_as_of",
]

#: A model shutting down within this many days of the build is flagged on the page.
RETIRING_SOON_DAYS = 90


# --- looking things up ------------------------------------------------------------------


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


def route(prices: PricesFile, key: str) -> Route:
    for r in prices.routes:
        if r.id == key:
            return r
    raise KeyError(f"data/prices.yml has no route {key!r}")


def offered(m: ModelPrice) -> ModelPrice:
    """``m``, refused if it is retired: a table of current options never prices a shut-down model."""
    if m.status == "retired":
        raise ValueError(
            f"{m.name} ({m.id}) shut down on {date_text(m.shutdown)}; a retired model is never offered as a current "
            "option. Choose a current model in data/prices.yml"
        )
    return m


def current_models(prices: PricesFile, kind: str = "chat") -> list[ModelPrice]:
    """Models a buyer can still use, current first: the options a table or the calculator may offer."""
    return [m for m in prices.models if m.status != "retired" and m.kind == kind]


def retiring_soon(prices: PricesFile, today: dt.date | None = None) -> list[ModelPrice]:
    """Models shutting down within :data:`RETIRING_SOON_DAYS` days: the page flags each."""
    today = today or TODAY()
    return sorted(
        (m for m in prices.models if m.status == "legacy" and (m.shutdown - today).days <= RETIRING_SOON_DAYS),
        key=lambda m: (m.shutdown, m.name),
    )


def date_text(day: dt.date) -> str:
    """The site's one date format: ``14 January 2027``."""
    return f"{day.day} {day:%B %Y}"


def model_label(m: ModelPrice) -> str:
    """A model's name as tables print it: where an open-weight model is served from, and a
    legacy model's shutdown date."""
    name = f"{m.name} ({m.vendor}, per token)" if m.open_weight else m.name
    if m.status == "legacy":
        return f"{name} (legacy: shuts down {date_text(m.shutdown)})"
    return name


def count_text(n: int, noun: str) -> str:
    """``one dedicated GPU``, ``3 dedicated GPUs``: words for one to nine, as prose has them."""
    words = "zero one two three four five six seven eight nine".split()
    return f"{words[n] if 0 <= n < 10 else f'{n:,}'} {noun}{'' if n == 1 else 's'}"


def prices_as_of(models: list[ModelPrice]):
    """The latest day any of these prices was checked."""
    return max(m.checked for m in models)
