"""Figures in running text, rendered from the price data at build time.

An author never types a dollar amount. They write a reference such as
``{{ price.gpt-4-1-mini.input }}`` and the build puts in ``$0.40``; when the price
changes, the sentence changes with it. A dollar amount typed into a page or a data file
stops the build, naming the file, the line and the figure.

The references, all computed from ``data/prices.yml``:

=======================================  ==============================================
reference                                gives
=======================================  ==============================================
``price.<model>.<field>``                a list price per million tokens: ``input``,
                                         ``cached-input``, ``cache-write``, ``output``,
                                         ``training``
``cached.<model>``                       the cached-input price as a share of input
                                         ("a quarter", "half", "a tenth")
``write.<model>``                        the cache-write price over input ("1.25x")
``ratio.<model-a>.<model-b>``            input price of a over b ("2x", "half")
``min-hit.<model>``                      the cache hit share above which caching pays
``premium.range``                        what tuned models cost per input token over
                                         their base, lowest to highest ("1.5–2x")
``assumption.<id>``                      an assumption's value
``fact.<id>``                            a sourced figure ("$78 million")
``call.<example>.<per-call|per-day|per-month|calls-per-day>``
                                         a worked example from ``examples:``
``standard.<name>``                      the standard comparison (see
                                         :mod:`fieldguide.economics`): ``prompted-call``,
                                         ``tuned-call``, ``prompted-month``,
                                         ``tuned-month``, ``break-even``,
                                         ``tuning-first-year``, ``tuning-one-off``,
                                         ``tuning-run``, ``calls-per-day``,
                                         ``prompt-tokens``, ``saving`` (tuned against
                                         prompted, a month), ``saving-cached`` (with
                                         90% of prompts cached)
=======================================  ==============================================
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from fieldguide import cost, economics
from fieldguide.schema import PricesFile

REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
TYPED_MONEY = re.compile(
    r"(?<![\w$])\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|[KMB])\b)?"
)
_CODE_SPAN = re.compile(r"(`+).+?\1")

PRICE_FIELDS = {
    "input": "input",
    "cached-input": "cached_input",
    "cache-write": "cache_write",
    "output": "output",
    "training": "training",
}
_WORDS = {Fraction(1, 2): "half", Fraction(1, 4): "a quarter", Fraction(1, 10): "a tenth", Fraction(1, 5): "a fifth"}


class FigureError(ValueError):
    """A reference that names no figure, or a typed figure."""


def price_text(value: Decimal) -> str:
    """A list price: at least two decimals, more only when the price has them (``$0.075``)."""
    places = max(2, -value.normalize().as_tuple().exponent)
    return cost.usd(value, places)


def money_text(amount) -> str:
    """A computed sum for prose: two significant digits under ten cents, cents under $10, whole dollars above."""
    value = Fraction(amount)
    if value >= 10:
        return cost.usd(value, 0)
    if value >= Fraction(1, 10) or value == 0:
        return cost.usd(value, 2)
    places = 1 - math.floor(math.log10(value))
    text = cost.usd(value, places)
    return text.rstrip("0") if "." in text else text


def ratio_text(value: Fraction) -> str:
    """A price ratio in words: "half", "a quarter", "2x", "1.25x", "35%"."""
    if value in _WORDS:
        return _WORDS[value]
    if value >= 1:
        number = Decimal(value.numerator) / Decimal(value.denominator)
        return f"{number.quantize(Decimal('0.01')).normalize():f}x"
    return f"{cost.round_half_up(value * 100, 0)}%"


def number_text(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def compute(prices: PricesFile) -> dict[str, str]:
    """Every figure the price data defines, by reference name."""
    out: dict[str, str] = {}
    models = {m.id: m for m in prices.models}
    for m in prices.models:
        for name, field in PRICE_FIELDS.items():
            value = getattr(m, field)
            if value is not None:
                out[f"price.{m.id}.{name}"] = price_text(value)
        if m.cached_input is not None and m.input > 0:
            out[f"cached.{m.id}"] = ratio_text(Fraction(m.cached_input) / Fraction(m.input))
        if m.cache_write is not None and m.input > 0:
            out[f"write.{m.id}"] = ratio_text(Fraction(m.cache_write) / Fraction(m.input))
            out[f"min-hit.{m.id}"] = f"{math.ceil(cost.min_cache_hit_share(m) * 100)}%"
        for other in prices.models:
            if other.id != m.id and other.input > 0 and m.kind == other.kind:
                out[f"ratio.{m.id}.{other.id}"] = ratio_text(Fraction(m.input) / Fraction(other.input))
    premiums = sorted(
        Fraction(m.input) / Fraction(models[m.fine_tuned_from].input)
        for m in prices.models
        if m.fine_tuned_from in models and models[m.fine_tuned_from].input > 0
    )
    if premiums:
        low, high = ratio_text(premiums[0]), ratio_text(premiums[-1])
        out["premium.range"] = high if low == high else f"{low.removesuffix('x')}–{high}"
    for a in prices.assumptions:
        out[f"assumption.{a.id}"] = price_text(a.value) if a.unit.startswith("USD") else number_text(a.value)
    for f in prices.facts:
        out[f"fact.{f.id}"] = cost.usd_short(f.value)
    for ex in prices.examples:
        if ex.model not in models:
            continue  # reported by the data check
        shape = cost.RequestShape(ex.system, ex.retrieved, ex.user, ex.output, ex.cached_share)
        call = cost.per_call(models[ex.model], shape)
        out[f"call.{ex.id}.per-call"] = money_text(call)
        if ex.calls_per_day:
            out[f"call.{ex.id}.per-day"] = money_text(call * ex.calls_per_day)
            out[f"call.{ex.id}.per-month"] = money_text(call * ex.calls_per_day * cost.DAYS_PER_MONTH)
            out[f"call.{ex.id}.calls-per-day"] = f"{ex.calls_per_day:,}"
    try:
        std = economics.compare(prices, economics.STANDARD)
    except KeyError:
        return out  # the standard models or assumptions are missing: reported when used
    out.update(
        {
            "standard.calls-per-day": f"{economics.STANDARD.calls_per_day:,}",
            "standard.prompt-tokens": f"{economics.STANDARD.prompt_tokens:,}",
            "standard.prompted-call": money_text(std.prompted_call),
            "standard.tuned-call": money_text(std.tuned_call),
            "standard.prompted-month": money_text(std.prompted_month),
            "standard.tuned-month": money_text(std.tuned_month),
            "standard.tuning-run": money_text(std.tuning.run),
            "standard.tuning-one-off": money_text(std.tuning.one_off),
            "standard.tuning-first-year": money_text(std.tuning.first_year),
            "standard.break-even": "never" if std.break_even is None else cost.calls(std.break_even),
            "standard.saving": cost.percent(1 - std.tuned_month / std.prompted_month),
        }
    )
    cached = economics.compare(prices, replace(economics.STANDARD, cached_percent=90))
    out["standard.saving-cached"] = cost.percent(1 - cached.tuned_month / cached.prompted_month)
    return out


def resolve(text: str, figures: dict[str, str]) -> tuple[str, list[str]]:
    """Replace references in ``text``; return the text and a message per problem.

    Problems are references that name no figure and dollar amounts typed outside code
    spans.
    """
    problems: list[str] = []

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in figures:
            return figures[name]
        near = difflib.get_close_matches(name, list(figures), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join('{{ ' + n + ' }}' for n in near)}?" if near else (
            "; see the list of references in src/fieldguide/figures.py"
        )
        problems.append(f"the figure reference {{{{ {name} }}}} names no figure{hint}")
        return match.group(0)

    pieces: list[str] = []
    last = 0
    for span in [*_CODE_SPAN.finditer(text), None]:
        end = span.start() if span else len(text)
        prose = text[last:end]
        for typed in TYPED_MONEY.findall(REFERENCE.sub("", prose)):
            problems.append(_typed(typed, figures))
        pieces.append(REFERENCE.sub(one, prose))
        if span:
            pieces.append(span.group(0))
            last = span.end()
    return "".join(pieces), problems


def _typed(typed: str, figures: dict[str, str]) -> str:
    matches = sorted(n for n, v in figures.items() if v == typed.replace(" ", "") and n.startswith("price."))
    hint = f" (the data has that value as {', '.join('{{ ' + m + ' }}' for m in matches[:4])})" if matches else ""
    return (
        f"the figure {typed!r} is typed, so it will not follow the price data{hint}; "
        "write a figure reference such as {{ price.<model>.input }} instead (see README, 'Figures in prose')"
    )
