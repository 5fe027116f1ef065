"""The guide's standard comparison, every tuning route, and the answer they give together.

The economics page, its tables, the figures quoted in prose, the decision gates and the
in-page calculator all call :func:`compare`, so none of them can disagree. The
calculator re-implements :func:`compare` in JavaScript; a browser test holds the two to
the cent.

A comparison has three sides:

* **prompted**: the model a buyer would prompt to do the task well (by default the
  standard flagship), with the whole prompt on every call;
* **small**: the small model a tuning route starts from, prompted with the same whole
  prompt: the fair baseline, since a tuned model's saving is mostly the move to a
  smaller model;
* **tuned**: that small model tuned, with a short prompt, served the route's way (per
  token, or on dedicated GPUs), plus the tuning program spread over a year.

The tuned model's saving against the prompted one splits into four parts that add up
exactly (:class:`Saving`): moving to the smaller model, shortening the prompt, the
premium the tuned model costs to serve, and the tuning program.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from fieldguide.economics import cost, tuning
from fieldguide.economics.lookup import assumption, count_text, date_text, model, model_label, offered, route
from fieldguide.economics.prices import PricesFile, Route

__all__ = [
    "Inputs", "Result", "Row", "Saving", "Serving", "Side", "cheapest", "compare", "plan", "serving", "standard",
    "standard_rows", "training_compute",
]

# --- the tuning program -------------------------------------------------------------------


def plan(prices: PricesFile) -> tuning.TuningPlan:
    """The tuning program assumed everywhere, from the assumptions in ``data/prices.yml``."""
    return tuning.TuningPlan(
        examples=int(assumption(prices, "tuning-examples")),
        tokens_per_example=int(assumption(prices, "tokens-per-example")),
        epochs=int(assumption(prices, "epochs")),
        minutes_per_example=int(assumption(prices, "minutes-per-example")),
        hourly_rate=assumption(prices, "expert-hourly-rate"),
        eval_hours_per_run=int(assumption(prices, "eval-hours-per-run")),
        reruns_per_year=int(assumption(prices, "reruns-per-year")),
        expert_hours_per_week=int(assumption(prices, "expert-hours-per-week")),
        weeks_per_run=int(assumption(prices, "weeks-per-run")),
    )


@dataclass(frozen=True)
class Serving:
    """How a route serves its tuned model: per token, or on whole dedicated GPUs."""

    gpu_hour: Decimal
    calls_per_gpu_day: int
    min_gpus: int

    @property
    def gpu_month(self) -> Decimal:
        return self.gpu_hour * cost.HOURS_PER_MONTH


def serving(prices: PricesFile) -> Serving:
    return Serving(
        gpu_hour=assumption(prices, "gpu-hour"),
        calls_per_gpu_day=int(assumption(prices, "calls-per-gpu-day")),
        min_gpus=int(assumption(prices, "min-gpus")),
    )


def training_compute(prices: PricesFile, r: Route, program: tuning.TuningPlan) -> Decimal:
    """Compute for one training run on route ``r``."""
    if r.training == "per-token":
        return tuning.hosted_training_run(model(prices, r.tuned), program)
    if r.training == "gpu-hours":
        return tuning.gpu_training_run(assumption(prices, "gpu-hour"), assumption(prices, "lora-run-gpu-hours"))
    raise ValueError(f"the route {r.id!r} is priced in its console, not in the data; it cannot be compared")


# --- a comparison -------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """What a reader can change in the calculator, and what the gates ask.

    Attributes:
        prompted: Model id answering with the whole prompt.
        route: Tuning route id: it names the small model and how the tuned one is served.
        calls_per_day: Steady daily volume.
        prompt_tokens: The prompted models' instructions and examples.
        tuned_prompt_tokens: The tuned model's remaining instructions.
        user_tokens: The question, the same for every side.
        output_tokens: The answer, the same for every side.
        cached_percent: Whole percent (0 to 100) of each prompt read from cache, on the
            models whose caching minimum the prompt reaches.
        batch: Asynchronous work at each vendor's batch discount (not for dedicated GPUs).
        plan: The tuning program; ``None`` means the one in the data.
    """

    prompted: str
    route: str
    calls_per_day: int
    prompt_tokens: int
    tuned_prompt_tokens: int
    user_tokens: int
    output_tokens: int
    cached_percent: int = 0
    batch: bool = False
    plan: tuning.TuningPlan | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.cached_percent <= 100:
            raise ValueError("cached_percent must be between 0 and 100")
        if self.calls_per_day < 0:
            raise ValueError("calls_per_day must not be negative")

    @property
    def cached_share(self) -> Decimal:
        return Decimal(self.cached_percent) / 100

    def shape(self, prompt_tokens: int) -> cost.RequestShape:
        return cost.RequestShape(prompt_tokens, 0, self.user_tokens, self.output_tokens, self.cached_share)


def standard(prices: PricesFile) -> Inputs:
    """The standard task, as ``data/prices.yml`` sets it: the flagship against the standard route."""
    s = prices.standard
    return Inputs(
        prompted=s.flagship,
        route=s.route,
        calls_per_day=s.calls_per_day,
        prompt_tokens=s.prompt_tokens,
        tuned_prompt_tokens=s.tuned_prompt_tokens,
        user_tokens=s.user_tokens,
        output_tokens=s.output_tokens,
        cached_percent=s.cached_percent,
    )


@dataclass(frozen=True)
class Side:
    """One column of a comparison.

    Attributes:
        per_call: What each call costs in tokens (0 on dedicated GPUs).
        fixed_month: What the month costs whatever the volume: dedicated GPUs.
        program_month: The tuning program, spread over twelve months.
        gpus: Dedicated GPUs needed (0 when billed per token).
        cached: Whether the prompt is read from the cache at all (the minimum reached).
    """

    label: str
    per_call: Decimal
    month: Fraction
    fixed_month: Fraction = Fraction(0)
    program_month: Fraction = Fraction(0)
    gpus: int = 0
    cached: bool = False

    @property
    def year(self) -> Fraction:
        """Twelve months, the tuning program's first year included."""
        return self.month * cost.MONTHS_PER_YEAR

    def average_call(self, calls_per_day: int) -> Fraction | None:
        """The month, program excluded, over its calls; ``None`` at no volume."""
        if calls_per_day == 0:
            return None
        return (self.month - self.program_month) / (calls_per_day * cost.DAYS_PER_MONTH)


