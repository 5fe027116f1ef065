"""(d) A 200,000-token knowledge base in the prompt, with and without caching."""

from decimal import Decimal

from fieldguide.cost import RequestShape, min_cache_hit_share, monthly, per_call, percent, usd
from fieldguide.data import catalog
from fieldguide.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
KB, QUESTION, ANSWER = 200_000, 200, 400
PASSAGES, INSTRUCTIONS = 4_000, 500  # the retrieval alternative
CALLS_PER_DAY = 1_000
HIT = Decimal("0.9")  # share of calls that find the knowledge base in cache

rows, left_out, used = [], [], []
for m in prices.models:
    if m.kind != "chat" or m.fine_tuned_from or m.id.startswith("gpt-4o-20"):
        continue
    if m.context_window is None or m.context_window < KB + QUESTION + ANSWER:
        left_out.append(m.name)
        continue
    used.append(m)
    whole = RequestShape(KB, 0, QUESTION, ANSWER)
    cached = RequestShape(KB, 0, QUESTION, ANSWER, HIT)
    rag = RequestShape(INSTRUCTIONS, PASSAGES, QUESTION, ANSWER)
    saving = 1 - per_call(m, cached) / per_call(m, whole)
    rows.append([
        m.name, usd(per_call(m, whole), 4), usd(per_call(m, cached), 4), percent(saving), usd(per_call(m, rag), 4),
        usd(monthly(m, whole, CALLS_PER_DAY)), usd(monthly(m, cached, CALLS_PER_DAY)), usd(monthly(m, rag, CALLS_PER_DAY)),
    ])

print(inputs_line({
    "knowledge base": f"{KB:,} tokens in the prompt",
    "cache hits": f"{percent(HIT)} of calls",
    "retrieval instead": f"{PASSAGES:,} tokens of passages and a {INSTRUCTIONS:,}-token prompt",
    "each call": f"{QUESTION:,}-token question, {ANSWER:,}-token answer",
    "volume": f"{CALLS_PER_DAY:,} calls a day",
}))
print()
print(markdown_table(
    ["Model", "Per call, uncached", "Per call, cached", "Saved by caching", "Per call, retrieval",
     "Month, uncached", "Month, cached", "Month, retrieval"],
    rows, right=range(1, 8)))
print()
notes = []
if left_out:
    notes.append(f"Left out because the knowledge base is larger than the prompt their listed prices cover: {', '.join(left_out)}.")
writers = [m for m in prices.models if m.cache_write is not None]
for m in writers:
    notes.append(f"{m.name} charges extra to write the cache, so caching pays only above a {percent(min_cache_hit_share(m))} hit rate.")
print(as_of_line(used, " ".join(notes)))
