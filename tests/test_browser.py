"""Browser behavior, in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from fieldguide.data import load_catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
CAT = load_catalog(Path(__file__).resolve().parents[1] / "data")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(_Quiet, directory=str(site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base_url) else (outside.append(route.request.url), route.abort()),
    )
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"the page asked another host for: {outside}"


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
