"""The printable field guides, read back from the PDFs that `make site` writes.

Expected content comes from the built HTML of each guide's pages and from data/, never
from lists written here: a new heading, item or price shows up in these checks by itself.
"""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from fieldguide import __version__
from fieldguide import build
from fieldguide.content.data import load_catalog
from fieldguide.content.kinds import id_pattern
from fieldguide.outputs import pdf, pdf_document
from fieldguide.outputs.guides import Guide

from conftest import ROOT

pytestmark = pytest.mark.build

MM = 72 / 25.4
#: No printer needs more than this much blank paper at any edge.
PRINTER_EDGE = 6 * MM


def squash(text: str) -> str:
    """Text without whitespace or soft line-break hyphens, for comparing across line breaks."""
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


@dataclass
class Pdf:
    guide: Guide
    path: Path

    @functools.cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @functools.cached_property
    def pages(self) -> list[str]:
        out = subprocess.run(["pdftotext", "-layout", str(self.path), "-"], capture_output=True, text=True, check=True)
        pages = out.stdout.split("\f")
        return pages[: len(self.reader.pages)]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def title(self) -> str:
        return self.reader.metadata.title


@pytest.fixture(scope="module")
def built(site) -> tuple[pdf_document.Site, tuple[Guide, ...]]:
    """The site as the PDFs saw it, and the guides mkdocs.yml declares, from the build's record."""
    return build.site_for_pdfs(site.site, site.record)


@pytest.fixture(scope="module")
def site_info(built):
    return built[0]


@pytest.fixture(scope="module")
def guides(built) -> tuple[Guide, ...]:
    return built[1]


@pytest.fixture(scope="module")
def pdfs(site, guides) -> dict[str, Pdf]:
    return {g.slug: Pdf(g, site.site / "pdf" / g.filename) for g in guides}


def articles(site_info, guide: Guide) -> list[BeautifulSoup]:
    """The built articles a guide holds, as the site shows them."""
    pages = [site_info.page(p) for p in guide.pages] if guide.pages else pdf_document.complete_pages(site_info)
    out = []
    for page in pages:
        soup = BeautifulSoup(page.html_path.read_text(encoding="utf-8"), "html.parser")
        out.append(soup.select_one("article.md-content__inner"))
    return out


def expected_ids(site_info, guide) -> set[str]:
    ids = set()
    for article in articles(site_info, guide):
        ids |= {el["id"] for el in article.find_all(id=re.compile(f"^(?:{id_pattern()})$"))}
        ids |= {span.get_text(strip=True) for span in article.select(".fg-id")}
    return ids


def expected_headings(site_info, guide) -> list[str]:
    heads = []
    for article in articles(site_info, guide):
        for h in article.find_all(["h1", "h2", "h3"]):
            for link in h.select(".headerlink"):
                link.decompose()
            heads.append(h.get_text(" ", strip=True))
    return heads


def test_every_guide_is_built_with_a_sensible_page_count(pdfs):
    for slug, doc in pdfs.items():
        assert doc.path.is_file(), f"{doc.path} missing"
        count = len(doc.reader.pages)
        if doc.guide.compact:
            assert 1 <= count <= 2, f"{slug}: {count} pages; the pocket guide must fit on two"
        elif doc.guide.pages:
            assert 4 <= count <= 30, f"{slug}: {count} pages"
        else:
            assert 60 <= count <= 250, f"{slug}: {count} pages"
    assert len(pdfs["field-guide-complete"].reader.pages) > max(
        len(d.reader.pages) for s, d in pdfs.items() if d.guide.pages
    ), "the complete guide holds every page for readers, so it is longer than any curated guide"


def test_pocket_guide_in_a4_and_letter(pdfs):
    sizes = {}
    for slug in ("pocket-phrases-a4", "pocket-phrases-letter"):
        box = pdfs[slug].reader.pages[0].mediabox
        sizes[slug] = (round(float(box.width) / MM), round(float(box.height) / MM))
    assert sizes == {"pocket-phrases-a4": (210, 297), "pocket-phrases-letter": (216, 279)}


def test_guide_pages_link_to_their_pdfs(site, guides):
    for guide in guides:
        for home in {guide.home, "guides/index.md"}:
            html_path = site.site / home.removesuffix(".md").removesuffix("index").strip("/") / "index.html"
            soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
            hrefs = [a["href"] for a in soup.select("a.fg-pdf-link")]
            mine = [h for h in hrefs if h.endswith("/" + guide.filename)]
            assert mine, f"{home} does not link to {guide.filename}: {hrefs}"
            assert (html_path.parent / mine[0]).resolve().is_file()


