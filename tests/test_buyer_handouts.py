"""What the buyer holds: the one-page leave-behind, and the dated "What changed" box."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from fieldguide.content import kinds
from fieldguide.content.data import catalog
from fieldguide.content.items.changes import recent
from fieldguide.economics import figures
from fieldguide.economics.lookup import date_text

CAT = catalog()


def pdf_text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_the_box_keeps_twelve_months_and_ages_by_itself():
    newest = max(c.date for c in CAT.changes.values())
    shown = recent(CAT, today=newest)
    assert shown and shown == sorted(shown, key=lambda c: c.date, reverse=True)
    a_year_on = newest + dt.timedelta(days=366)
    assert all(c.id != min(CAT.changes.values(), key=lambda c: c.date).id for c in recent(CAT, today=a_year_on))
    assert recent(CAT, today=a_year_on) == [c for c in shown if c.date >= a_year_on - dt.timedelta(days=365)]


@pytest.mark.build
@pytest.mark.parametrize("slug", ["leave-behind-letter", "leave-behind-a4"])
def test_the_leave_behind_is_one_page_with_no_ids_and_no_code_and_dated_costs(site, slug):
    pdf = site.site / "pdf" / f"{slug}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), f"{slug} is not one page"
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert (round(float(size[1])), round(float(size[2]))) == ((595, 842) if slug.endswith("a4") else (612, 792))
    text = pdf_text(pdf)
    ids = [m.group(0) for m in re.finditer(rf"(?<![\w-])(?:{kinds.id_pattern()})(?![\w-])", text)]
    assert not ids, f"{slug} prints IDs: {ids[:5]}"
    assert not re.search(r"\bimport\b|\bdef \w+\(|print\(", text), f"{slug} prints code"
    assert not re.search(r"Don't say|Say instead|You say", text), f"{slug} carries coaching labels"
    f = figures.compute(CAT.prices)
    for key in ("standard.small-cached-month", "standard.flagship-cached-month", "standard.tuned-month"):
        assert f"about {f[key]} a month" in text, key
    assert f"list prices as of {f['standard.as-of']}" in text
    assert "Next step: a pilot" in text and "Checked 20" in text, "the pilot, and each source dated"


@pytest.mark.build
def test_what_changed_is_dated_sourced_and_on_the_home_page_and_the_executive_guide(site):
    full = BeautifulSoup(site.page("changes/index.html"), "html.parser")
    for c in CAT.changes.values():
        line = full.find(id=f"CH-{c.id}")
        assert line is not None and date_text(c.date) in line.get_text(" "), c.id
        assert line.select("sup.fg-cite a"), f"CH-{c.id} cites nothing"
    shown = [c.id for c in recent(CAT)]
    for page, lines in (("index.html", shown), ("guides/executive/index.html", shown[:5])):
        box = BeautifulSoup(site.page(page), "html.parser").select_one(".fg-changes")
        assert box is not None, f"{page} has no What changed box"
        links = [a["href"].split("#CH-")[1] for a in box.select("a[href*='#CH-']")]
        assert links == lines, page


EXECUTIVE_WORDS = 1300
COACHING = re.compile(r"Don't say|Say instead|Say it in the room|You say|in the room", re.I)


@pytest.mark.build
def test_the_executive_guide_is_a_five_minute_read_without_coaching(site):
    page = BeautifulSoup(site.page("guides/executive/index.html"), "html.parser").select_one("article")
    for el in page.select("sup.fg-cite, button, script"):
        el.decompose()
    sources = page.find(id="page-sources")
    for el in [sources, *sources.find_next_siblings()]:
        el.decompose()
    words = len(page.get_text(" ").split())
    assert words <= EXECUTIVE_WORDS, f"the executive guide has {words} words; keep it to {EXECUTIVE_WORDS}"
    assert not COACHING.search(page.get_text(" ")), "coaching belongs in the seller's briefing"
    assert not page.select(".fg-phrase, .fg-analogy, .fg-id"), "no coaching entries and no IDs"
    briefing = BeautifulSoup(site.page("guides/seller-briefing/index.html"), "html.parser")
    assert briefing.select(".fg-phrase") and briefing.select(".fg-analogy"), "the seller's briefing keeps the coaching"


def test_analogies_speak_to_finance_and_program_leaders_too():
    rooms = [a.audience for a in CAT.analogies.values()]
    assert rooms.count("finance") + rooms.count("program") >= 3
