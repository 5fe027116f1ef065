"""Browser behavior, in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations


import pytest

from fieldguide.content.data import catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

CAT = catalog()


def test_topic_filter_shows_only_that_topic(page, base_url):
    page.goto(f"{base_url}/phrases/")
    entries = page.locator("div.fg-phrase")
    assert entries.count() == len(CAT.phrases)
    page.get_by_role("button", name="Cost", exact=True).click()
    expected = sum(1 for p in CAT.phrases.values() if "cost" in set(p.topics))
    assert page.locator("div.fg-phrase:visible").count() == expected
    assert page.get_by_role("button", name="Cost", exact=True).get_attribute("aria-pressed") == "true"
    assert f"{expected} of {len(CAT.phrases)} entries shown" in page.locator(".fg-filter-status").inner_text()
    page.get_by_role("button", name="All", exact=True).click()
    assert page.locator("div.fg-phrase:visible").count() == len(CAT.phrases)


def test_search_finds_a_phrase_by_either_wording(search_box):
    phrase = CAT.phrases["FL-010"]
    for wording in (phrase.dont, phrase.do):
        words = " ".join(wording.split("[@")[0].split()[:6])
        search_box.type(words, paste=True)
        search_box.tab.wait_for_function("[...document.querySelectorAll('.md-search-result__item a')]"
                                         ".some(a => a.hash === '#FL-010')", timeout=5000)
