"""Links for deal notes, in Debian's headless Chromium driven by Playwright: copy-link,
landing on a linked item, short links, moved anchors, and search by ID."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from conftest import serve
from fieldguide.content.data import catalog
from fieldguide.content.text import plain

pytestmark = [pytest.mark.browser, pytest.mark.build]

CAT = catalog()


def _context(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base_url) else (outside.append(route.request.url), route.abort()),
    )
    return context, outside


@pytest.fixture
def page(browser, base_url):
    context, outside = _context(browser, base_url)
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"the page asked another host for: {outside}"


def site_url(site) -> str:
    """site_url as the build saw it: the canonical address of the home page."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', site.page("index.html"))
    assert match, "the home page has no canonical link: is site_url set in mkdocs.yml?"
    return match.group(1)


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def clipboard_becomes(page, expected: str, timeout: float = 5.0) -> None:
    """Wait for the clipboard to hold ``expected`` (copying is asynchronous), else fail showing what it holds."""
    deadline = time.monotonic() + timeout
    while (held := clipboard(page)) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held == expected


def landed_below_header(page, selector: str) -> dict:
    """Where the element is, against the viewport and Material's sticky header."""
    return page.evaluate(
        """sel => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
                    const header = document.querySelector('.md-header').getBoundingClientRect();
                    return {top: r.top, bottom: r.bottom, headerBottom: header.bottom, height: innerHeight,
                            visible: r.height > 0 && getComputedStyle(el).visibility !== 'hidden'}; }""",
        selector,
    )


# --- copy link ------------------------------------------------------------------------


def test_copy_link_and_citation_put_the_absolute_address_on_the_clipboard(page, base_url, site):
    page.goto(f"{base_url}/phrases/")
    page.get_by_role("button", name="Copy link to FL-012", exact=True).click()
    expected = f"{site_url(site)}phrases/#FL-012"
    clipboard_becomes(page, expected)
    expect(page.locator("#fg-copy-status")).to_have_text("Link to FL-012 copied")

    page.get_by_role("button", name="Copy citation for FL-012", exact=True).click()
    title = f"“{plain(CAT.phrases['FL-012'].dont)}”"
    clipboard_becomes(page, f"FL-012 · {title} · {expected}")
    assert page.locator("#fg-copy-status").get_attribute("aria-live") == "polite"


def test_an_item_that_is_not_a_heading_and_a_plain_heading_can_be_copied_too(page, base_url, site):
    page.goto(f"{base_url}/traits/")
    page.get_by_role("button", name="Copy citation for TR-knowledge", exact=True).click()
    title = plain(CAT.traits["knowledge"].title)
    expected = f"TR-knowledge · {title} · {site_url(site)}traits/#TR-knowledge"
    clipboard_becomes(page, expected)
    page.goto(f"{base_url}/decide/")
    page.get_by_role("button", name="Copy link to worked-scenarios", exact=True).click()
    expected = f"{site_url(site)}decide/#worked-scenarios"
    clipboard_becomes(page, expected)


def test_tab_reaches_a_copy_button_with_visible_focus_and_enter_copies(page, base_url, site):
    page.goto(f"{base_url}/economics/")
    page.locator("#CT-four-ways a.headerlink").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Copy link to CT-four-ways"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a focused copy button must show its focus"
    page.keyboard.press("Enter")
    expected = f"{site_url(site)}economics/#CT-four-ways"
    clipboard_becomes(page, expected)
    expect(page.locator("#CT-four-ways .fg-copy-link")).to_have_text("Copied")


def test_without_the_clipboard_api_copy_falls_back_to_a_selection(page, base_url, site):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{base_url}/analogies/")
    page.evaluate("""() => { window.__copied = null; const original = document.execCommand.bind(document);
        document.execCommand = cmd => { window.__copied = document.activeElement.value; return original(cmd); }; }""")
    page.get_by_role("button", name="Copy link to AN-own-pki", exact=True).click()
    assert page.evaluate("window.__copied") == f"{site_url(site)}analogies/#AN-own-pki"
    expect(page.locator("#fg-copy-status")).to_have_text("Link to AN-own-pki copied")


