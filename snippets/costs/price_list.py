"""The price list and the assumptions every table on this page uses."""

from fieldguide.data import catalog
from fieldguide.economics import date_text
from fieldguide.figures import number_text, price_text
from fieldguide.tables import as_of_line, markdown_table

cat = catalog()


def price(value) -> str:
    return "–" if value is None else price_text(value)


rows = [
    [m.name, price(m.input), price(m.cached_input), price(m.cache_write), price(m.output), price(m.training),
     f"{m.vendor} [@{m.source}]", date_text(m.checked)]
    for m in cat.prices.models
]
print(markdown_table(
    ["Model", "Input", "Cached input", "Cache write", "Output", "Training", "Source", "Checked"],
    rows, right=range(1, 6)))
print()
print("US dollars per million tokens; training is per million training tokens. A dash means the vendor lists no such price.")
print(as_of_line(list(cat.prices.models)))
print()
rows = [
    [a.label, f"{price_text(a.value) if a.unit.startswith('USD') else number_text(a.value)} ({a.unit})",
     f"[@{a.source}]" if a.source else "Assumption", a.note or "", date_text(a.checked)]
    for a in cat.prices.assumptions
]
print(markdown_table(["Assumption", "Value", "Basis", "Note", "Checked"], rows))
