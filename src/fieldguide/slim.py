"""What each page sends, and no more: the last step before a page is written.

Listed under ``hooks:`` in ``mkdocs.yml``. Lighthouse measures a first visit over a slow
mobile connection, where every byte of the page and of the stylesheets it waits for delays
the first drawing. ``on_post_page`` therefore

* drops the indentation of Material's templates (about a tenth of a page): a newline stays
  wherever there was whitespace, so nothing renders differently, and ``<pre>``, ``<code>``,
  ``<textarea>``, ``<script>`` and ``<style>`` keep theirs byte for byte;
* leaves mkdocstrings' stylesheet out of the pages that have no API documentation on them
  (mkdocstrings lists it for every page).

Search indexes the page before this step, so it is unaffected.
"""

from __future__ import annotations

import re

KEPT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
INDENT = re.compile(r"\n\s+")
API_STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\n?')
API_CONTENT = 'class="doc doc-'


def collapse_indentation(html: str) -> str:
    """Every run of whitespace that holds a newline becomes one newline, outside the elements that keep theirs."""
    out: list[str] = []
    pos = 0
    for kept in KEPT.finditer(html):
        out.append(INDENT.sub("\n", html[pos : kept.start()]))
        out.append(kept.group(0))
        pos = kept.end()
    out.append(INDENT.sub("\n", html[pos:]))
    return "".join(out)


def drop_unused_api_stylesheet(html: str) -> str:
    return html if API_CONTENT in html else API_STYLESHEET.sub("", html, count=1)


def on_post_page(output: str, page, config) -> str:
    return collapse_indentation(drop_unused_api_stylesheet(output))
