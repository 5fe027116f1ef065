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
``name.<model>``                         a model's name; ``shutdown.<model>`` its
                                         shutdown date; ``cache-min.<model>`` the
                                         shortest prefix it caches
``route.<route>``                        a tuning route's name
``standard.<name>``                      the standard comparison (see
                                         :func:`standard`): each row's month and
                                         call (``flagship-month``, ``small-cached-call``,
                                         ``tuned-month`` ...), the ``cheapest`` row,
                                         the break-evens, the four parts of the tuned
                                         model's saving, the tuning program, and the
                                         computed ``headline`` sentence
=======================================  ==============================================
"""

from __future__ import annotations

import difflib
import math
import re
from decimal import Decimal
from fractions import Fraction

from fieldguide.economics import cost
from fieldguide import economics
from fieldguide.economics.prices import PricesFile

REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
TYPED_MONEY = re.compile(
    r"(?<![\w$])\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million|billion|trillion|[KMB])\b)?"
)
_CODE_SPAN = re.compile(r"(`+).+?\1")

#: The knowledge base the long-context table and its figures price: small enough for every
#: current model's window, large enough to pass Claude Haiku 5.5's 100K long-prompt tier.
KB_TOKENS = 150_000

PRICE_FIELDS = {
    "input": "input",
    "cached-input": "cached_input",
    "cache-write": "cache_write",
    "output": "output",
    "training": "training",
}
_WORDS = {Fraction(1, 2): "half", Fraction(1, 4): "a quarter", Fraction(1, 10): "a tenth", Fraction(1, 5): "a fifth"}


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
        out[f"name.{m.id}"] = m.name
        if m.shutdown is not None:
            out[f"shutdown.{m.id}"] = economics.date_text(m.shutdown)
        for name, field in PRICE_FIELDS.items():
            value = getattr(m, field)
            if value is not None:
                out[f"price.{m.id}.{name}"] = price_text(value)
        if m.cached_input is not None and m.input > 0:
            out[f"cached.{m.id}"] = ratio_text(Fraction(m.cached_input) / Fraction(m.input))
        if m.cache_write is not None and m.input > 0:
            out[f"write.{m.id}"] = ratio_text(Fraction(m.cache_write) / Fraction(m.input))
            out[f"min-hit.{m.id}"] = f"{math.ceil(cost.min_cache_hit_share(m) * 100)}%"
        if m.cache_min_tokens is not None:
            out[f"cache-min.{m.id}"] = f"{m.cache_min_tokens:,}"
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
    for r in prices.routes:
        out[f"route.{r.id}"] = r.name
    try:
        out.update(standard(prices))
        if prices.value_case is not None:
            out.update(value_figures(prices))
    except (KeyError, ValueError):
        pass  # the standard models or assumptions are missing or retired: the data check reports it
    return out


def _decimal_text(value: Fraction, places: int) -> str:
    rounded = cost.round_half_up(value, places)
    return f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):,.{places}f}"


def value_figures(prices: PricesFile) -> dict[str, str]:
    """The worked value case's figures, ``{{ value.first-year-cost }}`` and the rest."""
    from fieldguide.economics.value import value_case

    v = value_case(prices)
    payback = v.payback_months
    out = {
        "value.calls-per-day": f"{int(v.calls_per_day):,}",
        "value.per-call": money_text(v.per_call),
        "value.model": v.model,
        "value.model-year": cost.usd(v.model_year, 0),
        "value.retrieval-build": cost.usd(v.retrieval_build, 0),
        "value.integration": cost.usd(v.integration, 0),
        "value.one-off": cost.usd(v.one_off, 0),
        "value.ownership-year": cost.usd(v.ownership_year, 0),
        "value.first-year-cost": cost.usd(v.first_year_cost, 0),
        "value.hours-saved-month": _decimal_text(v.hours_saved_month, 0),
        "value.time-value-year": cost.usd(v.time_value_year, 0),
        "value.errors-avoided-month": _decimal_text(v.errors_avoided_month, 0),
        "value.error-value-year": cost.usd(v.error_value_year, 0),
        "value.first-year-value": cost.usd(v.first_year_value, 0),
        "value.first-year-net": cost.usd(v.first_year_net, 0),
        "value.payback-months": "never" if payback is None else _decimal_text(payback, 1),
        "value.model-share": cost.percent(v.model_share),
        "value.break-even-minutes": _decimal_text(v.break_even_minutes, 1),
        "value.max-error-rate": f"{_decimal_text(v.max_error_rate * 100, 1)}%",
    }
    return out


