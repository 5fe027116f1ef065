"""The same task priced four ways: printed as a Markdown table at build time."""

from decimal import Decimal

from fieldguide.cost import RequestShape, monthly, per_call, usd
from fieldguide.data import catalog

prices = {m.id: m for m in catalog().prices.models}
CALLS_PER_DAY = 100_000

ways = [
    ("Prompted frontier model", "gpt-4-1", RequestShape(6_000, 0, 200, 400)),
    ("The same, with prefix caching", "gpt-4-1", RequestShape(6_000, 0, 200, 400, cached_share=Decimal("0.95"))),
    ("Retrieval with a short prompt", "gpt-4-1", RequestShape(800, 2_000, 200, 400)),
    ("Fine-tuned small model", "ft-gpt-4-1-mini", RequestShape(300, 0, 200, 400)),
]

print("| Approach | Model | Input tokens (cached) | Output tokens | Per call | Per month at 100,000 calls a day |")
print("|---|---|---:|---:|---:|---:|")
for label, model_id, shape in ways:
    model = prices[model_id]
    cached = f"{shape.input_tokens:,} ({int(shape.cached_tokens):,})"
    print(
        f"| {label} | {model.name} | {cached} | {shape.output_tokens:,} | "
        f"{usd(per_call(model, shape), 4)} | {usd(monthly(model, shape, CALLS_PER_DAY))} |"
    )
checked = max(prices[m].checked for _, m, _ in ways)
print(f"\nList prices as of {checked:%d %B %Y}; a month is 30 days.")
