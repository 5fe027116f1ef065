"""The economics page: its tables, its prose figures and the calculator follow the price data.

The drift test reads a copy of the project whose flagship price was raised (the ``edited``
fixture), built for real; the faults in figures are in ``test_faults.py``.
"""

from __future__ import annotations

import json
from fractions import Fraction
import re

import pytest
from bs4 import BeautifulSoup

from fieldguide.economics import calculator
from fieldguide.economics import cost
from fieldguide import economics
from fieldguide.economics import figures
from fieldguide.content.data import catalog, load_catalog

pytestmark = pytest.mark.build

CAT = catalog()
TABLES = ("CT-four-ways", "CT-saving", "CT-by-volume", "CT-routes", "CT-program", "CT-spectrum", "CT-kb-caching",
          "CT-levers", "CT-prices")
GUIDE_TABLES = ("CT-four-ways", "CT-saving", "CT-by-volume", "CT-routes", "CT-program", "CT-spectrum", "CT-kb-caching")
STANDARD = economics.standard(CAT.prices)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def section(page: BeautifulSoup, anchor: str) -> str:
    """The text from a heading to the next heading of the same level."""
    heading = page.find(id=anchor)
    parts = []
    for el in heading.find_next_siblings():
        if el.name == "h2":
            break
        parts.append(el.get_text(" ", strip=True))
    return " ".join(parts)