def _volume(value: int | None) -> str:
    return "never" if value is None else f"{value:,}"


def headline(prices: PricesFile) -> str:
    """The economics page's first claim, computed: the cheapest option at the standard volume,
    whether tuning pays back against the same small model prompted, the condition under which
    tuning earns its cost, and where the tuned model's saving comes from."""
    s = prices.standard
    rows = economics.standard_rows(prices)
    best = economics.cheapest(rows)
    r = economics.compare(prices, economics.standard(prices))
    base = economics.model(prices, r.route.base).name
    flagship = economics.model(prices, s.flagship).name
    serving = (
        f"on {economics.count_text(r.tuned.gpus, 'dedicated GPU')}" if r.route.serving == "dedicated-gpu"
        else "billed per token"
    )
    against_small = (
        f"it never pays back against the same model prompted with its prompt cached ({money_text(r.small.month)} "
        "a month) at these prices"
        if r.break_even_small is None
        else f"it pays back against the same model prompted with its prompt cached ({money_text(r.small.month)} a month) "
        f"only from {r.break_even_small:,} calls a day"
    )
    against_flagship = (
        f"which the tuned model beats from {r.break_even:,} calls a day" if r.break_even is not None
        else "which the tuned model never beats at these prices"
    )
    sv = r.saving
    return (
        f"At {s.calls_per_day:,} calls a day, the cheapest way to run the standard task is {best.model} "
        f"({best.approach[0].lower() + best.approach[1:]}), at about {money_text(best.month)} a month. "
        f"Tuning {base} and serving it {serving} costs about {money_text(r.tuned.month)} a month with its tuning "
        f"program, and {against_small}. Tuning earns its cost only when a small model fails the task when "
        f"prompted, or when the behavior cannot be prompted at all; then the comparison is with the prompted "
        f"flagship, {flagship} at {money_text(r.prompted.month)} a month with its prompt cached, {against_flagship}. "
        f"Of the tuned model's saving against it, {money_text(sv.downsizing)} a month comes from moving to a smaller "
        f"model and {money_text(sv.shortening)} from the shorter prompt; serving it {serving} takes back "
        f"{money_text(sv.premium)} and the tuning program {money_text(sv.program)}."
    )


def standard(prices: PricesFile) -> dict[str, str]:
    """The ``standard.*`` figures: the standard task, every row of its comparison, the headline."""
    s = prices.standard
    std = economics.standard(prices)
    result = economics.compare(prices, std)
    rows = economics.standard_rows(prices)
    out = {
        "standard.calls-per-day": f"{s.calls_per_day:,}",
        "standard.prompt-tokens": f"{s.prompt_tokens:,}",
        "standard.tuned-prompt-tokens": f"{s.tuned_prompt_tokens:,}",
        "standard.cached-percent": f"{s.cached_percent}%",
        "standard.flagship": economics.model(prices, s.flagship).name,
        "standard.small": economics.model(prices, s.small).name,
        "standard.route": result.route.name,
        "standard.base": economics.model(prices, result.route.base).name,
        "standard.gpus": f"{result.tuned.gpus:,}",
        "standard.break-even": _volume(result.break_even),
        "standard.break-even-small": _volume(result.break_even_small),
        "standard.base-month": money_text(result.small.month),
        "standard.saving-downsizing": money_text(result.saving.downsizing),
        "standard.saving-shortening": money_text(result.saving.shortening),
        "standard.serving-premium": money_text(result.saving.premium),
        "standard.program-month": money_text(result.saving.program),
        "standard.tuning-run": money_text(result.tuning.run),
        "standard.tuning-one-off": money_text(result.tuning.one_off),
        "standard.tuning-first-year": money_text(result.tuning.first_year),
        "standard.curation": money_text(result.tuning.curation),
        "standard.tuning-weeks": f"{result.plan.weeks}",
        "standard.headline": headline(prices),
        "standard.as-of": economics.date_text(economics.prices_as_of(
            [economics.model(prices, m) for m in (s.flagship, s.small, result.route.base)])),
        "standard.kb-crossover": _volume(economics.knowledge_crossover(prices, KB_TOKENS)),
        "standard.kb-tokens": f"{KB_TOKENS:,}",
    }
    for row in rows:
        out[f"standard.{row.key}-month"] = money_text(row.month)
        if row.per_call is not None:
            out[f"standard.{row.key}-call"] = money_text(row.per_call)
    best = economics.cheapest(rows)
    out["standard.cheapest"] = best.model
    out["standard.cheapest-month"] = money_text(best.month)
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