@dataclass(frozen=True)
class Saving:
    """A tuned model's monthly saving against the prompted model, in four parts that add up.

    ``prompted - tuned = downsizing + shortening - premium - program``.
    """

    downsizing: Fraction  # the prompted model against the small model, both with the whole prompt
    shortening: Fraction  # the small model with the whole prompt against it with the short one
    premium: Fraction  # serving the tuned model against the small model with the short prompt
    program: Fraction  # the tuning program, a month of its first year

    @property
    def total(self) -> Fraction:
        return self.downsizing + self.shortening - self.premium - self.program


@dataclass(frozen=True)
class Result:
    """A whole comparison, exact."""

    inputs: Inputs
    route: Route
    plan: tuning.TuningPlan
    tuning: tuning.TuningCost
    prompted: Side
    small: Side
    tuned: Side
    saving: Saving
    break_even: int | None  # against the prompted model
    break_even_small: int | None  # against the small model, prompted
    notes: tuple[str, ...] = field(default_factory=tuple)


def compare(prices: PricesFile, inputs: Inputs) -> Result:
    """Price the prompted model, the route's small model prompted, and the route's tuned model."""
    r = route(prices, inputs.route)
    if not r.priced:
        raise ValueError(f"the route {r.name!r} publishes no prices (it is priced in its console); it cannot be compared")
    if r.status == "retired":
        raise ValueError(f"the route {r.name!r} is closed; it is never offered as a current option")
    program = inputs.plan or plan(prices)
    program_cost = tuning.tuning_cost(training_compute(prices, r, program), program)
    volume = inputs.calls_per_day
    batch = inputs.batch
    full, short = inputs.shape(inputs.prompt_tokens), inputs.shape(inputs.tuned_prompt_tokens)

    prompted_model = offered(model(prices, inputs.prompted))
    small_model = offered(model(prices, r.base))
    p_call = cost.per_call(prompted_model, full, batch)
    s_call = cost.per_call(small_model, full, batch)
    h_call = cost.per_call(small_model, short, batch)  # the small model with the short prompt, untuned
    prompted = Side(model_label(prompted_model), p_call, cost.monthly_at(p_call, volume),
                    cached=cost.caches(prompted_model, full))
    small = Side(model_label(small_model), s_call, cost.monthly_at(s_call, volume), cached=cost.caches(small_model, full))

    program_month = program_cost.per_month
    if r.serving == "per-token":
        tuned_model = offered(model(prices, r.tuned))
        t_call = cost.per_call(tuned_model, short, batch)
        serving_month = cost.monthly_at(t_call, volume)
        tuned = Side(model_label(tuned_model), t_call, serving_month + program_month, program_month=program_month,
                     cached=cost.caches(tuned_model, short))
        gpu = {}
    else:
        s = serving(prices)
        gpus = cost.gpus_needed(volume, s.calls_per_gpu_day, s.min_gpus)
        fixed = Fraction(s.gpu_month) * gpus
        serving_month = fixed
        t_call = Decimal(0)
        label = f"{small_model.name}, tuned, on {count_text(gpus, 'dedicated GPU')}"
        tuned = Side(label, t_call, fixed + program_month, fixed_month=fixed, program_month=program_month, gpus=gpus)
        gpu = {"gpu_month": s.gpu_month, "calls_per_gpu_day": s.calls_per_gpu_day, "min_gpus": s.min_gpus}

    saving = Saving(
        downsizing=prompted.month - small.month,
        shortening=small.month - cost.monthly_at(h_call, volume),
        premium=serving_month - cost.monthly_at(h_call, volume),
        program=program_month,
    )
    notes = []
    if r.status == "legacy":
        notes.append(f"{r.name} is closing: its tuned models stop answering on {date_text(r.serves_until)}.")
    for m, shape in ((prompted_model, full), (small_model, full)):
        if inputs.cached_percent and m.cached_input is not None and not cost.caches(m, shape):
            notes.append(f"{m.name} caches only prompts of {m.cache_min_tokens:,} tokens or more, so this prompt is not cached.")
    checked = [(prompted_model, full), (small_model, full)]
    if r.serving == "per-token":
        checked.append((model(prices, r.tuned), short))
    for m, shape in checked:
        total = shape.input_tokens + shape.output_tokens
        if m.context_window is not None and total > m.context_window:
            notes.append(f"{m.name} holds {m.context_window:,} tokens; this call needs {total:,}.")
    return Result(
        inputs=inputs,
        route=r,
        plan=program,
        tuning=program_cost,
        prompted=prompted,
        small=small,
        tuned=tuned,
        saving=saving,
        break_even=cost.break_even_calls_per_day(p_call, t_call, program_month, **gpu),
        break_even_small=cost.break_even_calls_per_day(s_call, t_call, program_month, **gpu),
        notes=tuple(dict.fromkeys(notes)),
    )


