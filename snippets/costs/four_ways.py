"""(a) The same task priced four ways, tuning program included."""

from decimal import Decimal

from fieldguide.cost import RequestShape, monthly, per_call, usd
from fieldguide.data import catalog
from fieldguide.economics import STANDARD as S
from fieldguide.economics import compare, model
from fieldguide.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
frontier, tuned = model(prices, S.prompted), model(prices, S.tuned)
tuning = compare(prices, S).tuning  # curation + first run + re-runs, for the tuned row
CACHED = Decimal("0.9")

ways = [  # (approach, model, call shape, one-off cost in the first year)
    ("Prompted frontier model", frontier, RequestShape(S.prompt_tokens, 0, S.user_tokens, S.output_tokens), 0),
    (f"The same, {CACHED:.0%} of the prompt cached", frontier,
     RequestShape(S.prompt_tokens, 0, S.user_tokens, S.output_tokens, CACHED), 0),
    ("Retrieval with a short prompt", frontier, RequestShape(800, 2_000, S.user_tokens, S.output_tokens), 0),
    ("Fine-tuned small model", tuned,
     RequestShape(S.tuned_prompt_tokens, 0, S.user_tokens, S.output_tokens), tuning.first_year),
]

print(inputs_line({
    "calls a day": f"{S.calls_per_day:,}",
    "question": f"{S.user_tokens:,} tokens",
    "answer": f"{S.output_tokens:,} tokens",
    "tuning program": f"{usd(tuning.one_off)} up front and {usd(tuning.recurring_per_year)} a year of re-runs",
}))
print()
rows = []
for label, m, shape, upfront in ways:
    call = per_call(m, shape)
    month = monthly(m, shape, S.calls_per_day)
    rows.append([
        label, m.name, f"{shape.system_tokens:,}", f"{shape.retrieved_tokens:,}", f"{round(shape.cached_tokens):,}",
        usd(call, 5), usd(month), usd(month * 12 + upfront),
    ])
print(markdown_table(
    ["Approach", "Model", "Prompt tokens", "Retrieved tokens", "Cached tokens", "Per call", "Per month",
     "First year, all in"],
    rows, right=range(2, 8)))
print()
print(as_of_line([frontier, tuned], "Retrieval's search service and the people who build any of these are not priced."))
