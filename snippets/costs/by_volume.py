"""(b) Monthly cost by daily volume, and where tuning pays back."""

from fieldguide.economics.cost import calls, usd
from fieldguide.content.data import catalog
from fieldguide.economics import compare, model, standard, standard_rows
from fieldguide.economics.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
s = prices.standard
result = compare(prices, standard(prices))
VOLUMES = [100, 1_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
marks: dict[int, list[str]] = {v: [] for v in VOLUMES}
for label, even in (("pays back against the flagship", result.break_even),
                    ("pays back against the same model prompted", result.break_even_small)):
    if even is not None:
        marks.setdefault(even, []).append(label)

KEYS = ("flagship-cached", "small-cached", "base-cached", "tuned")
rows = []
for volume in sorted(marks):
    by_key = {r.key: r for r in standard_rows(prices, volume)}
    cheapest = min(KEYS, key=lambda k: by_key[k].month)
    cells = [usd(by_key[k].month) for k in KEYS]
    note = "; ".join(marks[volume])
    rows.append([f"**{calls(volume)}**" if note else calls(volume), *cells, by_key[cheapest].model,
                 f"**{note}**" if note else ""])

base_name = model(prices, result.route.base).name
print(inputs_line({
    "every column": f"the standard task with {s.cached_percent}% of each prompt cached where caching applies",
    "tuned": f"{base_name} with a {s.tuned_prompt_tokens:,}-token prompt on whole dedicated GPUs, its tuning program "
             "spread over twelve months",
}))
print()
print(markdown_table(
    ["Calls a day", model(prices, s.flagship).name, model(prices, s.small).name, f"{base_name}, prompted",
     f"{base_name}, tuned", "Cheapest", "Break-even"],
    rows, right=range(0, 5)))
print()
never = [] if result.break_even_small is not None else [
    f"Against {base_name} prompted, the tuned model never pays back at these prices: each GPU added costs more "
    "than the calls it serves would cost per token."]
print(as_of_line([model(prices, m) for m in (s.flagship, s.small, result.route.base)], " ".join(never)))