# --- landing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,anchor,container",
    [
        ("guides/seller-briefing/", "AN-hardcoded-authz", "tab"),  # in the second of four tabs
        ("guides/seller-briefing/", "FL-025", "details"),  # in a collapsed block
        ("traits/", "TR-data-exposure", None),  # a table row far down the page
    ],
)
def test_a_deep_link_opens_what_hides_the_item_and_highlights_it_below_the_header(page, base_url, site, path, anchor, container):
    html = site.page(f"{path}index.html")
    if container == "tab":  # the premise: the item sits in a tab that is not the one shown
        assert re.search(rf'<input id="[^"]+" name="[^"]+" type="radio" />.*?<div class="tabbed-block">.*?</div>\s*<div class="tabbed-block">.*?id="{anchor}"', html, re.S)
    if container == "details":
        assert re.search(rf"<details class=\"note\">(?:(?!</details>).)*id=\"{anchor}\"", html, re.S)
    page.goto(f"{base_url}/{path}#{anchor}")
    page.wait_for_selector(".fg-landed", timeout=5000)
    page.wait_for_timeout(200)  # the scroll happens on the next frame
    where = landed_below_header(page, f"[id='{anchor}']")
    assert where["visible"], f"#{anchor} is not visible"
    assert where["headerBottom"] - 1 <= where["top"] < where["height"], where
    landed = page.locator(".fg-landed").first
    assert landed.evaluate("(el, id) => el.id === id || !!el.querySelector('#' + id)", anchor)
    assert landed.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    if container == "tab":
        assert page.locator(f"[id='{anchor}']").is_visible()
        assert page.evaluate("document.querySelectorAll('.tabbed-set > input')[1].checked")
    if container == "details":
        assert page.evaluate(f"document.getElementById('{anchor}').closest('details').open")


# --- short links -----------------------------------------------------------------------


def test_every_short_link_lands_on_its_item(browser, base_url, site):
    """Every /go/<ID>/ leads to a page that holds the item. The redirect is followed in the
    browser once per destination page (tests/test_short_links.py reads every one statically);
    on that page every item whose short link leads there must be present."""
    targets: dict[str, list[str]] = {}
    for go in sorted((site.site / "go").iterdir()):
        match = re.search(r'location\.replace\("([^"]+)"\)', (go / "index.html").read_text(encoding="utf-8"))
        assert match, f"/go/{go.name}/ has no redirect"
        targets.setdefault(match.group(1).split("#")[0], []).append(go.name)
    assert sum(len(v) for v in targets.values()) >= 150
    context, outside = _context(browser, base_url)
    context.route(re.compile(r".*\.(png|svg|woff2?)$|.*search_index\.json$"), lambda route: route.abort())
    tab = context.new_page()
    missing = []
    for target, ids in sorted(targets.items()):
        first = ids[0]
        tab.goto(f"{base_url}/go/{first}/", wait_until="commit")
        tab.wait_for_url(re.compile(rf".*#{re.escape(first)}$"), wait_until="domcontentloaded", timeout=5000)
        assert "/go/" not in tab.url
        tab.wait_for_selector(".fg-landed", timeout=5000)
        absent = tab.evaluate("ids => ids.filter(id => !document.getElementById(id))", ids)
        missing += [(i, tab.url) for i in absent]
    context.close()
    assert not missing, f"short links whose page lacks the item: {missing[:10]}"
    assert not [u for u in outside if "/go/" not in u], outside


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,address",
    [("FL-012", "phrases/#FL-012"), ("TR-knowledge", "traits/#TR-knowledge"), ("G3", "decide/#G3"),
     ("CT-four-ways", "economics/#CT-four-ways"), ("fl-012", "phrases/#FL-012")],
)
def test_search_finds_an_item_by_its_id_first(search_box, query, address):
    search_box.type(query)
    page = search_box.tab
    # Results update as the reader types; wait for the list of the whole query to settle.
    first_item = """() => { const a = [...document.querySelectorAll('.md-search-result__item a')].find(e => e.hash);
                           return a ? a.pathname + a.hash : null; }"""
    try:
        page.wait_for_function(f"({first_item})() !== null && ({first_item})().endsWith('/{address}')", timeout=5000)
    except Exception:
        pytest.fail(f"searching {query!r}: the first item found is not {address}: {search_box.results()[:6]}")


