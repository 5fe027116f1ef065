"""The seller's toolkit: what buyers say and the answers, the discovery card, the pilot plan and
the value case, read from the data, the built HTML and the PDFs."""

from __future__ import annotations

import math
import re
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fieldguide.content.data import catalog, load_catalog
from fieldguide.content.items.objections import ANSWER_WORDS
from fieldguide.economics import decision, figures
from fieldguide.economics.value import value_case

CAT = catalog()

#: What buyers say that the issue names, each with words its entry must carry.
MUST_ANSWER = {
    "the OneGov dollar deals": ("dollar", "GSA"),
    "FedRAMP and Impact Levels": ("FedRAMP",),
    "Impact Level 5": ("IL5",),
    "our enclave, air-gapped": ("air-gapped",),
    "who owns the tuned weights": ("owns the weights",),
    "open source is free": ("Open source is free",),
    "how accurate will it be": ("How accurate",),
    "what it costs a year, fixed": ("per year",),
    "will you train on our data": ("train on our data",),
    "a vendor's custom model": ("custom model",),
    "all our documents in the prompt": ("all our documents in the prompt",),
    "the model is retired": ("retired",),
    "why not fine-tune, it's cheaper": ("fine-tune", "cheaper"),
    "a chatbot made things up": ("chatbot", "made things up"),
    "no data scientists": ("data scientists",),
}


def text(el) -> str:
    return " ".join(el.get_text(" ").split())


