"""The real site builds strictly, and the built HTML holds the content readers need."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fieldguide.economics import decision
from fieldguide.economics.cost import RequestShape, monthly, per_call, usd
from fieldguide.content.data import catalog

pytestmark = pytest.mark.build

CAT = catalog()


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def test_home_page_asks_the_first_question_and_links_every_way_in(site):
    page = soup(site, "index.html")
    assert page.h1.get_text(strip=True).removesuffix("#") == "Field Guide"
    question = page.find(id="first-question")
    assert question is not None
    assert "Change how it responds, or what it knows?" in page.get_text()
    hrefs = {a["href"] for a in page.select("article a[href]")}
    for target in ("guides/executive/", "decide/", "traits/", "economics/", "phrases/", "analogies/", "cards/"):
        assert target in hrefs, f"home page does not link {target}"


@pytest.mark.parametrize("card_id", list(CAT.cards))
def test_every_card_page_shows_every_facet_with_a_stable_id(site, card_id):
    page = soup(site, f"cards/{card_id}/index.html")
    card = CAT.cards[card_id]
    for suffix, title in (("is", "What it is"), ("does", "What it does"), ("who", "Who does it"),
                          ("distinct", "What makes it distinct"), ("right", "When it is the right tool"),
                          ("wrong", "When it is the wrong tool"), ("cost", "What it costs")):
        heading = page.find(id=f"CD-{card_id}-{suffix}")
        assert heading is not None and heading.name == "h2", f"{card_id}: no {title} section"
        assert heading.get_text(strip=True).startswith(title)
    text = page.get_text()
    first_words = " ".join(card.facets.what_it_is.split()[:6])
    assert first_words.split("[@")[0].strip() in " ".join(text.split())
    assert page.find(id="page-sources") is not None, "a card must list its sources"


def test_trait_table_has_every_trait_and_every_approach(site):
    page = soup(site, "traits/index.html")
    table = page.select_one("table.fg-traits")
    headers = [" ".join(th.get_text().split()) for th in table.select("thead th")][1:]
    assert headers == [c.short for c in CAT.cards.values()]
    rows = table.select("tbody tr")
    assert [r["id"] for r in rows] == [f"TR-{t}" for t in CAT.traits]
    for row in rows:
        cells = row.find_all("td")
        assert len(cells) == len(CAT.cards)
        assert all(c.get_text(strip=True) for c in cells), f"{row['id']} has an empty cell"


def test_phrase_page_has_every_entry_with_its_id_card_link_and_filter(site):
    page = soup(site, "phrases/index.html")
    entries = page.select("div.fg-phrase")
    assert len(entries) == len(CAT.phrases) >= 28
    for entry, phrase in zip(entries, CAT.phrases.values()):
        heading = entry.find("h3")
        assert heading["id"] == phrase.id
        assert set(entry["data-topics"].split()) == set(phrase.topics)
        assert entry.find("a", href=f"../cards/{phrase.card}/"), f"{phrase.id} does not link its card"
    buttons = [b["data-topic"] for b in page.select("[data-fg-filter] button")]
    assert buttons[0] == "" and set(buttons[1:]) == {t for p in CAT.phrases.values() for t in p.topics}


def test_analogies_show_all_four_parts(site):
    page = soup(site, "analogies/index.html")
    for analogy_id in CAT.analogies:
        heading = page.find(id=f"AN-{analogy_id}")
        assert heading is not None
        callout = heading.find_next("div", class_="fg-analogy")
        text = callout.get_text(" ")
        for part in ("The analog.", "Where it holds.", "Where it breaks.", "Say it in the room."):
            assert part in text, f"AN-{analogy_id} lacks {part}"


def test_decision_page_shows_computed_recommendations_and_a_diagram_without_scripts(site):
    page = soup(site, "decide/index.html")
    assert page.select_one("figure.fg-diagram svg") is not None
    for gate in decision.GATES:
        assert page.find(id=gate.id) is not None
    for scenario in CAT.scenarios.values():
        block = page.find(id=f"SC-{scenario.id}").find_parent("div", class_="fg-scenario")
        rec = decision.decide(scenario.answers, CAT.prices)
        shown = block.select_one(".fg-recommendation")
        assert shown.find("a")["href"] == f"../cards/{rec.approach}/"
        assert f"decided at {rec.gate.id}" in shown.get_text()
        assert len(block.select(".fg-walk li")) == len(rec.steps)


def test_cost_table_numbers_equal_the_cost_model(site):
    page = soup(site, "economics/index.html")
    table = page.find(id="CT-four-ways").find_next("table")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    prices = {m.id: m for m in CAT.prices.models}
    expected = per_call(prices["gpt-6-2-sol"], RequestShape(6_000, 0, 200, 400))
    assert rows[0][4] == usd(expected, 5)
    assert rows[0][5] == usd(monthly(prices["gpt-6-2-sol"], RequestShape(6_000, 0, 200, 400), 100_000))
    assert rows[0][5] == "$49,200.00"  # 6,200 x $2 + 400 x $10 per million = $0.0164 a call; x 100,000 x 30
    assert "How this was computed" in page.get_text()
    assert "standard_rows(prices)" in page.get_text(), "the snippet source must be shown beside the table"


def test_pages_reference_no_other_host_for_fonts_scripts_styles_or_images(site):
    offenders = []
    for html in site.site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in page.find_all(tag):
                if tag == "link" and set(el.get("rel") or []) & {"canonical", "alternate"}:
                    continue  # names this page's own address; the browser fetches nothing
                value = el.get(attr) or ""
                if re.match(r"(https?:)?//", value):
                    offenders.append(f"{html.relative_to(site.site)}: <{tag} {attr}={value}>")
        for style in page.find_all("style"):
            offenders += [f"{html.name}: url({u})" for u in re.findall(r"url\((['\"]?)(https?:)?//", style.text)]
    for css in site.site.rglob("*.css"):
        for match in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(site.site)}: url({match})")
    assert not offenders, "\n".join(offenders)


def test_glossary_abbreviations_show_on_every_content_page(site):
    page = soup(site, "cards/peft-lora/index.html")
    titles = {a.get_text(): a["title"] for a in page.find_all("abbr")}
    assert "LoRA" in titles and "PEFT" in titles
    assert "Low-rank adaptation" in titles["LoRA"]


def test_search_index_covers_table_rows_and_phrases(site):
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    a_cell = next(iter(CAT.traits["knowledge"].cells.values())).split("[@")[0].split()[:4]
    assert " ".join(a_cell) in " ".join(text.split())
    locations = {doc["location"] for doc in index["docs"]}
    assert "phrases/#FL-001" in locations


def test_citations_are_numbered_and_listed_with_their_checked_date(site):
    page = soup(site, "behavior-or-knowledge/index.html")
    refs = page.select("sup.fg-cite a")
    assert refs, "the page cites research"
    listed = page.select("ol.fg-page-sources li")
    assert {a["href"] for a in refs} == {f"#{li['id']}" for li in listed}
    assert all("Checked 20" in li.get_text() for li in listed)
    assert page.find(id="ref-gekhman-2024") is not None


def test_api_reference_is_rendered_from_docstrings(site):
    page = soup(site, "reference/index.html")
    for name in ("fieldguide.economics.decision.decide", "fieldguide.economics.cost.per_call", "fieldguide.content.data.load_catalog"):
        assert page.find(id=name) is not None, f"{name} missing from the API reference"


def test_guides_place_items_rather_than_copy_them(site):
    page = soup(site, "guides/seller-briefing/index.html")
    assert page.find(id="TR-knowledge") is not None
    assert page.find(id="AN-own-pki") is not None
    guide_source = (Path(__file__).resolve().parents[1] / "docs/guides/seller-briefing.md").read_text()
    for phrase in CAT.phrases.values():
        assert phrase.do.split("[@")[0][:60] not in guide_source, "a guide must place entries, not copy them"


def test_pocket_guide_rows_link_to_the_full_entries(site):
    page = soup(site, "guides/pocket-phrases/index.html")
    rows = page.select("table.fg-phrase-table:not(.fg-objection-table) tbody tr")
    assert [r["id"] for r in rows] == [p.id for p in CAT.phrases.values() if p.pocket]
    assert all(r.find("a", href=f"../../phrases/#{r['id']}") for r in rows)
    asked = page.select("table.fg-objection-table tbody tr")
    assert [r["id"] for r in asked] == [o.id for o in CAT.objections.values() if o.pocket]
    assert all(r.find("a", href=f"../../objections/#{r['id']}") for r in asked)
