"""The worked value case's two tables: its inputs, and what they come to (``/// value-case``).

The case lives in ``data/prices.yml`` (``value_case:``) and is computed by
:mod:`fieldguide.economics.value`; the page quotes its figures in prose as ``{{ value.<name> }}``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from fieldguide.content.blocks import BlockType, choice
from fieldguide.content.render import Rendered, cites, md, table
from fieldguide.economics import cost, figures
from fieldguide.economics.lookup import date_text
from fieldguide.economics.value import input_value, value_case

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

#: Each result, in order: its label, its figure's name (``value.<name>``), and how it is computed.
RESULTS = (
    ("Calls a day", "calls-per-day", "questions a month × calls per question ÷ 30"),
    ("Model cost, first year", "model-year", "the comparison row's first year at that volume"),
    ("Building retrieval", "retrieval-build", "the cost model's engineering hours × the expert rate"),
    ("Connecting and authorizing", "integration", "hours × the expert rate"),
    ("One-off cost", "one-off", "building + connecting"),
    ("Owning it, first year", "ownership-year", "hours a month × 12 × the expert rate"),
    ("**First-year cost**", "first-year-cost", "one-off + model + owning it"),
    ("Hours freed a month", "hours-saved-month", "questions × minutes saved ÷ 60"),
    ("Value of hours freed, first year", "time-value-year", "hours a month × 12 × the cost of a staff hour"),
    ("Errors avoided a month", "errors-avoided-month", "questions × (share wrong today − share wrong with it)"),
    ("Value of errors avoided, first year", "error-value-year", "errors a month × 12 × hours per error × the cost of a staff hour"),
    ("**First-year value**", "first-year-value", "hours freed + errors avoided"),
    ("Net, first year", "first-year-net", "value − cost"),
    ("Payback, months", "payback-months", "one-off ÷ (monthly value − monthly model and upkeep)"),
    ("Model's share of first-year cost", "model-share", "model cost ÷ first-year cost"),
    ("Minutes a question must save to break even", "break-even-minutes",
     "first-year cost ÷ (questions a year × the cost of a staff hour ÷ 60), errors unchanged"),
    ("Highest error rate that still pays", "max-error-rate",
     "share wrong today + (value of hours − first-year cost) ÷ (questions a year × hours per error × the cost of a staff hour)"),
)


def _input_value(cat: Catalog, entry, value: Fraction) -> str:
    if entry.unit.startswith("USD"):
        text = cost.usd(value)
    elif entry.unit.startswith("share"):
        text = cost.percent(value)
    else:
        text = f"{float(value):,g} {md(entry.unit)}"
    if entry.rate:
        rate = next(a for a in cat.prices.assumptions if a.id == entry.rate)
        text += f" at {cost.usd(rate.value)} an hour"
    return text


def inputs(cat: Catalog) -> Rendered:
    case = cat.prices.value_case
    v = value_case(cat.prices)
    rows = []
    for entry in case.inputs:
        value = input_value(cat.prices, case, entry.id)
        kind = "Assumption" if entry.assumption else "Sourced"
        note = md(entry.note) if entry.note else ""
        if entry.source:
            note += f" {cites([entry.source])}"
        rows.append([md(entry.label), _input_value(cat, entry, value), kind,
                     f"{note} Checked {date_text(entry.checked)}.".strip()])
    rows.append(["Cost per call", f"{figures.money_text(v.per_call)}", "Cost model",
                 f"{md(v.approach)} on {md(v.model)}, from the [standard comparison](/economics.md#CT-four-ways) "
                 f"at the case's volume; its prices are dated there."])
    return table("fg-value-inputs", ["Input", "Value", "Kind", "Source or note"], rows), []


def results(cat: Catalog) -> Rendered:
    values = figures.value_figures(cat.prices)
    rows = [[label, f"**{values[f'value.{key}']}**" if label.startswith("**") else values[f"value.{key}"], how]
            for label, key, how in RESULTS]
    return table("fg-value-results", ["Result", "Figure", "How it is computed"], rows), []


def _block(cat: Catalog, b) -> Rendered:
    if cat.prices.value_case is None:
        raise ValueError("data/prices.yml has no `value_case:`; add one or remove the block")
    part = b.options["part"]
    if part == "inputs":
        return inputs(cat)
    if part == "results":
        return results(cat)
    return f"{inputs(cat)[0]}\n\n{results(cat)[0]}", []


BLOCKS = {
    "value-case": BlockType(_block, options={"part": choice(lambda cat: {"inputs", "results"}, "part")},
                            help="the worked value case from data/prices.yml: both tables, or `part: inputs` or `part: results`"),
}
