"""The in-page cost calculator: its HTML, its data, and the figures it must show.

:func:`render` writes the form and embeds the price list as JSON; the arithmetic runs in
``overrides/assets/calculator.js`` with exact integers (no floating point).
:func:`results` computes, with :mod:`fieldguide.economics`, the very strings the page
must display for given inputs; the browser test compares the two.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from fieldguide import cost, economics
from fieldguide.markdown_text import attr
from fieldguide.schema import PricesFile

#: What the calculator displays, by the ``data-out`` name of the element that shows it.
OUTPUTS = (
    "prompted-call",
    "tuned-call",
    "prompted-month",
    "tuned-month",
    "prompted-year",
    "tuned-year",
    "break-even",
    "tuning-one-off",
    "tuning-reruns",
)
CALL_PLACES = 5
NEVER = "never, because the tuned call costs as much or more"
LIMITS = {"calls_per_day": 100_000_000, "tokens": 2_000_000}


def results(prices: PricesFile, inputs: economics.Inputs) -> dict[str, str]:
    """The strings the calculator shows for ``inputs``, computed by the Python model."""
    r = economics.compare(prices, inputs)
    months = cost.MONTHS_PER_YEAR
    even = r.break_even_calls
    return {
        "prompted-call": cost.usd(r.prompted_call, CALL_PLACES),
        "tuned-call": cost.usd(r.tuned_call, CALL_PLACES),
        "prompted-month": cost.usd(r.prompted_month),
        "tuned-month": cost.usd(r.tuned_month),
        "prompted-year": cost.usd(r.prompted_month * months),
        "tuned-year": cost.usd(r.tuned_month * months),
        "break-even": NEVER if even is None else f"{even:,} calls a day",
        "tuning-one-off": cost.usd(r.tuning.one_off),
        "tuning-reruns": cost.usd(r.tuning.recurring_per_year),
    }


def _models(prices: PricesFile) -> list[dict]:
    out = []
    for m in prices.models:
        if m.kind != "chat":
            continue
        out.append(
            {
                "id": m.id,
                "name": m.name,
                "input": str(m.input),
                "cached_input": None if m.cached_input is None else str(m.cached_input),
                "cache_write": None if m.cache_write is None else str(m.cache_write),
                "output": str(m.output),
                "training": None if m.training is None else str(m.training),
                "tuned": m.fine_tuned_from is not None,
                "context_window": m.context_window,
            }
        )
    return out


def data(prices: PricesFile) -> dict:
    """Everything the script needs: prices, the tuning plan, defaults, limits."""
    plan = economics.plan(prices)
    return {
        "models": _models(prices),
        "plan": {
            "examples": plan.examples,
            "tokens_per_example": plan.tokens_per_example,
            "epochs": plan.epochs,
            "curation_per_example": str(plan.curation_per_example),
            "reruns_per_year": plan.reruns_per_year,
        },
        "defaults": asdict(economics.STANDARD),
        "days_per_month": cost.DAYS_PER_MONTH,
        "months_per_year": cost.MONTHS_PER_YEAR,
        "call_places": CALL_PLACES,
        "never": NEVER,
        "limits": LIMITS,
    }


def _options(models: list[dict], selected: str) -> str:
    return "".join(
        f'<option value="{attr(m["id"])}"{" selected" if m["id"] == selected else ""}>{attr(m["name"])}</option>'
        for m in models
    )


def _number(name: str, label: str, value: int, maximum: int, hint: str, step: int = 1) -> str:
    field = f"fg-calc-{name}"
    return (
        f'<div class="fg-calc-field"><label for="{field}">{label}</label>'
        f'<input id="{field}" name="{name}" type="number" inputmode="numeric" min="0" max="{maximum}" step="{step}" '
        f'value="{value}" required aria-describedby="{field}-hint">'
        f'<small id="{field}-hint">{hint}</small></div>'
    )


def render(prices: PricesFile) -> tuple[str, list[str]]:
    """The calculator's HTML, with its data as JSON, for the ``/// calculator`` block."""
    payload = data(prices)
    models = payload["models"]
    d = economics.STANDARD
    as_of = economics.date_text(economics.prices_as_of(prices.models))
    plan = payload["plan"]
    blob = json.dumps(payload, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    prompted = [m for m in models if not m["tuned"]]
    tuned = [m for m in models if m["tuned"]]
    rows = "".join(
        f'<tr><th scope="row">{label}</th><td data-out="prompted-{key}">…</td><td data-out="tuned-{key}">…</td></tr>'
        for key, label in (("call", "Per call"), ("month", "Per month"), ("year", "First year, all in"))
    )
    html = f"""<div class="fg-calc" id="calculator" data-fg-calc>
<script type="application/json" class="fg-calc-data">{blob}</script>
<noscript><p>The calculator needs JavaScript. The tables above give the same figures for the standard task.</p></noscript>
<p class="fg-calc-print">On the <a href="#CT-calculator">web page</a>, a calculator prices a prompted model against a
fine-tuned one for your own volume, prompt length, caching, answer length and models, with the break-even volume.</p>
<form class="fg-calc-form" hidden novalidate aria-describedby="fg-calc-about">
<p id="fg-calc-about">Compare a prompted model with a fine-tuned one on your own task. Figures update as you type;
list prices as of {as_of}; a month is 30 days.</p>
<fieldset><legend>Models</legend>
<div class="fg-calc-field"><label for="fg-calc-prompted">Prompted model</label><select id="fg-calc-prompted" name="prompted">{_options(prompted, d.prompted)}</select></div>
<div class="fg-calc-field"><label for="fg-calc-tuned">Fine-tuned model</label><select id="fg-calc-tuned" name="tuned">{_options(tuned, d.tuned)}</select></div>
</fieldset>
<fieldset><legend>Each call</legend>
{_number("calls_per_day", "Calls a day", d.calls_per_day, LIMITS["calls_per_day"], "Steady volume, every day of the month.")}
{_number("prompt_tokens", "Prompt tokens, prompted model", d.prompt_tokens, LIMITS["tokens"], "Instructions and examples sent on every call.")}
{_number("tuned_prompt_tokens", "Prompt tokens, tuned model", d.tuned_prompt_tokens, LIMITS["tokens"], "What is left once the behavior is in the weights.")}
{_number("user_tokens", "Question tokens", d.user_tokens, LIMITS["tokens"], "The user's message, the same for both.")}
{_number("output_tokens", "Answer tokens", d.output_tokens, LIMITS["tokens"], "The model's reply, the same for both.")}
{_number("cached_percent", "Share of each prompt read from cache (%)", d.cached_percent, 100, "0 when caching is off; cache writes cost extra on some models.")}
</fieldset>
</form>
<div class="fg-calc-results" hidden>
<p class="fg-calc-error" role="alert" hidden></p>
<table class="fg-calc-table"><caption>Cost of each approach</caption>
<thead><tr><td></td><th scope="col">Prompted</th><th scope="col">Fine-tuned</th></tr></thead>
<tbody>{rows}</tbody></table>
<p aria-live="polite" class="fg-calc-summary">Break-even: <strong data-out="break-even">…</strong>.
The tuning program costs <strong data-out="tuning-one-off">…</strong> up front and <strong data-out="tuning-reruns">…</strong>
a year of re-runs ({plan["examples"]:,} examples of {plan["tokens_per_example"]:,} tokens, {plan["epochs"]} epochs,
{cost.usd(economics.assumption(prices, "curation-per-example"))} to curate each, {plan["reruns_per_year"]} re-runs a year),
spread over twelve months in the tuned model's monthly figure.</p>
<p class="fg-calc-warning" hidden></p>
</div>
</div>"""
    return html, ["calculator"]
