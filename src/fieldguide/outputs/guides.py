"""The printable field guides, as ``mkdocs.yml`` declares them, and the links that lead to them.

Each guide is one PDF (:class:`Guide`, from the plugin's ``guides:`` option): the pages it
holds, the page that links to it, its paper size and page limit. The guides index links
every PDF; each guide's page links its own. The PDFs do not exist while the pages render,
so :func:`fieldguide.build.check_pdf_links` checks every such link once they are written.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    """One printable PDF.

    Attributes:
        slug: The file name under ``pdf/`` without ``.pdf``.
        pages: Source paths under ``docs/``, in order; empty means the complete guide
            (every page in the nav but those the plugin's ``complete_leaves_out`` names).
        home: The page that links to this PDF.
        size: ``"Letter"`` or ``"A4"``.
        label: The link text on the site, after the guide's title.
        max_pages: The most pages the PDF may have, or ``None``.
        compact: A pocket layout: no separate cover or contents page, small type.
        handout: A page the seller leaves with the buyer: no permanent IDs and no links
            into the bibliography are printed (the sources themselves are).
    """

    slug: str
    pages: tuple[str, ...]
    home: str
    size: str = "Letter"
    label: str = "PDF, US Letter"
    max_pages: int | None = None
    compact: bool = False
    handout: bool = False

    @property
    def filename(self) -> str:
        return f"{self.slug}.pdf"


def guides_for(guides: tuple[Guide, ...], src_uri: str, index: str) -> list[Guide]:
    """The guides a page links to: its own PDFs, or all of them on the guides index."""
    if src_uri == index:
        return list(guides)
    return [g for g in guides if g.home == src_uri]


def pdf_href(page_url: str, filename: str) -> str:
    """The relative address of ``pdf/<filename>`` from a page at ``page_url``."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(f"pdf/{filename}", base.rstrip("/") or ".")


def links_html(page_url: str, guides: list[Guide], titles: dict[str, str]) -> str:
    """The box of links to a page's PDFs (titles name each guide, on the guides index)."""
    if not guides:
        return ""
    items = []
    for guide in guides:
        name = titles.get(guide.slug, "")
        text = f"{name} ({guide.label})" if name else guide.label
        items.append(
            f'<li><a class="fg-pdf-link" href="{html.escape(pdf_href(page_url, guide.filename))}" '
            f'type="application/pdf">{html.escape(text)}</a></li>'
        )
    lead = "Printable editions" if len(guides) > 2 else "Print this guide"
    return f'<div class="fg-pdf-links"><p><strong>{lead}:</strong></p><ul>{"".join(items)}</ul></div>'
