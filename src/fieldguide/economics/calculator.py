"""The in-page cost calculator: its HTML, its data, and the figures it must show.

:func:`render` writes the form and embeds the price list, the routes and the tuning
program as JSON; the arithmetic runs in ``overrides/assets/calculator.js`` with exact
rational numbers (no floating point). :func:`results` computes, with
:func:`fieldguide.economics.compare`, the very strings the page must display for given
inputs; the browser test compares the two.

The calculator has three columns: the prompted model the reader picks, the route's small
model prompted with the same prompt (the fair baseline), and that small model tuned and
served the route's way, its tuning program included.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from fieldguide.economics import cost
from fieldguide import economics
from fieldguide.content.text import attr
from fieldguide.economics.prices import PricesFile

#: What the calculator displays, by the ``data-out`` name of the element that shows it.
OUTPUTS = (
    "small-name",
    "prompted-call",
    "small-call",
    "tuned-call",
    "prompted-month",
    "small-month",
    "tuned-month",
    "prompted-year",
    "small-year",
    "tuned-year",
    "break-even",
    "break-even-small",
    "saving-downsizing",
    "saving-shortening",
    "serving-premium",
    "program-month",
    "tuning-one-off",
    "tuning-reruns",
    "tuning-first-year",
    "tuning-weeks",
    "notes",
)
CALL_PLACES = 5
NEVER = "never, at these prices"
NO_VOLUME = "–"
LIMITS = {"calls_per_day": 100_000_000, "tokens": 2_000_000, "examples": 1_000_000, "minutes": 600,
          "hours": 10_000, "reruns": 52, "epochs": 100, "rate": 10_000}

#: The tuning program's editable fields: (name, label, hint, limit key, source attribute of TuningPlan).
PLAN_FIELDS = (
    ("examples", "Examples", "Labeled examples in the training set.", "examples"),
    ("tokens_per_example", "Tokens per example", "Prompt and answer together.", "tokens"),
    ("epochs", "Epochs", "Passes over the set per run.", "epochs"),
    ("minutes_per_example", "Expert minutes per example", "To write or review one.", "minutes"),
    ("hourly_rate", "Expert hourly rate ($)", "Loaded: salary, benefits, overhead.", "rate"),
    ("eval_hours_per_run", "Evaluation hours per run", "Held-out set and regression checks.", "hours"),
    ("reruns_per_year", "Re-runs a year", "When the behavior or the base changes.", "reruns"),
)


def _signed(amount) -> str:
    return cost.usd(amount)


def results(prices: PricesFile, inputs: economics.Inputs) -> dict[str, str]:
    """The strings the calculator shows for ``inputs``, computed by the Python model."""
    r = economics.compare(prices, inputs)
    volume = inputs.calls_per_day
    tuned_call = r.tuned.per_call if r.route.serving == "per-token" else r.tuned.average_call(volume)
    t = r.tuning
    return {
        "small-name": r.small.label,
        "prompted-call": cost.usd(r.prompted.per_call, CALL_PLACES),
        "small-call": cost.usd(r.small.per_call, CALL_PLACES),
        "tuned-call": NO_VOLUME if tuned_call is None else cost.usd(tuned_call, CALL_PLACES),
        "prompted-month": cost.usd(r.prompted.month),
        "small-month": cost.usd(r.small.month),
        "tuned-month": cost.usd(r.tuned.month),
        "prompted-year": cost.usd(r.prompted.year),
        "small-year": cost.usd(r.small.year),
        "tuned-year": cost.usd(r.tuned.year),
        "break-even": NEVER if r.break_even is None else f"{r.break_even:,} calls a day",
        "break-even-small": NEVER if r.break_even_small is None else f"{r.break_even_small:,} calls a day",
        "saving-downsizing": _signed(r.saving.downsizing),
        "saving-shortening": _signed(r.saving.shortening),
        "serving-premium": _signed(r.saving.premium),
        "program-month": _signed(r.saving.program),
        "tuning-one-off": cost.usd(t.one_off),
        "tuning-reruns": cost.usd(t.recurring_per_year),
        "tuning-first-year": cost.usd(t.first_year),
        "tuning-weeks": f"{r.plan.weeks}",
        "notes": " ".join(r.notes),
    }


def _price(value) -> str | None:
    return None if value is None else str(value)


def _models(prices: PricesFile) -> list[dict]:
    out = []
    for m in economics.current_models(prices):
        tier = m.long_context
        out.append(
            {
                "id": m.id,
                "name": m.name,
                "label": economics.model_label(m),
                "input": str(m.input),
                "cached_input": _price(m.cached_input),
                "cache_write": _price(m.cache_write),
                "cache_min_tokens": m.cache_min_tokens,
                "output": str(m.output),
                "training": _price(m.training),
                "batch_discount": _price(m.batch_discount),
                "long_context": None if tier is None else {
                    "above": tier.above, "input": str(tier.input), "cached_input": _price(tier.cached_input),
                    "cache_write": _price(tier.cache_write), "output": str(tier.output),
                },
                "tuned": m.fine_tuned_from is not None,
                "context_window": m.context_window,
            }
        )
    return out


def _routes(prices: PricesFile) -> list[dict]:
    return [
        {
            "id": r.id,
            "name": r.name,
            "status": r.status,
            "base": r.base,
            "tuned": r.tuned,
            "training": r.training,
            "serving": r.serving,
            "serves_until": None if r.serves_until is None else economics.date_text(r.serves_until),
        }
        for r in prices.routes
        if r.priced and r.status != "retired"
    ]


def data(prices: PricesFile) -> dict:
    """Everything the script needs: prices, routes, the tuning plan, serving, defaults, limits."""
    plan = economics.plan(prices)
    s = economics.serving(prices)
    defaults = asdict(replace(economics.standard(prices), plan=None))
    defaults.pop("plan")
    return {
        "models": _models(prices),
        "routes": _routes(prices),
        "plan": {name: str(getattr(plan, name)) for name, *_ in PLAN_FIELDS}
        | {"expert_hours_per_week": plan.expert_hours_per_week, "weeks_per_run": plan.weeks_per_run},
        "serving": {"gpu_hour": str(s.gpu_hour), "calls_per_gpu_day": s.calls_per_gpu_day, "min_gpus": s.min_gpus,
                    "lora_run_gpu_hours": str(economics.assumption(prices, "lora-run-gpu-hours"))},
        "defaults": defaults,
        "days_per_month": cost.DAYS_PER_MONTH,
        "months_per_year": cost.MONTHS_PER_YEAR,
        "call_places": CALL_PLACES,
        "never": NEVER,
        "no_volume": NO_VOLUME,
        "limits": LIMITS,
    }


def _options(items: list[dict], selected: str, label: str = "label") -> str:
    return "".join(
        f'<option value="{attr(i["id"])}"{" selected" if i["id"] == selected else ""}>{attr(i[label])}</option>'
        for i in items
    )


def _number(name: str, label: str, value, maximum: int, hint: str, step: str = "1") -> str:
    field = f"fg-calc-{name}"
    return (
        f'<div class="fg-calc-field"><label for="{field}">{label}</label>'
        f'<input id="{field}" name="{name}" type="number" inputmode="decimal" min="0" max="{maximum}" step="{step}" '
        f'value="{attr(str(value))}" required aria-describedby="{field}-hint">'
        f'<small id="{field}-hint">{hint}</small></div>'
    )


def _route_label(r: dict) -> str:
    return f"{r['name']} (closing: serves until {r['serves_until']})" if r["status"] == "legacy" else r["name"]


def render(prices: PricesFile) -> tuple[str, list[str]]:
    """The calculator's HTML, with its data as JSON, for the ``/// calculator`` block."""
    payload = data(prices)
    d = economics.standard(prices)
    as_of = economics.date_text(economics.prices_as_of(prices.models))
    plan = payload["plan"]
    blob = json.dumps(payload, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    prompted = [m for m in payload["models"] if not m["tuned"]]
    routes = [dict(r, label=_route_label(r)) for r in payload["routes"]]
    rows = "".join(
        f'<tr><th scope="row">{label}</th><td data-out="prompted-{key}">…</td><td data-out="small-{key}">…</td>'
        f'<td data-out="tuned-{key}">…</td></tr>'
        for key, label in (("call", "Per call"), ("month", "Per month, all in"), ("year", "First year, all in"))
    )
    program = "\n".join(
        _number(name, label, plan[name], payload["limits"][limit], hint, "0.01" if name == "hourly_rate" else "1")
        for name, label, hint, limit in PLAN_FIELDS
    )
    limits = payload["limits"]
    html = f"""<div class="fg-calc" id="calculator" data-fg-calc>
<script type="application/json" class="fg-calc-data">{blob}</script>
<noscript><p>The calculator needs JavaScript. The tables above give the same figures for the standard task.</p></noscript>
<p class="fg-calc-print">On the <a href="#CT-calculator">web page</a>, a calculator prices a prompted model, the small
model a tuning route starts from, and that model tuned, for your own volume, prompt, caching, batch work and tuning
program, with the break-even volumes.</p>
<form class="fg-calc-form" hidden novalidate aria-describedby="fg-calc-about">
<p id="fg-calc-about">Compare a prompted model with the small model a tuning route starts from, prompted and then
tuned, on your own task. Figures update as you type; list prices as of {as_of}; a month is 30 days.</p>
<fieldset><legend>Models and route</legend>
<div class="fg-calc-field"><label for="fg-calc-prompted">Prompted model</label><select id="fg-calc-prompted" name="prompted">{_options(prompted, d.prompted)}</select></div>
<div class="fg-calc-field"><label for="fg-calc-route">Tuning route</label><select id="fg-calc-route" name="route">{_options(routes, d.route)}</select></div>
</fieldset>
<fieldset><legend>Each call</legend>
{_number("calls_per_day", "Calls a day", d.calls_per_day, limits["calls_per_day"], "Steady volume, every day of the month.")}
{_number("prompt_tokens", "Prompt tokens, prompted models", d.prompt_tokens, limits["tokens"], "Instructions and examples sent on every call.")}
{_number("tuned_prompt_tokens", "Prompt tokens, tuned model", d.tuned_prompt_tokens, limits["tokens"], "What is left once the behavior is in the weights.")}
{_number("user_tokens", "Question tokens", d.user_tokens, limits["tokens"], "The user's message, the same for all.")}
{_number("output_tokens", "Answer tokens", d.output_tokens, limits["tokens"], "The model's reply, the same for all.")}
{_number("cached_percent", "Share of each prompt read from cache (%)", d.cached_percent, 100, "Applies only to prompts at or above a model's caching minimum.")}
<div class="fg-calc-field fg-calc-check"><input id="fg-calc-batch" name="batch" type="checkbox"><label for="fg-calc-batch">Batch work (half price where the vendor offers it; not on dedicated GPUs)</label></div>
</fieldset>
<fieldset><legend>Tuning program</legend>
{program}
</fieldset>
</form>
<div class="fg-calc-results" hidden>
<p class="fg-calc-error" role="alert" hidden></p>
<div class="fg-table-wrap"><table class="fg-calc-table"><caption>Cost of each option</caption>
<thead><tr><th scope="col">Figure</th><th scope="col">Prompted</th><th scope="col">Small model, prompted: <span data-out="small-name">…</span></th><th scope="col">Small model, tuned</th></tr></thead>
<tbody>{rows}</tbody></table></div>
<p aria-live="polite" class="fg-calc-summary">Break-even, the tuned model against the prompted one:
<strong data-out="break-even">…</strong>; against the small model prompted: <strong data-out="break-even-small">…</strong>.
Against the prompted model, a month of the tuned one saves <strong data-out="saving-downsizing">…</strong> by moving to
the small model and <strong data-out="saving-shortening">…</strong> by the shorter prompt, and pays
<strong data-out="serving-premium">…</strong> more to serve and <strong data-out="program-month">…</strong> of tuning
program. The program costs <strong data-out="tuning-one-off">…</strong> up front, <strong data-out="tuning-reruns">…</strong>
a year of re-runs and <strong data-out="tuning-first-year">…</strong> in its first year, and takes about
<strong data-out="tuning-weeks">…</strong> weeks to a first tuned model.</p>
<p class="fg-calc-warning" data-out="notes"></p>
</div>
</div>"""
    return html, ["calculator"]
