"""Printable field guides: each guide's document laid out by WeasyPrint into ``pdf/<slug>.pdf``.

:func:`make_all` renders every guide declared in ``mkdocs.yml`` (the plugin's ``guides:``)
in parallel processes, each from the document :func:`~fieldguide.outputs.pdf_document.assemble`
composes, with the print stylesheet ``pdf.css`` (running headers through ``string-set``,
"Page X of Y" footers, tables that fit the page and never split a row). A pocket guide's
contents list gives the range of entries on each page, so it is laid out until the ranges
settle; a guide longer than its page limit stops the build.

Any failure raises :class:`~fieldguide.outputs.pdf_document.PdfError` naming the guide and
what to do about it.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fieldguide.outputs.guides import Guide
from fieldguide.outputs.pdf_document import Document, PdfError, Site, _Entry, assemble, page_css

STYLESHEET = Path(__file__).with_name("pdf.css")

def _fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class LocalOnly(URLFetcher):
        """Refuses every request that would leave this machine: PDFs embed only local files."""

        def fetch(self, url, headers=None):
            if not url.startswith(("file:", "data:")):
                raise FatalURLFetchingError(
                    f"the page asks for {url}; PDFs may only use files of the built site. "
                    "Ship the resource under docs/ or overrides/ instead of linking it"
                )
            return super().fetch(url, headers)

    return LocalOnly()


_worker: dict[str, object] = {}


def _stylesheets():
    """Parsed once per process: the print stylesheet and the font configuration."""
    if not _worker:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        _worker["fonts"] = fonts
        _worker["css"] = CSS(filename=str(STYLESHEET), font_config=fonts)
    return _worker["css"], _worker["fonts"]


def render(document: Document, out: Path, site_dir: Path) -> int:
    """Write one PDF; return its page count."""
    from weasyprint import CSS, HTML

    css, fonts = _stylesheets()
    extra = CSS(string=page_css(document.guide, document.title), font_config=fonts)
    base_url = (site_dir / "index.html").as_uri()

    def layout():
        from weasyprint.urls import FatalURLFetchingError

        try:
            return HTML(string=document.html, base_url=base_url, url_fetcher=_fetcher()).render(
                stylesheets=[css, extra], font_config=fonts
            )
        except FatalURLFetchingError as exc:  # a BaseException: turn it into the build's own error
            raise PdfError(f"{document.guide.filename}: {exc}") from None

    rendered = layout()
    if document.guide.compact and document.item_ids:
        # Contents of a pocket guide: the range of entries on each page. Lay out again until
        # the ranges no longer move (the first layout decides; a second confirms).
        for _ in range(3):
            ranges = _id_ranges(rendered, document.item_ids)
            if ranges == document.toc:
                break
            document.toc = ranges
            rendered = layout()
        else:
            raise PdfError(f"{document.guide.filename}: the contents list does not settle; check pdf.css's compact layout")
    pages = len(rendered.pages)
    if document.guide.max_pages is not None and pages > document.guide.max_pages:
        raise PdfError(
            f"{document.guide.filename} has {pages} pages, more than its limit of {document.guide.max_pages}; "
            "shorten the entries or tighten the compact layout in src/fieldguide/outputs/pdf.css"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    rendered.write_pdf(out)
    return pages


def _id_ranges(rendered, item_ids: list[str]) -> list[_Entry]:
    """One contents entry per page: the first to the last item ID that page holds."""
    wanted = set(item_ids)
    order = {item_id: i for i, item_id in enumerate(item_ids)}
    entries = []
    for page in rendered.pages:
        here = sorted((a for a in page.anchors if a in wanted), key=order.__getitem__)
        if here:
            text = here[0] if len(here) == 1 else f"{here[0]} to {here[-1]}"
            entries.append(_Entry(1, text, here[0]))
    return entries


def _make(guide: Guide, site: Site) -> tuple[str, int, float]:
    import time

    start = time.perf_counter()
    try:
        document = assemble(guide, site)
        pages = render(document, site.site_dir / "pdf" / guide.filename, site.site_dir)
    except PdfError:
        raise
    except Exception as exc:
        raise PdfError(
            f"{guide.filename}: rendering failed: {type(exc).__name__}: {exc}\n"
            "Check the pages it holds (" + (", ".join(guide.pages) or "every page") + ") "
            "and src/fieldguide/outputs/pdf.css; run `python -m fieldguide.build` to reproduce"
        ) from exc
    return guide.filename, pages, time.perf_counter() - start


def make_all(site: Site, guides: tuple[Guide, ...], workers: int | None = None) -> list[tuple[str, int, float]]:
    """Render every guide, in parallel processes; return (file, pages, seconds) per guide.

    The complete guide takes most of the time, so it starts first; the small guides share
    the other worker.
    """
    ordered = sorted(guides, key=lambda g: bool(g.pages))
    workers = workers or min(len(ordered), os.cpu_count() or 1)
    if workers <= 1:
        return [_make(g, site) for g in ordered]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_make, g, site) for g in ordered]
        return [f.result() for f in futures]
