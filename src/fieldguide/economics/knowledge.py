"""Answering from a body of knowledge: the whole corpus in a cached prompt, or retrieval of a
few passages per call with the cost of building it, and the volume where they cross."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from fieldguide.economics import cost
from fieldguide.economics.lookup import assumption, model, offered
from fieldguide.economics.prices import PricesFile

__all__ = [
    "retrieval_build", "knowledge_year", "knowledge_crossover",
]


def retrieval_build(prices: PricesFile) -> Fraction:
    """Standing up retrieval once: engineering hours at the loaded hourly rate."""
    return Fraction(assumption(prices, "retrieval-build-hours")) * Fraction(assumption(prices, "expert-hourly-rate"))


def knowledge_year(prices: PricesFile, corpus_tokens: int, calls_per_day: int) -> tuple[Fraction, Fraction]:
    """A first year of answering from a corpus, on the standard flagship: the whole corpus in a
    cached prompt, against retrieval of a few passages per call with building it included.

    Gate G1 decides with this, and the knowledge-base table shows the same arithmetic.
    """
    s = prices.standard
    m = offered(model(prices, s.flagship))
    share = Decimal(s.cached_percent) / 100
    whole = cost.RequestShape(corpus_tokens, 0, s.user_tokens, s.output_tokens, share)
    retrieval = cost.RequestShape(s.retrieval_prompt_tokens, s.retrieved_tokens, s.user_tokens, s.output_tokens, share)
    year = lambda shape: cost.monthly_at(cost.per_call(m, shape), calls_per_day) * cost.MONTHS_PER_YEAR  # noqa: E731
    return year(whole), year(retrieval) + retrieval_build(prices)


def knowledge_crossover(prices: PricesFile, corpus_tokens: int) -> int | None:
    """The daily volume from which a year of retrieval, building it included, costs less than a
    year of the whole corpus in a cached prompt (:func:`knowledge_year`); ``None`` if never."""
    whole_per_day, retrieval_per_day = (Fraction(x) for x in knowledge_year(prices, corpus_tokens, 1))
    build = retrieval_build(prices)
    extra = whole_per_day - (retrieval_per_day - build)  # a year of one call a day: corpus against passages
    if extra <= 0:
        return None
    return math.floor(build / extra) + 1
