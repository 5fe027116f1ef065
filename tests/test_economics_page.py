"""The economics page: its tables, its prose figures and the calculator follow the price data.

Drift tests change the data in a copy of the project, build it for real, and read the HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from conftest import run_build
from fieldguide import calculator, cost, economics, figures
from fieldguide.data import load_catalog
from test_build_failures import edit, failed, line_of

pytestmark = pytest.mark.build

CAT = load_catalog()
TABLES = ("CT-four-ways", "CT-by-volume", "CT-spectrum", "CT-kb-caching", "CT-prices")


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
        if anchor != "CT-prices":
            assert "Inputs:" in text, f"{anchor}: the inputs are not shown"
        assert "[@" not in re.sub(r"<pre.*?</pre>", "", str(block), flags=re.S), f"{anchor}: unnumbered citation"


def test_the_production_guide_carries_the_same_live_tables(site):
    page = soup(site.page("economics/index.html"))
    guide = soup(site.page("guides/production-economics/index.html"))
    def values(page_, anchor):  # citation numbers differ from page to page
        return [[re.sub(r"\[\d+\]", "[n]", cell) for cell in row] for row in rows(page_, anchor)]

    for anchor in ("CT-four-ways", "CT-by-volume", "CT-spectrum", "CT-kb-caching"):
        assert values(guide, anchor) == values(page, anchor), anchor


def test_the_volume_table_marks_the_break_even_the_model_computes(site):
    page = soup(site.page("economics/index.html"))
    even = economics.compare(CAT.prices, economics.STANDARD).break_even_calls
    marked = [r for r in rows(page, "CT-by-volume") if "break-even" in r[-1]]
    assert f"{even:,}" in [r[0] for r in marked]
    volumes = [int(r[0].replace(",", "")) for r in rows(page, "CT-by-volume")]
    assert volumes == sorted(volumes) and {1_000, 1_000_000} <= set(volumes)


def test_prose_figures_on_pages_equal_the_model(site):
    text = soup(site.page("economics/index.html")).get_text(" ")
    r = economics.compare(CAT.prices, economics.STANDARD)
    assert f"about {figures.money_text(r.prompted_month)} a month" in text
    assert f"costs about {figures.money_text(r.tuned_month)}" in text
    assert f"from about {r.break_even_calls:,} calls" in text
    assert "{{" not in text
    card = soup(site.page("cards/prompting/index.html")).get_text(" ")
    one_k = cost.per_call(economics.model(CAT.prices, "gpt-4-1-mini"), cost.RequestShape(1_000, 0, 0, 0))
    assert f"costs about {figures.money_text(one_k)} per call" in " ".join(card.split())


def test_no_page_shows_an_unresolved_figure_reference(site):
    def prose(path):  # code may show the syntax itself
        return re.sub(r"<(pre|code)\b.*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)

    leftovers = [p.relative_to(site.site) for p in site.site.rglob("*.html") if re.search(r"\{\{\s*[a-z]", prose(p))]
    assert not leftovers


def test_changing_one_price_changes_every_number_that_depends_on_it(project_copy):
    prices = project_copy / "data/prices.yml"
    edit(prices, 'id: gpt-4-1, name: "GPT-4.1", vendor: OpenAI, input: "2.00"', 'id: gpt-4-1, name: "GPT-4.1", vendor: OpenAI, input: "2.40"')
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output[-3000:]
    changed = load_catalog(project_copy / "data").prices
    page = soup(build.page("economics/index.html"))
    gpt41 = economics.model(changed, "gpt-4-1")
    shape = cost.RequestShape(6_000, 0, 200, 400)
    # (a) the four-way table: $2.40 x 6,200 + $8 x 400 per million = $0.01808 a call.
    first = rows(page, "CT-four-ways")[0]
    assert first[5] == cost.usd(cost.per_call(gpt41, shape), 5) == "$0.01808"
    assert first[6] == cost.usd(cost.monthly(gpt41, shape, 100_000)) == "$54,240.00"
    # (b) the break-even moves, (prose) the summary follows, (calculator) its data and defaults follow.
    r = economics.compare(changed, economics.STANDARD)
    assert r.break_even_calls != economics.compare(CAT.prices, economics.STANDARD).break_even_calls
    assert f"{r.break_even_calls:,}" in [row[0] for row in rows(page, "CT-by-volume")]
    text = page.get_text(" ")
    assert f"about {figures.money_text(r.prompted_month)} a month" in text
    assert "$46,800" not in text
    blob = json.loads(page.select_one(".fg-calc-data").string)
    assert next(m for m in blob["models"] if m["id"] == "gpt-4-1")["input"] == "2.40"
    # (prices) the list shows the new price.
    assert any(row[0] == "GPT-4.1" and row[1] == "$2.40" for row in rows(page, "CT-prices"))
    assert calculator.results(changed, economics.STANDARD)["prompted-month"] == "$54,240.00"


def test_a_typed_figure_on_a_page_stops_the_build_naming_page_line_and_figure(project_copy):
    page = project_copy / "docs/economics.md"
    edit(page, "prompting costs about {{ standard.prompted-month }} a month", "prompting costs about $41,000 a month")
    out = failed(project_copy)
    line = line_of(page, "$41,000")
    assert f"docs/economics.md:{line}: the figure '$41,000' is typed, so it will not follow the price data" in out


def test_a_typed_figure_in_data_stops_the_build_naming_file_line_and_figure(project_copy):
    phrases = project_copy / "data/phrases.yml"
    edit(phrases, "lists at {{ price.gpt-4o.input }} input", "lists at $2.75 input")
    out = failed(project_copy)
    assert re.search(rf"data/phrases\.yml:{line_of(phrases, '$2.75 input')}: phrases\[\d+\]\.why: the figure '\$2\.75' is typed", out), out


def test_a_typed_figure_that_agrees_with_the_data_is_still_refused_and_the_reference_is_suggested(project_copy):
    phrases = project_copy / "data/phrases.yml"
    edit(phrases, "lists at {{ price.gpt-4o.input }} input", "lists at $2.50 input")
    out = failed(project_copy)
    assert "the figure '$2.50' is typed" in out and "{{ price.gpt-4o.input }}" in out


def test_an_unknown_figure_reference_names_the_nearest_ones(project_copy):
    page = project_copy / "docs/economics.md"
    edit(page, "{{ standard.break-even }}", "{{ standard.breakeven }}")
    out = failed(project_copy)
    line = line_of(page, "{{ standard.breakeven }}")
    assert f"docs/economics.md:{line}: the figure reference {{{{ standard.breakeven }}}} names no figure; did you mean {{{{ standard.break-even }}}}" in out


def test_a_snippet_citing_a_source_the_page_does_not_cite_is_refused(project_copy):
    page = project_copy / "docs/economics.md"
    edit(page, "[@openai-pricing] [@anthropic-pricing] [@google-gemini-pricing]", "[@openai-pricing] [@anthropic-pricing]")
    out = failed(project_copy)
    assert "docs/economics.md: a build-time table cites [@google-gemini-pricing], but the page's text does not" in out


def test_figure_references_in_code_are_left_alone():
    text, problems = figures.resolve("Write `{{ price.gpt-4o.input }}` or `$5` to get {{ price.gpt-4o.input }}.",
                                     figures.compute(CAT.prices))
    assert problems == []
    assert text == "Write `{{ price.gpt-4o.input }}` or `$5` to get $2.50."


def test_the_standard_inputs_cannot_hide_a_tuned_model_that_cannot_be_tuned():
    with pytest.raises(ValueError, match="has no training price"):
        economics.compare(CAT.prices, replace(economics.STANDARD, tuned="gpt-4-1"))
