"""(c) The tuning routes that exist: priced where their prices are published, and how each bills."""

from dataclasses import replace

from fieldguide.economics.cost import usd
from fieldguide.content.data import catalog
from fieldguide.economics import compare, date_text, model, standard
from fieldguide.economics.tables import as_of_line, cites, inputs_line, markdown_table

prices = catalog().prices
base = standard(prices)
CONSOLE = "priced in the console"


rows, used = [], []
for r in prices.routes:
    if r.status == "retired":
        continue
    status = "current" if r.status == "current" else f"closing: serves until {date_text(r.serves_until)}"
    if r.priced:
        result = compare(prices, replace(base, route=r.id))
        used.append(model(prices, r.base))
        call = result.tuned.average_call(base.calls_per_day)
        per_call = "–" if call is None else usd(call, 5)
        fixed = usd(result.tuned.fixed_month) if r.serving == "dedicated-gpu" else "–"
        year = (f"not possible: stops {date_text(r.serves_until)}" if r.status == "legacy"
                else usd(result.tuned.year))
    else:
        per_call = fixed = year = CONSOLE
    rows.append([f"**{r.name}**", status, per_call, fixed, year, r.billing, r.weights + " " + cites(r.sources)])
print(inputs_line({
    "figures for": f"the standard task at {base.calls_per_day:,} calls a day, with the tuning program in the first year",
}))
print()
print(markdown_table(
    ["Route", "Status", "Per call", "Fixed a month (GPUs)", "First year, all in", "How it bills", "Who holds the weights"],
    rows, right=range(2, 5)))
print()
legacy = [r for r in prices.routes if r.status == "legacy"]
lines = []
for r in legacy:
    steps = "; ".join(f"{date_text(d.date)}: {d.what.rstrip('.')}" for d in r.dates)
    lines.append(f"{r.name}: {steps}.")
print(as_of_line(used, " ".join(lines) + " \"Priced in the console\": the vendor publishes no rate card the guide "
      "could check, so no figure is given; the billing terms are the vendor's own."))
