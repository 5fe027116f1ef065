"""The offline copy works opened from disk: pages, links and search, with no network at all."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from fieldguide.outputs import offline
from fieldguide.content.data import catalog

pytestmark = [pytest.mark.browser, pytest.mark.build]

CAT = catalog()


@pytest.fixture(scope="module")
def unpacked(site, tmp_path_factory) -> Path:
    archive = site.site / offline.ZIP_PATH
    assert archive.is_file(), f"make site did not write {offline.ZIP_PATH}"
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        z.extractall(dest)
    return dest / offline.ZIP_ROOT


@pytest.fixture
def disk_page(browser):
    """A tab that may read files and nothing else: every http(s) request is blocked and recorded."""
    context = browser.new_context()
    asked: list[str] = []
    errors: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (asked.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    yield tab, asked, errors
    context.close()


def test_the_guides_page_links_the_zip(site):
    html = site.page("guides/index.html")
    assert 'href="../download/field-guide-offline.zip"' in html


def test_the_zip_holds_every_page_and_pdf_with_file_urls(site, unpacked):
    docs = Path(__file__).resolve().parents[1] / "docs"
    for source in docs.rglob("*.md"):
        page = source.relative_to(docs).with_suffix(".html")
        assert (unpacked / page).is_file(), f"offline copy lacks {page} (from docs/{source.relative_to(docs)})"
    assert sorted(p.name for p in (unpacked / "pdf").glob("*.pdf")) == sorted(p.name for p in (site.site / "pdf").glob("*.pdf"))
    assert (unpacked / "search/search_index.js").is_file(), "the search index must be inlined for file://"
    for page in unpacked.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8"), f"{page.name} loads a script from another host"


def test_offline_copy_browses_and_searches_from_disk(disk_page, unpacked):
    tab, asked, errors = disk_page
    tab.goto((unpacked / "index.html").as_uri())
    assert tab.locator("h1").first.inner_text().startswith("Field Guide")
    tab.locator("article a[href='phrases.html']").first.click()
    tab.wait_for_url("**/phrases.html")
    assert tab.locator("#FL-010").count() == 1
    phrase = CAT.phrases["FL-010"]
    word = next(w for w in phrase.do.split() if len(w) > 6 and w.isalpha())
    for query, expect in (("FL-010", "#FL-010"), (word, None)):
        tab.locator(".md-search__input").click()
        tab.locator(".md-search__input").fill("")
        # Typed key by key, as a reader does: the index loads from disk through an iframe
        # "worker", and a query sent before it is ready is answered once it is.
        tab.keyboard.type(query, delay=30)
        tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        hrefs = tab.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert hrefs and all(h.startswith("file://") for h in hrefs), (query, hrefs[:3])
        if expect:
            assert any(h.endswith(expect) for h in hrefs), (query, hrefs[:5])
        tab.keyboard.press("Escape")
    assert not asked, f"the offline copy asked the network for: {asked}"
    assert not errors, "\n".join(errors)