def pdf_pages_and_text(pdf) -> tuple[int, str]:
    """The page count of a built PDF and its text, whitespace collapsed."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1]), " ".join(printed.split())


def test_at_least_28_entries_each_with_a_short_answer_and_a_cited_proof():
    entries = list(CAT.objections.values())
    assert len(entries) >= 28
    for o in entries:
        assert len(o.answer.split()) <= ANSWER_WORDS and "\n" not in o.answer, o.id
        assert re.search(r"\[@[a-z0-9-]+\]", o.proof), f"{o.id}: the proof cites nothing"
        assert set(re.findall(r"\[@([a-z0-9-]+)\]", o.proof)) <= set(o.sources) <= set(CAT.sources), o.id


@pytest.mark.parametrize("what", MUST_ANSWER)
def test_the_buyer_lines_the_guide_must_answer_are_there(what):
    words = MUST_ANSWER[what]
    found = [o.id for o in CAT.objections.values() if all(w.lower() in o.buyer.lower() for w in words)]
    assert found, f"no entry answers a buyer who says something about {what} ({words})"


def test_the_discovery_card_feeds_every_gate_from_its_questions():
    gates = {q.gate for q in CAT.discovery.values()}
    assert gates == set(decision.GATE_BY_ID), f"gates no question feeds: {set(decision.GATE_BY_ID) - gates}"


def test_the_golden_set_margins_the_pilot_plan_quotes_hold():
    """"On 200 questions a success rate near 85% is known within about 5 points; on 50, nearly 10"."""
    def margin(n: int, p: float = 0.85) -> float:
        return 1.96 * math.sqrt(p * (1 - p) / n) * 100

    page = (Path(__file__).resolve().parents[1] / "docs" / "pilot.md").read_text(encoding="utf-8")
    assert "On 200 questions a success rate near\n  85% is known within about 5 points" in page
    assert round(margin(200)) == 5 and 9.5 < margin(50) < 10


def test_the_value_case_adds_up_and_pays_only_as_its_inputs_say():
    v = value_case(CAT.prices)
    assert v.first_year_cost == v.one_off + v.model_year + v.ownership_year
    assert v.first_year_value == v.time_value_year + v.error_value_year
    # At the break-even minutes, with errors unchanged, the hours freed pay exactly for the first year.
    assert v.break_even_minutes * v.tasks_per_year * v.loaded_rate / 60 == v.first_year_cost
    # At the highest error rate that still pays, value equals cost.
    at_max = v.time_value_year + (v.error_rate_without - v.max_error_rate) * v.tasks_per_year * v.hours_per_error * v.loaded_rate
    assert at_max == v.first_year_cost
    # The running cost is the comparison row's own first year at the case's volume.
    assert v.model_year == v.per_call * v.calls_per_day * 30 * 12
    assert v.payback_months is not None and v.payback_months < 12


@pytest.mark.build
def test_the_buyer_says_page_shows_every_entry_answer_proof_and_sources(site):
    page = BeautifulSoup(site.page("objections/index.html"), "html.parser")
    assert page.select_one("[data-fg-filter]") is not None, "the topic filter"
    for o in CAT.objections.values():
        heading = page.find(id=o.id)
        assert heading is not None, o.id
        entry = heading.find_parent("div", class_="fg-objection")
        body = text(entry)
        assert o.buyer.rstrip(".?") in body
        answer = re.sub(r"\[@[^\]]+\]", "", o.answer)
        assert " ".join(answer.split()) in body, f"{o.id}: the answer is not shown"
        assert "Proof" in body and entry.select("sup.fg-cite a"), f"{o.id}: no cited proof"


@pytest.mark.build
def test_each_card_lists_what_buyers_say_about_it(site):
    for card in CAT.cards.values():
        mine = [o.id for o in CAT.objections.values() if o.card == card.id]
        page = BeautifulSoup(site.page(f"cards/{card.id}/index.html"), "html.parser")
        section = page.find(id=f"CD-{card.id}-buyers")
        if not mine:
            assert section is None
            continue
        assert section is not None, f"{card.id} does not list what buyers say about it"
        listed = {a["href"].split("#")[1] for a in section.find_next("ul").select("a[href*='objections']")}
        assert listed == set(mine), card.id


@pytest.mark.build
def test_the_discovery_card_prints_on_one_page_with_every_question(site):
    pages, printed = pdf_pages_and_text(site.site / "pdf" / "discovery-card.pdf")
    assert pages == 1
    printed = printed.replace("- ", "")  # words hyphenated at a line end
    for q in CAT.discovery.values():
        assert f"DQ-{q.id}" in printed and f"{q.gate} {decision.GATE_BY_ID[q.gate].title}" in printed, q.id
    page = BeautifulSoup(site.page("discovery/index.html"), "html.parser")
    for q in CAT.discovery.values():
        row = page.find(id=f"DQ-{q.id}")
        assert row is not None and row.select_one(f"a[href$='decide/#{q.gate}']") is not None, q.id


@pytest.mark.build
def test_the_pilot_plan_prints_on_two_pages_with_its_sections_and_blanks(site):
    pages, printed = pdf_pages_and_text(site.site / "pdf" / "pilot-plan.pdf")
    assert pages == 2
    for heading in ("1. The golden set", "2. The arms compared", "3. The measures", "4. Thresholds agreed before the pilot",
                    "5. Schedule: 30, 60 and 90 days", "6. The decision point"):
        assert heading in printed
    assert printed.count("____") >= 40, "the blanks to fill in"
    assert f"{figures.compute(CAT.prices)['standard.break-even']} calls a day" in printed


def _value_page_figures(html: str) -> dict[str, str]:
    page = BeautifulSoup(html, "html.parser")
    table = page.select_one("table.fg-value-results")
    return {text(tr.select_one("th")).strip("*"): text(tr.select("td")[0]).strip("*") for tr in table.select("tbody tr")}


@pytest.mark.build
def test_the_value_case_on_the_page_is_the_cost_model(site):
    shown = _value_page_figures(site.page("value/index.html"))
    expected = figures.value_figures(CAT.prices)
    assert shown["First-year cost"] == expected["value.first-year-cost"]
    assert shown["Model cost, first year"] == expected["value.model-year"]
    assert shown["Payback, months"] == expected["value.payback-months"]
    assert shown["Highest error rate that still pays"] == expected["value.max-error-rate"]
    inputs = BeautifulSoup(site.page("value/index.html"), "html.parser").select_one("table.fg-value-inputs")
    for entry in CAT.prices.value_case.inputs:
        row = next(tr for tr in inputs.select("tbody tr") if text(tr.select_one("th")) == entry.label)
        kind = text(row.select("td")[1])
        assert kind == ("Assumption" if entry.assumption else "Sourced"), entry.id
        if entry.source:
            assert row.select("sup.fg-cite a"), f"{entry.id}: a sourced input shows its source"


@pytest.mark.build
def test_the_value_case_moves_with_a_price_in_a_copy(edited):
    """The edited copy raised GPT-6.2 Sol's input price, the model retrieval runs on here."""
    changed = load_catalog(edited.project / "data").prices
    shown = _value_page_figures(edited.build.page("value/index.html"))
    before, after = figures.value_figures(CAT.prices), figures.value_figures(changed)
    assert after["value.model-year"] != before["value.model-year"]
    assert shown["Model cost, first year"] == after["value.model-year"]
    assert shown["First-year cost"] == after["value.first-year-cost"]
    assert Fraction(value_case(changed).per_call) > Fraction(value_case(CAT.prices).per_call)
