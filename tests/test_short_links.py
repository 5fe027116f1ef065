"""Short links and printed IDs in the built HTML: /go/<ID>/ for every ID, each leading to
a page that holds the item; every ID printed next to its item; short links kept out of
search and the sitemap."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from fieldguide.content.kinds import is_id
from fieldguide.links.scan import HEADINGS

pytestmark = pytest.mark.build


def article(html: str) -> str:
    """The page's content: what the reader sees of it, without the theme's navigation."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.S)
    return match.group(1) if match else ""


def test_every_id_has_a_short_link_whose_three_redirects_agree_and_resolve(site):
    found = site.record.anchors
    ids = {a for anchors in found.values() for a in anchors if is_id(a)}
    assert len(ids) > 150, "the record holds the site's IDs"
    go = {p.name for p in (site.site / "go").iterdir()}
    assert ids <= go, f"IDs without a short link: {sorted(ids - go)[:10]}"
    for ident in sorted(go):
        html = (site.site / "go" / ident / "index.html").read_text(encoding="utf-8")
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        script = re.search(r'location\.replace\("([^"]+)"\)', html).group(1)
        link = re.search(r'<a href="([^"]+)"', html).group(1)
        assert refresh == script == link, ident
        assert '<meta name="robots" content="noindex">' in html
        address = urljoin(f"/go/{ident}/", refresh)
        page, _, anchor = address.partition("#")
        assert anchor == ident and ident in found.get(page, []), f"/go/{ident}/ leads to {address}, which lacks the item"


def test_short_links_lead_to_the_home_of_each_kind_of_item(site):
    def target(ident):
        html = (site.site / "go" / ident / "index.html").read_text(encoding="utf-8")
        return re.search(r'location\.replace\("([^"]+)"\)', html).group(1)

    assert target("FL-012") == "../../phrases/#FL-012"  # not the pocket guide or a field guide
    assert target("TR-knowledge") == "../../traits/#TR-knowledge"
    assert target("G3") == "../../decide/#G3"
    assert target("AN-own-pki") == "../../analogies/#AN-own-pki"
    assert target("CT-four-ways") == "../../economics/#CT-four-ways"


def test_short_links_are_kept_out_of_search_and_the_sitemap(site):
    index = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("go/")]
    assert "/go/" not in (site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_every_id_is_printed_next_to_its_item_and_carries_its_address(site):
    site_url = re.search(r'<link rel="canonical" href="([^"]+)"', site.page("index.html")).group(1)
    for html_file in sorted(site.site.rglob("index.html")):
        rel = html_file.parent.relative_to(site.site).as_posix()
        if rel.startswith("go/") or rel == "reference":
            continue
        soup = BeautifulSoup(article(html_file.read_text(encoding="utf-8")), "html.parser")
        chips = {c.get_text(strip=True) for c in soup.select(".fg-id")}
        page_url = "" if rel == "." else f"{rel}/"
        for el in soup.select("[id]"):
            ident = el["id"]
            if not (is_id(ident) or el.name in HEADINGS):
                continue
            assert el.get("data-fg-url") == f"{site_url}{page_url}#{ident}", (rel, ident)
            assert el.get("data-fg-cite"), (rel, ident)
            if is_id(ident):
                printed = ident in chips or ident in el.get_text(" ").split()
                assert printed, f"{rel}: {ident} is not printed next to its item"


def test_ids_that_were_not_printed_before_are_printed_in_their_heading(site):
    page = BeautifulSoup(site.page("cards/rag/index.html"), "html.parser")
    assert page.select_one("#CD-rag-cost > .fg-id").get_text() == "CD-rag-cost"
    page = BeautifulSoup(site.page("economics/index.html"), "html.parser")
    assert page.select_one("#CT-four-ways > .fg-id").get_text() == "CT-four-ways"
    toc = page.select_one("nav.md-nav--secondary").get_text(" ")
    assert "CT-four-ways" not in toc, "the ID belongs beside the heading, not in the table of contents"


def test_search_entries_carry_each_id_on_its_home_page(site):
    index = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    for location, ident in (("phrases/#FL-012", "FL-012"), ("objections/#BS-004", "BS-004"), ("decide/#G3", "G3")):
        entry = by_location[location]
        assert entry["tags"] == [ident] and entry["title"].startswith(f"{ident} · "), entry
    # An ID of words is found by its title; as a tag, each of its words would outrank content.
    for location, ident in (("traits/#TR-knowledge", "TR-knowledge"), ("sources/#SRC-gekhman-2024", "SRC-gekhman-2024")):
        entry = by_location[location]
        assert "tags" not in entry and entry["title"].startswith(f"{ident} · "), entry
    assert "tags" not in by_location["guides/seller-briefing/#FL-012"], "only the item's home page carries its ID"
