"""Public sector: where each approach can run, the CISO's questions and federal policy, read
from the built HTML, the PDFs and the data; and the three promises kept apart everywhere."""

from __future__ import annotations

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from fieldguide.content.data import catalog
from fieldguide.content.items.deployments import APPROACHES, verdict
from fieldguide.content.items.policies import FLAGGED
from fieldguide.economics.lookup import date_text

CAT = catalog()


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def block(page: BeautifulSoup, cls: str, ident: str):
    """The rendered block of one item: the ``div.<cls>`` that holds its heading."""
    heading = page.find(id=ident)
    assert heading is not None, f"{ident} is not on the page"
    found = heading.find_parent("div", class_=cls)
    assert found is not None, f"{ident} is not inside a div.{cls}"
    return found


def cited_sources(el) -> set[str]:
    return {a["href"].removeprefix("#ref-") for a in el.select("sup.fg-cite a[href^='#ref-']")}


@pytest.mark.build
def test_every_deployment_step_is_sourced_dated_and_judges_every_approach(site):
    page = soup(site, "deployment/index.html")
    for d in CAT.deployments.values():
        el = block(page, "fg-deployment", f"DEP-{d.id}")
        text = " ".join(el.get_text(" ").split())
        assert f"Checked {date_text(d.checked)}" in text, d.id
        assert set(d.sources) <= cited_sources(el), f"DEP-{d.id} does not cite every source it lists"
        badges = [b.get_text() for b in el.select("table.fg-approaches .fg-verdict")]
        assert badges == [verdict(d.approaches[a]) for a in APPROACHES], d.id
        rows = el.select("table.fg-offerings tbody tr")
        assert len(rows) == len(d.offerings)
        for row, offering in zip(rows, d.offerings):
            assert cited_sources(row) >= set(offering.sources), f"DEP-{d.id}: {offering.name} is not sourced"
            assert row.select_one(".fg-confidence"), f"DEP-{d.id}: {offering.name} says nothing of how firm it is"
        for term in ("Authorization to operate", "Where the data is processed", "Training use and retention",
                     "Who holds the weights"):
            assert term in text, (d.id, term)
    assert page.select("table.fg-spectrum tbody tr").__len__() == len(CAT.deployments)


@pytest.mark.build
def test_every_ciso_question_has_a_short_sourced_dated_answer(site):
    page = soup(site, "ciso/index.html")
    assert len(CAT.questions) >= 12
    for q in CAT.questions.values():
        el = block(page, "fg-question", f"CQ-{q.id}")
        answer = el.select_one(".fg-answer")
        assert answer is not None and len(answer.get_text(" ").split()) <= 46, q.id  # "Answer." and 45 words
        assert f"Checked {date_text(q.checked)}" in " ".join(el.get_text(" ").split()), q.id
        assert cited_sources(el) >= set(q.sources) and cited_sources(el), f"CQ-{q.id} is not sourced"


@pytest.mark.build
def test_each_policy_reads_the_scenarios_and_a_high_impact_scenario_says_so_on_its_card(site):
    policy = soup(site, "policy/index.html")
    decide = soup(site, "decide/index.html")
    for p in CAT.policies.values():
        el = block(policy, "fg-policy", f"POL-{p.id}")
        assert f"Checked {date_text(p.checked)}" in " ".join(el.get_text(" ").split())
        assert cited_sources(el) >= set(p.sources)
    flagged = {n.id for p in CAT.policies.values() for n in p.scenarios if n.rating in FLAGGED}
    assert {"foia-review", "train-our-own", "regulatory-analysis"} <= flagged
    for s in CAT.scenarios.values():
        card = block(decide, "fg-scenario", f"SC-{s.id}")
        callout = card.select_one(".fg-high-impact")
        if s.id in flagged:
            assert callout is not None, f"SC-{s.id} may be high-impact but its card does not say so"
            text = callout.get_text(" ")
            assert "M-25-21" in text and "impact assessment" in text, text
            assert callout.select_one('a[href$="policy/#POL-m-25-21"]')
        else:
            assert callout is None, f"SC-{s.id} is not rated high-impact but its card says so"


@pytest.mark.build
def test_the_public_sector_items_are_in_the_pdfs_a_seller_hands_over(site):
    def text(name: str) -> str:
        out = subprocess.run(["pdftotext", str(site.site / "pdf" / name), "-"], capture_output=True, text=True, check=True)
        return " ".join(out.stdout.split())

    complete = text("field-guide-complete.pdf")
    for ident in [f"DEP-{d}" for d in CAT.deployments] + [f"CQ-{q}" for q in CAT.questions] + [f"POL-{p}" for p in CAT.policies]:
        assert ident in complete, f"{ident} is not in the complete guide"
    briefing = text("seller-briefing.pdf")
    assert "CQ-training-use" in briefing and "Will you train your models on our data?" in briefing
    decision = text("decision-framework.pdf")
    for step in CAT.deployments.values():  # the spectrum table, each step named whole (never hyphenated)
        assert step.title in decision, f"{step.title!r} is not in the decision framework's PDF"
    assert "Limited" in decision


def test_the_three_promises_are_kept_apart_where_the_guide_once_blurred_them():
    """Not used for training, kept for a while, never leaves the boundary: each of these says all three."""
    texts = {
        "TR-data-exposure": " ".join(CAT.traits["data-exposure"].cells.values()),
        "AN-own-pki": CAT.analogies["own-pki"].breaks,
        "SC-train-our-own": CAT.scenarios["train-our-own"].commentary,
        "FL-034": CAT.phrases["FL-034"].do + CAT.phrases["FL-034"].why,
        "FL-035": CAT.phrases["FL-035"].why,
    }
    for ident, text in texts.items():
        low = text.lower()
        assert re.search(r"\btrain", low), (ident, "training use")
        assert re.search(r"retention|\bkeep|\bkept|days|logged|logs", low), (ident, "retention")
        assert re.search(r"boundary|leave|network", low), (ident, "where the data goes")
