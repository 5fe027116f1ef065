"""One printable guide as a single HTML document, ready for WeasyPrint.

The site is built first; :func:`assemble` then reads the pages it wrote, so a PDF holds
exactly what the site shows: the same items, IDs and computed cost tables. For one
:class:`~fieldguide.outputs.guides.Guide` it

* takes the article of each page (never the header, navigation, search or footer),
* prints tabs and collapsed blocks open, shows each item's permanent ID where the page does
  not (the IDs each page published come from the build's record, not from the HTML), removes
  web-only controls (permalinks, buttons, copy-link controls),
* points every link at the same item on the hosted site (``site_url`` + page + anchor),
* adds a cover (title, edition, build date, as-of date of the prices) and a table of
  contents whose page numbers WeasyPrint fills in (``target-counter``).

:mod:`fieldguide.outputs.pdf` lays the document out.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:  # bs4 loads only when PDFs are made, not in every site build
    from bs4 import BeautifulSoup, Tag

from fieldguide.outputs.guides import Guide

#: Web-only parts: removed from the PDF's HTML, and hidden by pdf.css should any remain.
WEB_ONLY = (
    ".md-header, .md-sidebar, .md-footer, .md-search, .md-dialog, .md-top, .md-tabs, "
    ".headerlink, button, .md-button, .md-clipboard, .md-content__button, .md-source-file, "
    ".fg-copy, .fg-filter, .fg-pdf-links, [hidden], script, style, noscript, input"
)

#: WeasyPrint draws an inline SVG on its own, with only the styles inside it: the decision
#: diagram's print colours travel into the SVG as a <style> element.
DIAGRAM_CSS = """
.fg-d-gate rect { fill: #3f51b5; }
.fg-d-gate text { fill: #ffffff; }
text { font-family: "DejaVu Sans"; }
.fg-d-id { font-size: 18px; font-weight: 700; }
.fg-d-title { font-size: 16px; font-weight: 700; }
.fg-d-note { font-size: 12px; }
.fg-d-stop { fill: none; stroke: #757575; stroke-width: 1.5; }
.fg-d-stoptext { font-size: 14px; fill: #1a1a1a; }
.fg-d-final { fill: #3949ab; }
rect.fg-d-final + text { fill: #ffffff; }
.fg-d-line { stroke: #757575; stroke-width: 2; }
.fg-d-arrowhead { fill: #757575; }
"""


class PdfError(RuntimeError):
    """A PDF could not be made; the message names the guide and the fix."""


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    url: str  # relative to the site root, e.g. "guides/executive/"
    html_path: Path


@dataclass(frozen=True)
class Site:
    """What the PDFs need to know about one built site."""

    site_dir: Path
    site_url: str
    site_name: str
    pages: tuple[SitePage, ...]  # every page in nav order
    edition: str
    built: dt.date
    prices_as_of: dt.date
    ids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # docs path -> the permanent IDs it published
    leaves_out: tuple[str, ...] = ()  # pages (or folders ending in /) the complete guide does not print

    def page(self, src_uri: str) -> SitePage:
        for page in self.pages:
            if page.src_uri == src_uri:
                return page
        raise PdfError(f"{src_uri} is not in the nav of mkdocs.yml; add it, or take it out of the guide in mkdocs.yml")


def build_date() -> dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class _Entry:
    level: int
    text: str
    target: str


@dataclass
class Document:
    """One guide, ready for WeasyPrint: its cover facts, its pages and its contents list."""

    guide: Guide
    site: Site
    title: str
    description: str
    online: str
    body: str
    toc: list[_Entry] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        return _html(self)


def _date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def _print_open(article: Tag, soup: BeautifulSoup) -> None:
    """Tabs become consecutive labelled blocks; ``<details>`` become open blocks."""
    for tabs in article.select("div.tabbed-set"):
        labels = [_text(label) for label in tabs.select(":scope > .tabbed-labels > label")]
        blocks = tabs.select(":scope > .tabbed-content > .tabbed-block")
        if len(labels) != len(blocks):
            raise PdfError(f"a tab set has {len(labels)} labels but {len(blocks)} panels")
        flat = soup.new_tag("div", attrs={"class": "fg-tabs-printed"})
        for label, block in zip(labels, blocks, strict=True):
            title = soup.new_tag("p", attrs={"class": "fg-tab-title"})
            title.string = label
            flat.append(title)
            block.name = "div"
            block["class"] = ["fg-tab-panel"]
            flat.append(block.extract())
        tabs.replace_with(flat)
    for details in article.select("details"):
        details.name = "div"
        classes = [c for c in details.get("class", []) if c]
        details["class"] = ["fg-details", *(["admonition", *classes] if classes else [])]
        details.attrs.pop("open", None)
        summary = details.find("summary")
        if summary is not None:
            summary.name = "p"
            summary["class"] = ["admonition-title"] if classes else ["fg-details-title"]


def _strip_ids(article: Tag) -> None:
    """A handout for the buyer: no permanent IDs; its sources by author, title, link and date, without
    the guide's notes on them or links into the bibliography."""
    for chip in article.select(".fg-id, .fg-page-sources .fg-source-note"):
        chip.decompose()
    for link in article.select(".fg-page-sources a[href*='#SRC-']"):
        tail = link.next_sibling
        if isinstance(tail, str) and tail.startswith("."):
            tail.replace_with(tail[1:])
        link.decompose()


def _show_item_ids(article: Tag, soup: BeautifulSoup, ids: tuple[str, ...]) -> None:
    """Print an item's permanent ID next to it where the page does not already show it."""
    for item_id in ids:
        element = article.find(id=item_id)
        if element is None:
            continue
        around = element.parent if element.parent is not None else element
        if item_id in element.get_text(" ") or any(_text(b) == item_id for b in around.select(".fg-id")):
            continue
        badge = soup.new_tag("span", attrs={"class": "fg-id"})
        badge.string = item_id
        target = element.find(["th", "td"]) if element.name == "tr" else element  # a row: inside its first cell
        target = target if target is not None else element
        target.append(" ")
        target.append(badge)


def _absolute_links(article: Tag, page_url: str, index: int, seen: set[str]) -> None:
    """Point links at the hosted site; keep element ids unique across the document."""
    for a in article.find_all(["a"]):
        for attr_name in ("href", "xlink:href"):
            href = a.get(attr_name)
            if href is None or href.startswith(("mailto:", "tel:")):
                continue
            a[attr_name] = urljoin(page_url, href)
    renames: dict[str, str] = {}
    for element in article.find_all(id=True):
        old = element["id"]
        new = old if old not in seen else f"{old}--p{index}"
        seen.add(new)
        if new != old:
            renames[old] = new
            element["id"] = new
    if renames:
        for element in article.find_all(True):
            for name, value in list(element.attrs.items()):
                if isinstance(value, str) and "url(#" in value:
                    element[name] = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{renames.get(m[1], m[1])})", value)
                elif name in ("aria-labelledby", "aria-labeledby", "aria-describedby") and isinstance(value, str):
                    element[name] = " ".join(renames.get(v, v) for v in value.split())


def _soup(markup: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


def _article(page: SitePage, site: Site, index: int, seen: set[str], guide: Guide) -> tuple[Tag, BeautifulSoup]:
    try:
        source = page.html_path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PdfError(
            f"{guide.filename}: {page.html_path} was not built; build the site before making PDFs"
        ) from exc
    soup = _soup(source)
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise PdfError(f"{guide.filename}: {page.html_path} has no article.md-content__inner; did the theme change?")
    for element in article.select(WEB_ONLY):
        element.decompose()
    for comment in article.find_all(string=lambda s: s.__class__.__name__ == "Comment"):
        comment.extract()
    for svg in article.find_all("svg"):
        if svg.find(class_=re.compile(r"^fg-d-")):
            style = soup.new_tag("style")
            style.string = DIAGRAM_CSS
            svg.insert(0, style)
    for table in article.select("table.highlighttable"):
        # A listing prints as one block of code; line numbers would take half the width.
        code = table.select_one("td.code")
        if code is None:
            raise PdfError(f"{guide.filename}: {page.src_uri}: a code table without td.code; did Pygments change?")
        table.replace_with(*code.contents)
    _print_open(article, soup)
    if guide.handout:
        _strip_ids(article)
    else:
        _show_item_ids(article, soup, site.ids.get(page.src_uri, ()))
    _absolute_links(article, site.site_url + page.url, index, seen)
    article.name = "article"
    article.attrs = {"class": ["fg-page", "md-typeset"], "data-src": page.src_uri}
    return article, soup


def complete_pages(site: Site) -> list[SitePage]:
    """Every page of the guide for readers, in nav order: all but those the site leaves out
    (the curated guides, each its own PDF, and the pages for authors)."""
    return [p for p in site.pages if not p.src_uri.startswith(site.leaves_out)]


def assemble(guide: Guide, site: Site) -> Document:
    """Compose the guide's pages into one HTML document with a cover and a contents list."""
    sources = [site.page(p) for p in guide.pages] if guide.pages else complete_pages(site)
    seen: set[str] = {"fg-cover", "fg-toc"}
    articles = []
    toc: list[_Entry] = []
    counter = 0
    whole = len(sources) > 1
    for i, page in enumerate(sources):
        article, _ = _article(page, site, i, seen, guide)
        articles.append(article)
        for heading in article.find_all(["h1", "h2"]):
            if heading.name == "h1" and i == 0 and not whole:
                continue
            if whole and "fg-page-sources-title" in heading.get("class", []):
                continue
            if heading.name == "h2" and guide.compact:
                continue
            counter += 1
            target = f"toc-{counter}"
            # A heading keeps its own id (the site's anchor); the contents list gets one of its own.
            marker = _soup(f'<a class="fg-toc-target" id="{target}"></a>').a
            heading.insert(0, marker)
            level = 1 if (heading.name == "h1" or not whole) else 2
            toc.append(_Entry(level, _text(heading), target))
    first = sources[0].html_path
    head_soup = _soup(first.read_text(encoding="utf-8"))
    h1 = articles[0].find("h1")
    if guide.pages:
        title = _text(h1) if h1 else guide.slug
        description_tag = head_soup.find("meta", attrs={"name": "description"})
        description = description_tag["content"] if description_tag else ""
        online = site.site_url + sources[0].url
    else:
        title = f"{site.site_name}: the complete guide"
        description = "Every page of the guide for readers, in the order of the site; the curated field guides are separate PDFs."
        online = site.site_url
    item_ids = [i for page in sources for i in site.ids.get(page.src_uri, ())]
    if guide.compact:
        # The pocket guide's title band replaces its H1; its contents list gives the range of
        # entries on each page, known only after a first layout (see render()).
        if h1 is not None:
            h1.decompose()
        toc = [_Entry(1, f"{item_ids[0]} to {item_ids[-1]}", item_ids[0])] if item_ids else []
    body = "".join(str(a) for a in articles)
    return Document(guide, site, title, description, online, body, toc, item_ids)


def _html(doc: Document) -> str:
    guide, site, title, description, online, toc = doc.guide, doc.site, doc.title, doc.description, doc.online, doc.toc
    e = html.escape
    size_name = "US Letter" if guide.size == "Letter" else guide.size
    facts = (
        f'<dl class="fg-cover-facts">'
        f"<dt>Edition</dt><dd>{e(site.edition)} ({e(size_name)})</dd>"
        f"<dt>Built</dt><dd>{_date(site.built)}</dd>"
        f"<dt>Prices as of</dt><dd>{_date(site.prices_as_of)}</dd>"
        f'<dt>Online</dt><dd><a href="{e(online)}">{e(online)}</a></dd>'
        f"</dl>"
    )
    cover = (
        f'<section class="fg-cover" id="fg-cover">'
        f'<p class="fg-cover-site">{e(site.site_name)}</p>'
        f'<h1 class="fg-cover-title">{e(title)}</h1>'
        f'<p class="fg-cover-lede">{e(description)}</p>{facts}</section>'
    )
    items = "".join(
        f'<li class="fg-toc-l{entry.level}"><a href="#{entry.target}">{e(entry.text)}</a></li>' for entry in toc
    )
    contents = f'<nav class="fg-toc" id="fg-toc"><h2 class="fg-toc-title">Contents</h2><ol>{items}</ol></nav>' if items else ""
    body = doc.body
    classes = " ".join(
        [
            "fg-print",
            f"fg-size-{guide.size.lower()}",
            "fg-compact" if guide.compact else "fg-book",
            f"fg-guide-{guide.slug}",  # for a guide's own print rules in pdf.css
            *(["fg-handout"] if guide.handout else []),
            "fg-whole" if doc.body.count('<article class="fg-page') > 1 else "fg-single",
        ]
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta name="author" content="{e(site.site_name)}">'
        f'<meta name="description" content="{e(description)}">'
        f'<meta name="generator" content="{e(site.site_name)} {e(site.edition)}">'
        f'<meta name="dcterms.created" content="{site.built.isoformat()}">'
        f'</head><body class="{classes}">{cover}{contents}{body}</body></html>'
    )


PAGE_SIZES = {"A4": "A4", "Letter": "letter"}


def page_css(guide: Guide, title: str) -> str:
    """The per-guide part of the stylesheet: page size and the running header's title."""
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'@page {{ size: {PAGE_SIZES[guide.size]}; }}\n:root {{ --fg-guide: "{quoted}"; }}\nbody {{ string-set: guide "{quoted}"; }}\n'