def test_headings_and_item_ids_are_printed(pdfs, site_info):
    for slug, doc in pdfs.items():
        text = squash(doc.text)
        ids = expected_ids(site_info, doc.guide)
        assert ids, f"{slug}: no item IDs found in the HTML"
        if doc.guide.handout:  # the buyer's copy prints none (test_buyer_handouts.py checks the text)
            assert not [i for i in ids if i in text], f"{slug}: a handout prints item IDs"
        else:
            missing = sorted(i for i in ids if i not in text)
            assert not missing, f"{slug}: item IDs missing from the PDF: {missing}"
        heads = expected_headings(site_info, doc.guide)
        if doc.guide.compact:
            heads = heads[1:]  # the pocket guide's H1 is its title band
        missing = [h for h in heads if squash(h) not in text]
        assert not missing, f"{slug}: headings missing from the PDF: {missing}"


def test_each_item_id_stands_next_to_its_item(pdfs):
    # A card section's ID is not printed on the web page (it is the anchor); the PDF prints it by the heading.
    for line in pdfs["field-guide-complete"].text.splitlines():
        if line.strip().startswith("What it is") and "CD-" in line:
            assert re.search(r"What it is\s+CD-[a-z-]+-is\b", line), line
            break
    else:
        pytest.fail("no card section heading with its ID in the complete guide")


def test_cover_has_title_edition_build_date_and_price_date(pdfs):
    catalog = load_catalog(ROOT / "data")
    as_of = max(m.checked for m in catalog.prices.models)
    for slug, doc in pdfs.items():
        cover = " ".join(doc.pages[0].split())
        assert doc.title in cover, f"{slug}: title {doc.title!r} not on page 1"
        assert re.search(rf"Edition:? {re.escape(__version__)} ", cover), cover
        assert re.search(rf"Prices as of:? {as_of.day} {as_of:%B %Y}", cover), cover
        assert re.search(r"Built:? \d{1,2} [A-Z][a-z]+ 20\d\d", cover), cover


def test_running_headers_and_page_x_of_y(pdfs):
    for slug, doc in pdfs.items():
        total = len(doc.pages)
        first = 0 if doc.guide.compact else 1  # a booklet's cover has no header or footer
        for n, page in enumerate(doc.pages[first:], start=first + 1):
            lines = [l for l in page.splitlines() if l.strip()]
            assert lines[0].strip().startswith(doc.title), f"{slug} page {n}: header is {lines[0]!r}"
            assert lines[-1].strip() == f"Page {n} of {total}", f"{slug} page {n}: footer is {lines[-1]!r}"


LEADER = re.compile(r"^(?P<title>.*?)\s*(?:\.\s*){2,}(?P<page>\d+)\s*$")


def toc_entries(doc: Pdf) -> list[tuple[str, int]]:
    if doc.guide.compact:
        line = " ".join(doc.pages[0].split())
        item = r"[A-Z]+-[A-Za-z0-9-]*[A-Za-z0-9]"  # FL-012, BS-004, DQ-own-the-model
        found = re.findall(rf"({item})(?: to ({item}))?, page (\d+)", line)
        return [(f"{a} {b}".strip(), int(n)) for a, b, n in found]
    entries, pending = [], ""
    for number, page in enumerate(doc.pages[1:], start=2):  # page 1 is the cover
        if entries and number >= min(n for _, n in entries):
            break  # the contents end where the first listed page begins
        for line in body_lines(page):
            m = LEADER.match(line)
            if m:
                entries.append(((pending + " " + m["title"]).strip(), int(m["page"])))
                pending = ""
            elif line != "Contents":
                pending = (pending + " " + line).strip()  # an entry that wraps before its leader
    return entries


def body_lines(page: str) -> list[str]:
    """A page's lines without the running header and the footer."""
    return [l.strip() for l in page.splitlines() if l.strip()][1:-1]


def test_contents_page_numbers_are_where_the_headings_are(pdfs, site_info):
    for slug, doc in pdfs.items():
        entries = toc_entries(doc)
        if doc.guide.compact:
            first_item = {"discovery-card": "DQ-own-the-model"}.get(slug, "BS-001" if "pocket" in slug else None)
            if first_item is None:  # a template with no items (the pilot plan) prints no contents line
                assert not entries, f"{slug}: a contents line with nothing to list"
                continue
            assert entries, f"{slug}: no contents line"
            listed = []
            for ids, n in entries:
                first, *last = ids.split()
                page = doc.pages[n - 1]
                assert first in page and all(i in page for i in last), f"{slug}: {ids} not on page {n}"
                listed.append(first)
            assert listed[0] == first_item
            continue
        heads = [h for h in expected_headings(site_info, doc.guide) if h]
        assert len(entries) >= 3, f"{slug}: contents has {len(entries)} entries"
        for title, n in entries:
            assert 1 < n <= len(doc.pages), f"{slug}: {title!r} points at page {n}"
            assert squash(title) in squash(" ".join(body_lines(doc.pages[n - 1]))), f"{slug}: {title!r} is not on page {n}"
        listed = {squash(t) for t, _ in entries}
        h2 = [squash(h) for h in heads]
        assert any(t in listed or any(t in l for l in listed) for t in h2), f"{slug}: no heading is in the contents"


