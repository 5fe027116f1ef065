"""(b) Monthly cost by daily volume, and where tuning pays back."""

from dataclasses import replace

from fieldguide.cost import calls, usd
from fieldguide.data import catalog
from fieldguide.economics import STANDARD, compare, model
from fieldguide.tables import as_of_line, inputs_line, markdown_table

prices = catalog().prices
VOLUMES = [1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
uncached = STANDARD
cached = replace(STANDARD, cached_percent=90)  # the same prompts, 90% read from cache
frontier, tuned = model(prices, STANDARD.prompted), model(prices, STANDARD.tuned)

plain_even = compare(prices, uncached).break_even_calls
cached_even = compare(prices, cached).break_even_calls
marks = {v: [] for v in VOLUMES}
for label, even in (("uncached", plain_even), ("cached", cached_even)):
    if even is not None:
        marks.setdefault(even, []).append(label)

rows = []
for volume in sorted(marks):
    a = compare(prices, replace(uncached, calls_per_day=volume))
    b = compare(prices, replace(cached, calls_per_day=volume))
    note = " and ".join(f"break-even, {m}" for m in marks[volume])
    cheaper = "tuned" if a.tuned_month < a.prompted_month else "prompted"
    rows.append([
        f"**{calls(volume)}**" if note else calls(volume),
        usd(a.prompted_month), usd(b.prompted_month), usd(a.tuned_month), usd(b.tuned_month), cheaper,
        f"**{note}**" if note else "",
    ])

print(inputs_line({
    "prompted": f"{frontier.name}, {STANDARD.prompt_tokens:,}-token prompt",
    "tuned": f"{tuned.name}, {STANDARD.tuned_prompt_tokens:,}-token prompt, tuning program spread over 12 months",
    "each call": f"{STANDARD.user_tokens:,} tokens in, {STANDARD.output_tokens:,} out",
    "cached columns": f"{cached.cached_percent}% of each prompt read from cache",
}))
print()
print(markdown_table(
    ["Calls a day", "Prompted", "Prompted, cached", "Tuned", "Tuned, cached", "Cheaper (uncached)", "Break-even"],
    rows, right=range(0, 5)))
print()
never = [m for m, e in (("uncached", plain_even), ("cached", cached_even)) if e is None]
extra = f"With caching {' and '.join(never)}, the tuned model never pays back." if never else ""
print(as_of_line([frontier, tuned], extra))
