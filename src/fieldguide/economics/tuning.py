"""What a fine-tuning program costs: the data work, the runs and their evaluation, exactly.

A program (:class:`TuningPlan`) is the experts' work to build the training set, a first
run with its evaluation, and the re-runs a year brings; :class:`TuningCost` adds them
up as :class:`~fractions.Fraction` dollars, so that spreading a year over 12 months never
rounds. The compute of one run comes from a vendor's per-token training price
(:func:`hosted_training_run`) or from rented GPU hours (:func:`gpu_training_run`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fieldguide.economics.cost import MILLION, MONTHS_PER_YEAR, Number
from fieldguide.economics.prices import ModelPrice


@dataclass(frozen=True)
class TuningPlan:
    """What a fine-tuning program consists of: the data work, the runs and their checks.

    Attributes:
        examples: Labeled examples in the training set.
        tokens_per_example: Average tokens per example (prompt and answer).
        epochs: Passes over the training set per run.
        minutes_per_example: Expert minutes to write or review one example.
        hourly_rate: Loaded dollars an hour of the experts who curate and evaluate.
        eval_hours_per_run: Expert hours to evaluate one run against the held-out set and
            check that nothing else regressed.
        reruns_per_year: Further runs a year after the first, when the base model or the
            target behavior changes. Re-runs reuse the curated set but are evaluated anew.
        expert_hours_per_week: Hours a week the experts can give the data work.
        weeks_per_run: Calendar weeks for a run, its evaluation and sign-off.
    """

    examples: int
    tokens_per_example: int
    epochs: int
    minutes_per_example: int
    hourly_rate: Decimal
    eval_hours_per_run: int
    reruns_per_year: int
    expert_hours_per_week: int = 20
    weeks_per_run: int = 2

    def __post_init__(self) -> None:
        for name in ("examples", "tokens_per_example", "epochs", "minutes_per_example", "eval_hours_per_run",
                     "reruns_per_year", "weeks_per_run"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.expert_hours_per_week <= 0:
            raise ValueError("expert_hours_per_week must be more than zero")
        if self.hourly_rate < 0:
            raise ValueError("hourly_rate must not be negative")

    @property
    def training_tokens(self) -> int:
        """Tokens billed per run: examples x tokens per example x epochs."""
        return self.examples * self.tokens_per_example * self.epochs

    @property
    def curation_hours(self) -> Fraction:
        return Fraction(self.examples * self.minutes_per_example, 60)

    @property
    def curation(self) -> Fraction:
        """Dollars to build the training set, exactly."""
        return self.curation_hours * Fraction(self.hourly_rate)

    @property
    def evaluation_per_run(self) -> Fraction:
        return self.eval_hours_per_run * Fraction(self.hourly_rate)

    @property
    def weeks(self) -> int:
        """Calendar weeks to a first tuned model: the data work at the experts' pace, then one run."""
        return math.ceil(self.curation_hours / self.expert_hours_per_week) + self.weeks_per_run


def hosted_training_run(model: ModelPrice, plan: TuningPlan) -> Decimal:
    """Compute for one run on a vendor's fine-tuning service, billed per training token."""
    if model.training is None:
        raise ValueError(f"{model.id} has no training price; pick a model that can be fine-tuned")
    return Decimal(plan.training_tokens) * model.training / MILLION


def gpu_training_run(hourly_rate: Decimal, hours: Decimal) -> Decimal:
    """Compute for one run on rented accelerators (for example LoRA on an open-weight model)."""
    if hourly_rate < 0 or hours < 0:
        raise ValueError("hourly_rate and hours must not be negative")
    return hourly_rate * hours


@dataclass(frozen=True)
class TuningCost:
    """The money side of a tuning program, exact.

    Attributes:
        curation: Building the training set, paid once.
        compute_per_run: The training compute of one run.
        evaluation_per_run: Evaluating one run and checking for regressions.
        reruns_per_year: Runs a year after the first.
    """

    curation: Fraction
    compute_per_run: Fraction
    evaluation_per_run: Fraction
    reruns_per_year: int

    @property
    def run(self) -> Fraction:
        """One run: compute and its evaluation."""
        return self.compute_per_run + self.evaluation_per_run

    @property
    def one_off(self) -> Fraction:
        """Curation plus the first run."""
        return self.curation + self.run

    @property
    def recurring_per_year(self) -> Fraction:
        """Re-runs in a year, each evaluated."""
        return self.run * self.reruns_per_year

    @property
    def first_year(self) -> Fraction:
        """One-off plus a year of re-runs."""
        return self.one_off + self.recurring_per_year

    @property
    def per_month(self) -> Fraction:
        """The first year spread over 12 months (exact)."""
        return self.first_year / MONTHS_PER_YEAR


def tuning_cost(compute_per_run: Number, plan: TuningPlan) -> TuningCost:
    """Curation, one run with its evaluation, and the re-runs of a plan."""
    return TuningCost(plan.curation, Fraction(compute_per_run), plan.evaluation_per_run, plan.reruns_per_year)
