"""The price list, the models retiring soon, and the assumptions every table on this page uses."""

from fieldguide.content.data import catalog
from fieldguide.economics import date_text, retiring_soon
from fieldguide.economics.figures import number_text, price_text
from fieldguide.content.schema import TODAY
from fieldguide.economics.tables import as_of_line, cites, markdown_table

cat = catalog()
prices = cat.prices
soon = {m.id for m in retiring_soon(prices, TODAY())}  # the day the build runs: shutdowns come near


def price(value) -> str:
    return "–" if value is None else price_text(value)


def status(m) -> str:
    if m.status == "current":
        return "current"
    flag = " ⚠ within 90 days" if m.id in soon else ""
    return f"legacy: shuts down {date_text(m.shutdown)}{flag} [@{m.shutdown_source}]"


def long_prompts(m) -> str:
    if m.long_context is None:
        return "–"
    t = m.long_context
    return f"above {t.above:,} tokens: {price_text(t.input)} / {price_text(t.output)}"


def intro(m) -> str:
    if m.intro is None:
        return ""
    return (f" Introductory price until {date_text(m.intro.until)}: {price_text(m.intro.input)} input, "
            f"{price_text(m.intro.output)} output.")


offered = [m for m in prices.models if m.status != "retired"]
rows = [
    [m.name, status(m), price(m.input), price(m.cached_input), price(m.cache_write), price(m.output), price(m.training),
     "–" if m.cache_min_tokens is None else f"{m.cache_min_tokens:,}", long_prompts(m),
     "–" if m.batch_discount is None else f"{m.batch_discount * 100:.0f}% off",
     f"{m.vendor} [@{m.source}]{intro(m)}", date_text(m.checked)]
    for m in offered
]
print(markdown_table(
    ["Model", "Status", "Input", "Cached input", "Cache write", "Output", "Training", "Cached from (tokens)",
     "Long prompts", "Batch", "Source", "Checked"],
    rows, right=range(2, 8)))
print()
print("US dollars per million tokens; training is per million training tokens. A dash "
      "means the vendor lists no such price. A model's cached-input price applies only to prompts at least as long "
      "as its caching minimum. Introductory prices are noted, but every table uses the regular price.")
print(as_of_line(offered))
retired = [m for m in prices.models if m.status == "retired"]
if retired:
    print()
    print("Retired, quoted on this site only as history: " + "; ".join(
        f"{m.name}, {price_text(m.input)} input and {price_text(m.output)} output per million tokens, shut down "
        f"{date_text(m.shutdown)} {cites([m.source, m.shutdown_source])}" for m in retired) + ".")
print()
rows = [
    [a.label, f"{price_text(a.value) if a.unit.startswith('USD') else number_text(a.value)} ({a.unit})",
     f"[@{a.source}]" if a.source else "Assumption", a.note or "", date_text(a.checked)]
    for a in prices.assumptions
]
print(markdown_table(["Assumption", "Value", "Basis", "Note", "Checked"], rows))