@pytest.mark.parametrize("query,first", [
    ("FedRAMP", "/ciso/#CQ-fedramp-level"),
    ("air-gapped", "/deployment/#DEP-air-gapped"),
    ("prompt injection", "/ciso/#CQ-prompt-injection-"),
    ("will you train on our data", "/ciso/#CQ-training-use"),
    ("who owns the weights", "/ciso/#CQ-weights-export"),
    ("GSA gave it to us for a dollar", "/objections/#BS-001"),
    ("open source is free", "/objections/#BS-006"),
    ("Is it FedRAMP High", "/objections/#BS-012"),
    ("We tried a chatbot and it made things up", "/objections/#BS-022"),
    ("We don't have any data scientists", "/objections/#BS-032"),
    ("FL-012", "/phrases/#FL-012"),
])
def test_a_buyers_words_find_the_item_first(search_box, query, first):
    """Typed as buyers say it: the first item found is the answer, not the bibliography."""
    search_box.type(query)
    first_item = """() => { const a = [...document.querySelectorAll('.md-search-result__item a')].find(e => e.hash);
                           return a ? a.pathname + a.hash : null; }"""
    try:
        search_box.tab.wait_for_function(f"({first_item})() !== null && ({first_item})().startsWith('{first}')",
                                         timeout=5000)
    except Exception:
        pytest.fail(f"searching {query!r}: the first item found is not {first}: {search_box.results()[:6]}")


def test_search_still_splits_hyphenated_words(search_box):
    search_box.type("tuning")
    search_box.tab.wait_for_function("[...document.querySelectorAll('.md-search-result__item a')]"
                           ".some(a => a.pathname.endsWith('/cards/full-fine-tuning/'))", timeout=5000)


# --- moved and retired anchors, in a copy of the project ---------------------------------


@pytest.fixture(scope="module")
def moved_site(edited):
    """The edited copy (conftest): a page moved, a heading renamed, a scenario retired, all recorded."""
    server, url = serve(edited.build.site)
    yield url, edited.gone, edited.nearest
    server.shutdown()


def test_an_old_address_on_a_moved_page_lands_on_the_item(browser, moved_site):
    url, _, _ = moved_site
    context, _ = _context(browser, url)
    tab = context.new_page()
    tab.goto(f"{url}/analogies/#AN-compiled-config")
    tab.wait_for_url(f"{url}/iam-analogies/#AN-compiled-config", timeout=5000)
    tab.wait_for_selector(".fg-landed", timeout=5000)
    tab.wait_for_timeout(200)
    where = landed_below_header(tab, "#AN-compiled-config")
    assert where["headerBottom"] - 1 <= where["top"] < where["height"], where
    context.close()


def test_an_old_heading_anchor_lands_on_the_renamed_heading(browser, moved_site):
    url, _, _ = moved_site
    context, _ = _context(browser, url)
    tab = context.new_page()
    tab.goto(f"{url}/decide/#the-gates")
    tab.wait_for_url(f"{url}/decide/#six-gates", timeout=5000)
    tab.wait_for_selector("#six-gates.fg-landed", timeout=5000)
    context.close()


def test_a_retired_id_says_so_and_points_to_the_nearest_item(browser, moved_site):
    url, gone, nearest = moved_site
    context, _ = _context(browser, url)
    tab = context.new_page()
    tab.goto(f"{url}/go/{gone}/")
    assert tab.locator("h1").inner_text() == f"{gone} was retired"
    assert "It repeated another scenario." in tab.locator("body").inner_text()
    tab.get_by_role("link", name=nearest).click()
    tab.wait_for_url(f"{url}/phrases/#{nearest}", timeout=5000)
    # The old address on its page explains too.
    tab.goto(f"{url}/decide/#{gone}")
    assert f"{gone} was retired" in tab.locator("#fg-retired-notice").inner_text()
    context.close()