def link_uris(doc: Pdf) -> list[str]:
    uris = []
    for page in doc.reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def test_links_point_at_the_hosted_site(pdfs, site_info, site):
    external = set()
    for page in site.site.rglob("*.html"):
        external |= set(re.findall(r'href="(https?://[^"]+)"', page.read_text(encoding="utf-8")))
    for slug, doc in pdfs.items():
        uris = link_uris(doc)
        ours = [u for u in uris if u.startswith(site_info.site_url)]
        assert ours, f"{slug}: no link to {site_info.site_url}"
        strays = [u for u in uris if not u.startswith(site_info.site_url) and u not in external]
        assert not strays, f"{slug}: links that are neither the site's nor an external source's: {strays[:5]}"
        assert all(urlsplit(u).scheme in ("http", "https", "mailto") for u in uris)
    executive = link_uris(pdfs["executive"])
    assert site_info.site_url + "cards/rag/" in executive
    assert any(re.fullmatch(re.escape(site_info.site_url) + r"guides/executive/#ref-[a-z0-9-]+", u) for u in executive)
    pocket = link_uris(pdfs["pocket-phrases-a4"])
    assert site_info.site_url + "phrases/#FL-001" in pocket


def unembedded_fonts(path: Path) -> list[str]:
    """``pdffonts`` rows of fonts the PDF uses without embedding them."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, f"{path.name}: no fonts at all"
    # name type encoding emb sub uni object ID: the type may hold spaces, so read from the right.
    return [row for row in rows if row.split()[-5] != "yes"]


def test_fonts_are_embedded(pdfs):
    for slug, doc in pdfs.items():
        assert not unembedded_fonts(doc.path), f"{slug}: fonts not embedded: {unembedded_fonts(doc.path)}"


def test_the_font_check_sees_a_font_that_is_not_embedded(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")}
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 100 Td (plain) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(tmp_path / "helvetica.pdf")
    assert [row.split()[0] for row in unembedded_fonts(tmp_path / "helvetica.pdf")] == ["Helvetica"]


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def words_outside_printable_area(path: Path) -> list[str]:
    """Words closer to an edge than a printer can print, or further right than the margins allow."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = PAGE.findall(out)
    words = [(n, float(w), float(h), *map(float, m[:4]), m[4]) for n, (w, h, body) in enumerate(pages, 1) for m in WORD.findall(body)]
    assert words, f"{path.name}: no text"
    left = min(x0 for _, _, _, x0, *_ in words)  # the left margin, as the text shows it
    bad = []
    for n, width, height, x0, y0, x1, y1, word in words:
        if x0 < PRINTER_EDGE or y0 < PRINTER_EDGE or y1 > height - PRINTER_EDGE:
            bad.append(f"p{n} {word!r} at ({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) on {width:.0f}x{height:.0f}")
        elif x1 > width - left + 1.5:  # margins are symmetric
            bad.append(f"p{n} {word!r} ends at x={x1:.1f}, the right margin starts at {width - left:.1f}")
    return bad


def test_no_text_outside_the_printable_area(pdfs):
    for slug, doc in pdfs.items():
        bad = words_outside_printable_area(doc.path)
        assert not bad, f"{slug}: text outside the printable area: {bad[:5]}"


def test_the_area_check_sees_a_table_wider_than_the_page(tmp_path):
    from weasyprint import HTML

    cells = "".join(f"<td>column{i}</td>" for i in range(12))
    HTML(string=f"<style>@page {{ size: A5; margin: 15mm }} body {{ font-family: 'DejaVu Sans' }}</style>"
         f"<p>Left margin</p><table><tr>{cells}</tr></table>").write_pdf(tmp_path / "wide.pdf")
    bad = words_outside_printable_area(tmp_path / "wide.pdf")
    assert any("column" in b for b in bad), bad


