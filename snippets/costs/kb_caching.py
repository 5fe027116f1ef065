"""(f) A knowledge base in the prompt, cached or not, against retrieval, on every current model it fits."""

from decimal import Decimal
from fractions import Fraction

from fieldguide.economics.cost import RequestShape, min_cache_hit_share, monthly, per_call, percent, usd
from fieldguide.content.data import catalog
from fieldguide.economics import current_models, knowledge_crossover, model_label, retrieval_build
from fieldguide.economics.figures import KB_TOKENS
from fieldguide.economics.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
s = prices.standard
QUESTION, ANSWER = s.user_tokens, s.output_tokens
PASSAGES, INSTRUCTIONS = 4_000, 500  # the retrieval alternative
CALLS_PER_DAY = 1_000
HIT = Decimal("0.9")  # share of each prompt read from cache
build = retrieval_build(prices)

rows, too_small, unknown, used, tiered = [], [], [], [], []
for m in current_models(prices):
    if m.fine_tuned_from:
        continue
    if m.context_window is None:
        unknown.append(m.name)
        continue
    if m.context_window < KB_TOKENS + QUESTION + ANSWER:
        too_small.append(m.name)
        continue
    used.append(m)
    whole = RequestShape(KB_TOKENS, 0, QUESTION, ANSWER)
    cached = RequestShape(KB_TOKENS, 0, QUESTION, ANSWER, HIT)
    rag = RequestShape(INSTRUCTIONS, PASSAGES, QUESTION, ANSWER)
    if m.long_context and whole.input_tokens > m.long_context.above:
        tiered.append(m)
    cached_month = Fraction(monthly(m, cached, CALLS_PER_DAY))
    rag_month = Fraction(monthly(m, rag, CALLS_PER_DAY))
    rows.append([
        model_label(m), usd(per_call(m, whole), 4), usd(per_call(m, cached), 4), usd(per_call(m, rag), 4),
        usd(monthly(m, whole, CALLS_PER_DAY)), usd(cached_month), usd(rag_month),
        usd(cached_month * 12), usd(rag_month * 12 + build),
    ])

print(inputs_line({
    "knowledge base": f"{KB_TOKENS:,} tokens in the prompt",
    "cache hits": f"{percent(HIT)} of each prompt",
    "retrieval instead": f"{PASSAGES:,} tokens of passages, a {INSTRUCTIONS:,}-token prompt, and {usd(build)} to build it",
    "each call": f"{QUESTION:,}-token question, {ANSWER:,}-token answer",
    "volume": f"{CALLS_PER_DAY:,} calls a day",
}))
print()
print(markdown_table(
    ["Model", "Per call, uncached", "Per call, cached", "Per call, retrieval",
     "Month, uncached", "Month, cached", "Month, retrieval", "First year, cached", "First year, retrieval and its build"],
    rows, right=range(1, 9)))
print()
notes = []
if tiered:
    notes.append(f"A prompt this long is billed at the long-prompt rate, for every token, on {', '.join(m.name for m in tiered)}; "
                 "the table uses it.")
if too_small:
    notes.append(f"Left out because the corpus is larger than their window: {', '.join(too_small)}.")
if unknown:
    notes.append(f"Left out because their window is not published on the pages checked: {', '.join(unknown)}.")
writers = sorted({percent(min_cache_hit_share(m)) for m in used if min_cache_hit_share(m) > 0})
if writers:
    notes.append(f"Models that charge to write the cache repay it only above a {' to '.join(writers)} hit rate: "
                 + ", ".join(m.name for m in used if min_cache_hit_share(m) > 0) + ".")
crossover = knowledge_crossover(prices, KB_TOKENS)
if crossover is not None:
    notes.append(f"On {[m for m in used if m.id == s.flagship][0].name}, a year of retrieval with its build costs less "
                 f"than a year of this corpus in a cached prompt from {crossover:,} calls a day.")
print(as_of_line(used, " ".join(notes)))