# --- the standard comparison, row by row ---------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One way to do the standard task, priced for a month and a first year."""

    key: str
    approach: str
    model: str
    prompt_tokens: int
    retrieved_tokens: int
    cached: bool
    per_call: Fraction | None  # the average call (None at no volume)
    month: Fraction  # tokens, dedicated GPUs and the tuning program's twelfth, as each row has them
    program_year: Fraction  # the tuning program's first year, included in ``month`` and ``first_year``

    @property
    def first_year(self) -> Fraction:
        return self.month * cost.MONTHS_PER_YEAR


def standard_rows(prices: PricesFile, calls_per_day: int | None = None) -> list[Row]:
    """The standard task priced every way: flagship and small model, uncached and cached,
    retrieval, and the small model tuned on the standard route."""
    base = standard(prices)
    if calls_per_day is not None:
        base = replace(base, calls_per_day=calls_per_day)
    s = prices.standard
    cached = base
    uncached = replace(base, cached_percent=0)
    volume = base.calls_per_day
    flagship, small = offered(model(prices, s.flagship)), offered(model(prices, s.small))
    base_model = offered(model(prices, route(prices, s.route).base))
    rows = []
    for key, m, inputs, what in (
        ("flagship", flagship, uncached, "Flagship model, prompted"),
        ("flagship-cached", flagship, cached, "Flagship model, prompt cached"),
        ("small", small, uncached, "Small model, prompted"),
        ("small-cached", small, cached, "Small model, prompt cached"),
        ("base-cached", base_model, cached, "Open-weight model, prompted, prompt cached"),
    ):
        shape = inputs.shape(inputs.prompt_tokens)
        call = cost.per_call(m, shape)
        rows.append(Row(key, what, model_label(m), inputs.prompt_tokens, 0, cost.caches(m, shape), Fraction(call),
                        cost.monthly_at(call, volume), Fraction(0)))
    rag = cost.RequestShape(s.retrieval_prompt_tokens, s.retrieved_tokens, s.user_tokens, s.output_tokens, cached.cached_share)
    call = cost.per_call(flagship, rag)
    rows.append(Row("retrieval", "Flagship model, retrieval with a short prompt", model_label(flagship),
                    s.retrieval_prompt_tokens, s.retrieved_tokens, cost.caches(flagship, rag), Fraction(call),
                    cost.monthly_at(call, volume), Fraction(0)))
    tuned = compare(prices, cached)
    rows.append(Row("tuned", "Open-weight model, tuned with LoRA", tuned.tuned.label,
                    s.tuned_prompt_tokens, 0, tuned.tuned.cached, tuned.tuned.average_call(volume), tuned.tuned.month,
                    tuned.tuning.first_year))
    return rows


def cheapest(rows: list[Row]) -> Row:
    """The row with the lowest first year (ties: the earlier row, the simpler approach)."""
    return min(rows, key=lambda row: row.first_year)
