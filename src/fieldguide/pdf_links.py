"""MkDocs hook: each field guide page links to its printable PDF.

The links are raw HTML added after Markdown, because the PDFs do not exist while MkDocs
validates links: ``python -m fieldguide.build`` checks every one of them once the PDFs
are written, and fails the build on a link that finds no file.
"""

from __future__ import annotations

import html
import posixpath
import re

from fieldguide.pdf import guides_for

H1_END = re.compile(r"</h1>", re.IGNORECASE)


def pdf_href(page_url: str, filename: str) -> str:
    """The relative address of ``pdf/<filename>`` from a page at ``page_url``."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(f"pdf/{filename}", base.rstrip("/") or ".")


def links_html(page_url: str, titles: dict[str, str], src_uri: str) -> str:
    guides = guides_for(src_uri)
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


def _titles(files) -> dict[str, str]:
    out: dict[str, str] = {}
    from fieldguide.pdf import GUIDES

    for guide in GUIDES:
        if not guide.pages:
            out[guide.slug] = "The complete guide"
            continue
        file = files.get_file_from_path(guide.pages[0])
        page = getattr(file, "page", None) if file else None
        if page is not None and page.title:
            out[guide.slug] = page.title
    return out


def on_page_content(html_text: str, page, config, files):
    block = links_html(page.url, _titles(files) if page.file.src_uri == "guides/index.md" else {}, page.file.src_uri)
    if not block:
        return html_text
    if page.file.src_uri == "guides/index.md":
        return html_text + block
    return H1_END.sub(lambda m: m.group(0) + block, html_text, count=1)
