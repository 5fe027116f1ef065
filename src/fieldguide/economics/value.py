"""The value case: what a system is worth to the buyer against what the cost model says it costs.

The running cost comes from the standard comparison (:func:`~fieldguide.economics.comparison.standard_rows`)
at the case's own volume, and building retrieval from the cost model's own assumptions, so a
price change moves the case with every table. Everything else is an input of the case in
``data/prices.yml`` (``value_case:``), each sourced or marked as an assumption.

>>> from fieldguide.content.data import catalog
>>> case = value_case(catalog().prices)
>>> case.first_year_cost == case.one_off + case.model_year + case.ownership_year
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from fieldguide.economics import cost
from fieldguide.economics.comparison import standard_rows
from fieldguide.economics.knowledge import retrieval_build
from fieldguide.economics.prices import PricesFile, ValueCase

__all__ = ["ValueResult", "value_case", "input_value"]


def input_value(prices: PricesFile, case: ValueCase, key: str) -> Fraction:
    """An input's value: its own number, or the fact it names; hours times their rate when it has one."""
    entry = next(i for i in case.inputs if i.id == key)
    if entry.fact is not None:
        number = next(f.value for f in prices.facts if f.id == entry.fact)
    else:
        number = entry.value
    return Fraction(number)


def _rate(prices: PricesFile, case: ValueCase, key: str) -> Fraction:
    entry = next(i for i in case.inputs if i.id == key)
    if entry.rate is None:
        raise ValueError(f"the value case's {key} needs `rate:`, the assumption its hours are paid at")
    return Fraction(next(a.value for a in prices.assumptions if a.id == entry.rate))


@dataclass(frozen=True)
class ValueResult:
    """The worked value case, every figure exact."""

    case: ValueCase
    approach: str  # the comparison row's label
    model: str
    calls_per_day: Fraction
    per_call: Fraction
    model_year: Fraction
    retrieval_build: Fraction
    integration: Fraction
    ownership_year: Fraction
    hours_saved_month: Fraction
    time_value_year: Fraction
    errors_avoided_month: Fraction
    error_value_year: Fraction
    tasks_per_year: Fraction
    loaded_rate: Fraction
    hours_per_error: Fraction
    error_rate_without: Fraction

    @property
    def one_off(self) -> Fraction:
        return self.retrieval_build + self.integration

    @property
    def first_year_cost(self) -> Fraction:
        return self.one_off + self.model_year + self.ownership_year

    @property
    def first_year_value(self) -> Fraction:
        return self.time_value_year + self.error_value_year

    @property
    def first_year_net(self) -> Fraction:
        return self.first_year_value - self.first_year_cost

    @property
    def payback_months(self) -> Fraction | None:
        """The one-off cost over what each month nets after running costs; None if it never pays back."""
        months = cost.MONTHS_PER_YEAR
        monthly = (self.first_year_value - self.model_year - self.ownership_year) / months
        return None if monthly <= 0 else self.one_off / monthly

    @property
    def model_share(self) -> Fraction:
        return self.model_year / self.first_year_cost

    @property
    def break_even_minutes(self) -> Fraction:
        """Minutes a request must save to pay for the first year, with errors unchanged."""
        return self.first_year_cost / (self.tasks_per_year * self.loaded_rate / 60)

    @property
    def max_error_rate(self) -> Fraction:
        """The highest error rate with the system at which the first year still pays."""
        per_error_point = self.tasks_per_year * self.hours_per_error * self.loaded_rate
        return self.error_rate_without + (self.time_value_year - self.first_year_cost) / per_error_point


def value_case(prices: PricesFile) -> ValueResult:
    """The value case in ``data/prices.yml``, computed."""
    case = prices.value_case
    if case is None:
        raise KeyError("data/prices.yml has no `value_case:`")

    def v(key: str) -> Fraction:
        return input_value(prices, case, key)

    tasks = v("tasks-per-month")
    calls_per_day = tasks * v("calls-per-task") / cost.DAYS_PER_MONTH
    if calls_per_day.denominator != 1:
        raise ValueError(f"the value case makes {float(calls_per_day):g} calls a day; choose requests a month and "
                         f"calls per request that give whole calls a day ({cost.DAYS_PER_MONTH} days a month)")
    row = next(r for r in standard_rows(prices, int(calls_per_day)) if r.key == case.cost_row)
    per_call = row.per_call or Fraction(0)
    months = cost.MONTHS_PER_YEAR
    rate = v("loaded-hourly-rate")
    hours_saved = tasks * v("minutes-saved-per-task") / 60
    avoided = tasks * (v("error-rate-without") - v("error-rate-with"))
    return ValueResult(
        case=case, approach=row.approach, model=row.model, calls_per_day=calls_per_day, per_call=per_call,
        model_year=row.first_year,
        retrieval_build=retrieval_build(prices) if case.cost_row == "retrieval" else Fraction(0),
        integration=v("integration-hours") * _rate(prices, case, "integration-hours"),
        ownership_year=v("ownership-hours-per-month") * months * _rate(prices, case, "ownership-hours-per-month"),
        hours_saved_month=hours_saved, time_value_year=hours_saved * months * rate,
        errors_avoided_month=avoided, error_value_year=avoided * months * v("hours-per-error") * rate,
        tasks_per_year=tasks * months, loaded_rate=rate, hours_per_error=v("hours-per-error"),
        error_rate_without=v("error-rate-without"),
    )