def test_cost_tables_print_their_values(pdfs, site):
    for slug, page in (("field-guide-complete", "economics"), ("production-economics", "guides/production-economics")):
        soup = BeautifulSoup((site.site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        cells = [re.sub(r"\s*\[\d+\]", "", td.get_text(" ", strip=True))
                 for table in soup.select("article .tabbed-block table") for td in table.select("td")]
        money = sorted({m for c in cells for m in re.findall(r"\$[\d,]+(?:\.\d+)?", c)})
        assert len(money) >= 8, cells
        text = pdfs[slug].text
        # Every dollar figure is one word in the PDF; labels may wrap or hyphenate inside a
        # cell, so their longer words are looked for in the text with line breaks undone.
        raw = subprocess.run(["pdftotext", "-raw", str(pdfs[slug].path), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(raw.replace("\u2010\n", "").replace("\u00ad\n", "").split()).lower()
        missing = [m for m in money if m not in text]
        missing += [c for c in cells if not all(w.lower() in flat for w in re.findall(r"[A-Za-z]{4,}", c))]
        assert not missing, f"{slug}: cost table cells missing: {missing}"


def test_tabs_print_open_and_web_chrome_does_not(pdfs):
    text = pdfs["field-guide-complete"].text
    # Both tabs of the economics table, the computation included.
    assert "HOW THIS WAS COMPUTED" in text and "TABLE" in text
    assert "from fieldguide.economics import" in text
    for chrome in ("Skip to content", "Back to top", "Copy to clipboard", "Initializing search", "Made with"):
        assert chrome not in text, f"web-only text {chrome!r} in the PDF"
    assert not re.search(r"^\s*#\s*$", text, re.M), "a permalink sign is printed"
    # The seller's briefing's security phrases sit in a collapsed block on the site; print them open.
    executive = pdfs["seller-briefing"].text
    security = [p for p in load_catalog(ROOT / "data").phrases.values() if "security" in set(p.topics)]
    assert security
    for phrase in security:
        assert phrase.id in executive, f"{phrase.id} from the collapsed block is missing from the seller's briefing PDF"


# ------------------------------------------------------------------ failures


def test_a_link_to_a_missing_pdf_fails_the_build(tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "here.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "index.html").write_text('<a href="../pdf/here.pdf">ok</a> <a href="../pdf/gone.pdf">x</a>')
    with pytest.raises(build.BuildError, match=r"guides/index.html: \.\./pdf/gone\.pdf"):
        build.check_pdf_links(tmp_path)
    (tmp_path / "guides" / "index.html").write_text('<a href="../pdf/here.pdf">ok</a>')
    assert build.check_pdf_links(tmp_path) == 1


def test_a_pdf_over_its_page_limit_fails_naming_the_guide(site_info, guides, tmp_path):
    pocket = next(g for g in guides if g.slug == "pocket-phrases-a4")
    tight = Guide("pocket-tight", pocket.pages, pocket.home, size="A4", max_pages=1, compact=True)
    with pytest.raises(pdf_document.PdfError, match=r"pocket-tight\.pdf has 2 pages, more than its limit of 1"):
        pdf.render(pdf_document.assemble(tight, site_info), tmp_path / "x.pdf", site_info.site_dir)


def test_a_failing_pdf_leaves_the_old_site_untouched(site, tmp_path, monkeypatch):
    """`make site` with the site step replaced by the session's build (and its record), and a PDF that fails."""
    import shutil

    from fieldguide.links import manifest

    old = tmp_path / "site"
    old.mkdir()
    (old / "marker.txt").write_text("the previous build")

    def built_site(config_file, out, **_):
        shutil.copytree(site.site, out)
        shutil.copyfile(site.record_file, out / manifest.NAME)

    monkeypatch.setattr(build, "run_site", built_site)

    def broken(site, *args, **kwargs):
        raise pdf_document.PdfError("executive.pdf: rendering failed: on purpose")

    monkeypatch.setattr(pdf, "make_all", broken)
    with pytest.raises(build.BuildError, match=r"PDF field guides failed, site not replaced:\nexecutive\.pdf"):
        build.build(old, ROOT / "mkdocs.yml", log=lambda *_: None)
    assert (old / "marker.txt").read_text() == "the previous build"
    assert sorted(p.name for p in old.iterdir()) == ["marker.txt"]
    assert not list(tmp_path.glob(".site-build-*")), "the temporary build folder was left behind"


def test_pdfs_fetch_nothing_from_other_hosts(site_info, tmp_path):
    guide = Guide("remote", ("guides/executive.md",), "guides/executive.md")
    document = pdf_document.assemble(guide, site_info)
    document.body += '<img src="https://cdn.example.net/logo.png" alt="">'
    with pytest.raises(pdf_document.PdfError, match=r"remote\.pdf: the page asks for https://cdn\.example\.net/logo\.png; PDFs may only use files of the built site"):
        pdf.render(document, tmp_path / "remote.pdf", site_info.site_dir)

