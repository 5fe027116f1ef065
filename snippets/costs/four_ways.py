"""(a) The standard task priced every way: flagship and small model, cached or not,
retrieval, the open-weight model prompted, and that model tuned on a route that exists."""

from fieldguide.economics.cost import usd
from fieldguide.content.data import catalog
from fieldguide.economics import cheapest, compare, model, standard, standard_rows
from fieldguide.economics.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
s = prices.standard
rows = standard_rows(prices)
tuned = compare(prices, standard(prices))
best = cheapest(rows)

print(inputs_line({
    "calls a day": f"{s.calls_per_day:,}",
    "prompt": f"{s.prompt_tokens:,} tokens of instructions and examples ({s.tuned_prompt_tokens:,} once tuned)",
    "question": f"{s.user_tokens:,} tokens",
    "answer": f"{s.output_tokens:,} tokens",
    "cached rows": f"{s.cached_percent}% of each prompt read from cache where the vendor's minimum is reached",
    "tuning program": f"{usd(tuned.tuning.one_off)} up front and {usd(tuned.tuning.recurring_per_year)} a year of re-runs",
}))
print()
print(markdown_table(
    ["Approach", "Model", "Prompt tokens", "Cached", "Per call", "Per month, all in", "First year, all in"],
    [[f"**{r.approach}**" if r is best else r.approach, r.model, f"{r.prompt_tokens:,}" + (
        f" + {r.retrieved_tokens:,} retrieved" if r.retrieved_tokens else ""),
      "yes" if r.cached else "no", "–" if r.per_call is None else usd(r.per_call, 5), usd(r.month), usd(r.first_year)]
     for r in rows],
    right=[2, 4, 5, 6]))
print()
used = [model(prices, m) for m in (s.flagship, s.small, tuned.route.base)]
print(as_of_line(used, f"The cheapest row is in bold. \"All in\" means tokens, dedicated GPUs and the tuning program "
      f"({usd(tuned.tuning.first_year)} in its first year, spread evenly over the months); retrieval's search service "
      "and the engineering of any of these are not priced."))