def rows(page: BeautifulSoup, anchor: str) -> list[list[str]]:
    table = page.find(id=anchor).find_next("table")
    return [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def test_every_cost_table_shows_inputs_prices_date_and_its_working(site):
    page = soup(site.page("economics/index.html"))
    as_of = economics.date_text(economics.prices_as_of(CAT.prices.models))
    for anchor in TABLES:
        text = section(page, anchor)
        heading = page.find(id=anchor)
        block = heading.find_next(class_="tabbed-set")
        labels = [label.get_text() for label in block.select(".tabbed-labels label")]
        assert labels == ["Table", "How this was computed"], (anchor, labels)
        assert block.find("table"), f"{anchor}: no table"
        working = block.select(".tabbed-block")[1]
        code = working.select_one(".highlight pre code")
        assert code and "from fieldguide" in code.get_text(), f"{anchor}: the working tab must show the snippet as highlighted code"
        assert f"as of {as_of}" in text, f"{anchor}: no as-of date"
        if anchor not in ("CT-prices", "CT-program", "CT-levers"):
            assert "Inputs:" in text, f"{anchor}: the inputs are not shown"
        assert "[@" not in re.sub(r"<pre.*?</pre>", "", str(block), flags=re.S), f"{anchor}: unnumbered citation"


def test_the_production_guide_carries_the_same_live_tables(site):
    page = soup(site.page("economics/index.html"))
    guide = soup(site.page("guides/production-economics/index.html"))
    def values(page_, anchor):  # citation numbers differ from page to page
        return [[re.sub(r"\[\d+\]", "[n]", cell) for cell in row] for row in rows(page_, anchor)]

    for anchor in GUIDE_TABLES:
        assert values(guide, anchor) == values(page, anchor), anchor


def test_the_volume_table_marks_the_break_even_the_model_computes(site):
    page = soup(site.page("economics/index.html"))
    even = economics.compare(CAT.prices, STANDARD).break_even
    marked = [r for r in rows(page, "CT-by-volume") if "pays back" in r[-1]]
    assert f"{even:,}" in [r[0] for r in marked]
    volumes = [int(r[0].replace(",", "")) for r in rows(page, "CT-by-volume")]
    assert volumes == sorted(volumes) and {1_000, 1_000_000} <= set(volumes)


def test_the_standard_table_names_the_cheapest_row_and_prices_the_fair_baseline(site):
    page = soup(site.page("economics/index.html"))
    table = rows(page, "CT-four-ways")
    model_rows = {r.key: r for r in economics.standard_rows(CAT.prices)}
    assert len(table) == len(model_rows) == 7
    for got, want in zip(table, model_rows.values(), strict=True):
        assert got[1].replace(" ", "") == want.model.replace(" ", "") and got[5] == cost.usd(want.month), (got, want)
    best = economics.cheapest(list(model_rows.values()))
    bold = page.find(id="CT-four-ways").find_next("table").select("tbody tr td strong")
    assert [" ".join(b.get_text(" ").split()) for b in bold] == [best.approach]
    names = [r[1] for r in table]
    assert "GPT-6 Luna" in names, "the small model prompted, the row a buyer's engineer raises first"


def test_the_saving_table_adds_up_for_every_priced_route(site):
    page = soup(site.page("economics/index.html"))
    for row in rows(page, "CT-saving"):
        money = [Fraction(c.replace("−", "-").replace("$", "").replace(",", "")) for c in row[1:]]
        prompted, down, short, premium, program, tuned = money
        assert prompted + down + short + premium + program == tuned, row


def test_prose_figures_on_pages_equal_the_model(site):
    text = " ".join(soup(site.page("economics/index.html")).get_text(" ").split())
    r = economics.compare(CAT.prices, STANDARD)
    best = economics.cheapest(economics.standard_rows(CAT.prices))
    assert f"the cheapest way to run the standard task is {best.model}" in text
    assert f"at about {figures.money_text(best.month)} a month" in text
    assert f"costs about {figures.money_text(r.tuned.month)} a month with its tuning program" in text
    assert "never pays back against the same model prompted" in text and r.break_even_small is None
    assert f"beats from {r.break_even:,} calls a day" in text
    assert f"{figures.money_text(r.saving.downsizing)} a month comes from moving to a smaller model" in text
    assert "{{" not in text
    card = soup(site.page("cards/prompting/index.html")).get_text(" ")
    one_k = cost.per_call(economics.model(CAT.prices, "gpt-6-luna"), cost.RequestShape(1_000, 0, 0, 0))
    assert f"costs about {figures.money_text(one_k)} per call" in " ".join(card.split())


def test_the_page_flags_models_retiring_within_90_days(site):
    page = soup(site.page("economics/index.html"))
    notice = page.select_one(".admonition.warning")
    assert notice is not None and "Retiring within 90 days" in notice.get_text()
    for m in economics.retiring_soon(CAT.prices):
        assert m.name in notice.get_text() and economics.date_text(m.shutdown) in notice.get_text()
    listed = {r[0]: r[1] for r in rows(page, "CT-prices")}
    assert "legacy: shuts down 14 January 2027" in listed["GPT-4.1 mini"]
    assert "within 90 days" in listed["GPT-4.1 mini"]
    assert listed["GPT-6.2 Sol"] == "current"
    assert "GPT-4o (2024-05-13, launch version)" not in listed, "a retired model is never listed as an option"


def test_no_page_shows_an_unresolved_figure_reference(site):
    def prose(path):  # code may show the syntax itself
        return re.sub(r"<(pre|code)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)

    leftovers = [p.relative_to(site.site) for p in site.site.rglob("*.html") if re.search(r"\{\{\s*[a-z]", prose(p))]
    assert not leftovers


def test_changing_one_price_changes_every_number_that_depends_on_it(edited):
    """The edited copy raised GPT-6.2 Sol's input price from $2.00 to $2.40 and changed nothing else of the economics."""
    build = edited.build
    changed = load_catalog(edited.project / "data").prices
    page = soup(build.page("economics/index.html"))
    sol = economics.model(changed, "gpt-6-2-sol")
    shape = cost.RequestShape(6_000, 0, 200, 400)
    # (a) the standard table: $2.40 x 6,200 + $10 x 400 per million = $0.01888 a call.
    first = rows(page, "CT-four-ways")[0]
    assert first[4] == cost.usd(cost.per_call(sol, shape), 5) == "$0.01888"
    assert first[5] == cost.usd(cost.monthly(sol, shape, 100_000)) == "$56,640.00"
    # (b) the break-even moves, (prose) the headline follows, (calculator) its data and defaults follow.
    r = economics.compare(changed, economics.standard(changed))
    assert r.break_even != economics.compare(CAT.prices, STANDARD).break_even
    assert f"{r.break_even:,}" in [row[0] for row in rows(page, "CT-by-volume")]
    text = " ".join(page.get_text(" ").split())
    assert f"{sol.name} at {figures.money_text(r.prompted.month)} a month with its prompt cached" in text
    assert "$19,320" not in text
    blob = json.loads(page.select_one(".fg-calc-data").string)
    assert next(m for m in blob["models"] if m["id"] == "gpt-6-2-sol")["input"] == "2.40"
    # (prices) the list shows the new price.
    assert any(row[0] == "GPT-6.2 Sol" and row[2] == "$2.40" for row in rows(page, "CT-prices"))
    # 5,400 x 0.10 + 600 x 2.50 + 200 x 2.40 + 400 x 10 = 6,520 millionths a call: $19,560 a month.
    assert calculator.results(changed, economics.standard(changed))["prompted-month"] == "$19,560.00"


def test_figure_references_in_code_are_left_alone():
    text, problems = figures.resolve("Write `{{ price.gpt-4o.input }}` or `$5` to get {{ price.gpt-4o.input }}.",
                                     figures.compute(CAT.prices))
    assert problems == []
    assert text == "Write `{{ price.gpt-4o.input }}` or `$5` to get $2.50."
