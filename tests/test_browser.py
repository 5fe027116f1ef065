"""Browser behavior, in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldguide.data import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

CAT = load_catalog(Path(__file__).resolve().parents[1] / "data")


def test_topic_filter_shows_only_that_topic(page, base_url):
    page.goto(f"{base_url}/phrases/")
    entries = page.locator("div.fg-phrase")
    assert entries.count() == len(CAT.phrases)
    page.get_by_role("button", name="Cost", exact=True).click()
    expected = sum(1 for p in CAT.phrases.values() if "cost" in {t.value for t in p.topics})
    assert page.locator("div.fg-phrase:visible").count() == expected
    assert page.get_by_role("button", name="Cost", exact=True).get_attribute("aria-pressed") == "true"
    assert f"{expected} of {len(CAT.phrases)} entries shown" in page.locator(".fg-filter-status").inner_text()
    page.get_by_role("button", name="All", exact=True).click()
    assert page.locator("div.fg-phrase:visible").count() == len(CAT.phrases)


def test_search_finds_a_phrase_by_either_wording(page, base_url):
    phrase = CAT.phrases["FL-010"]
    page.goto(f"{base_url}/")
    for wording in (phrase.dont, phrase.do):
        words = " ".join(wording.split("[@")[0].split()[:6])
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").fill(words)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert any(h.endswith("#FL-010") for h in hrefs), (words, hrefs[:5])
