"""(a2) Where a tuned model's saving comes from, route by route: four parts that add up."""

from dataclasses import replace

from fieldguide.economics.cost import usd
from fieldguide.content.data import catalog
from fieldguide.economics import compare, model, standard
from fieldguide.economics.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
base = standard(prices)
routes = [r for r in prices.routes if r.priced and r.status != "retired"]


def signed(amount) -> str:
    return usd(amount) if amount >= 0 else "−" + usd(-amount)


rows, used = [], []
for r in routes:
    result = compare(prices, replace(base, route=r.id))
    sv = result.saving
    used += [model(prices, result.inputs.prompted), model(prices, r.base)]
    rows.append([
        r.name + (" (closing)" if r.status == "legacy" else ""),
        usd(result.prompted.month), signed(-sv.downsizing), signed(-sv.shortening), signed(sv.premium),
        signed(sv.program), usd(result.tuned.month),
    ])
print(inputs_line({
    "against": f"{model(prices, base.prompted).name} prompted, {base.cached_percent}% of the prompt cached",
    "volume": f"{base.calls_per_day:,} calls a day",
}))
print()
print(markdown_table(
    ["Route", "Prompted flagship, a month", "Moving to the small model", "Shorter prompt", "Serving the tuned model",
     "Tuning program", "Tuned, a month, all in"],
    rows, right=range(1, 7)))
print()
print(as_of_line(used, "Each row adds up: the flagship's month, less what the smaller model and the shorter prompt "
      "save, plus what serving the tuned model costs over the small model's own price for the short prompt, plus a "
      "twelfth of the tuning program's first year."))
