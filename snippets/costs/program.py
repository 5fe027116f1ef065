"""(d) The tuning program in full: the data work, every run and its evaluation, and the weeks it takes."""

from fieldguide.economics.cost import usd
from fieldguide.content.data import catalog
from fieldguide.economics import assumption, compare, date_text, standard
from fieldguide.economics.figures import number_text
from fieldguide.economics.tables import markdown_table

prices = catalog().prices
result = compare(prices, standard(prices))
p, t = result.plan, result.tuning
rate = usd(p.hourly_rate)
if result.route.training == "gpu-hours":
    compute_basis = (f"{number_text(assumption(prices, 'lora-run-gpu-hours'))} GPU-hours at "
                     f"{usd(assumption(prices, 'gpu-hour'))} an hour")
else:
    compute_basis = f"{number_text(p.training_tokens)} training tokens"
rows = [
    ["Curating the examples", f"{p.examples:,} examples at {p.minutes_per_example} expert minutes each, {rate} an hour",
     "once", usd(t.curation)],
    ["Training compute", compute_basis, "each run", usd(t.compute_per_run)],
    ["Evaluation and regression checks", f"{p.eval_hours_per_run} expert hours at {rate}", "each run",
     usd(t.evaluation_per_run)],
    ["First run", "compute and evaluation", "once", usd(t.run)],
    ["Re-runs", f"{p.reruns_per_year} a year when the behavior or the base model changes", "each year",
     usd(t.recurring_per_year)],
    ["**Tuning program, first year**", "curation, the first run and a year of re-runs", "", f"**{usd(t.first_year)}**"],
    ["Serving the tuned model", f"{result.tuned.label}", "each month", usd(result.tuned.fixed_month)],
]
print(markdown_table(["Item", "Basis", "When", "Cost"], rows, right=[3]))
print()
data_weeks = p.weeks - p.weeks_per_run
print(f"**Timeline:** about {p.weeks} weeks to a first tuned model: {data_weeks} of data work at "
      f"{p.expert_hours_per_week} expert hours a week, then {p.weeks_per_run} for a run, its evaluation and sign-off. "
      "Every figure here except the GPU's hourly price is an assumption, listed with the prices below; change them "
      "in the calculator.")
print()
gpu = next(a for a in prices.assumptions if a.id == "gpu-hour")
print(f"The GPU's hourly price as of {date_text(gpu.checked)}; a month is 30 days.")
