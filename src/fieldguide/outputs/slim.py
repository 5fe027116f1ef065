"""What each page sends, and no more.

The plugin calls it. Lighthouse measures a first visit over a slow
mobile connection, where every byte of the page and of what it loads delays the first
drawing, and every element costs the browser time each time Material's scripts make it
recompute the page's style or layout.

:func:`exclude_api_source_from_search` (on the page's content, before search indexes it)
marks the source listings of the API reference ``data-search-exclude``: the docstrings stay searchable, the code does not swell
the search index that every first visit downloads.

:func:`slim_page` (the last step before a page is written)

* drops the indentation of Material's templates (about a tenth of a page): a newline stays
  wherever there was whitespace, so nothing renders differently; ``<pre>``, ``<code>``,
  ``<textarea>``, ``<script>`` and ``<style>`` keep theirs byte for byte;
* unwraps the spans Pygments puts around every name and every run of spaces in a code
  listing (a fifth of the economics page): Material colours names like the code around
  them and spaces not at all, so the listing looks the same, with far fewer elements;
* leaves mkdocstrings' stylesheet out of the pages that have no API documentation on them
  (mkdocstrings lists it for every page).
"""

from __future__ import annotations

import re

KEPT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
INDENT = re.compile(r"\n\s+")
# Pygments' token classes: n is a name, w whitespace (Material: .highlight .n takes the code colour).
PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
API_STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\n?')
API_CONTENT = 'class="doc doc-'
API_SOURCE = '<details class="mkdocstrings-source"'


def collapse_indentation(html: str) -> str:
    """Every run of whitespace that holds a newline becomes one newline, outside the elements
    that keep theirs; in code listings (``<pre>``) names and spaces lose their spans."""
    out: list[str] = []
    pos = 0
    for kept in KEPT.finditer(html):
        out.append(INDENT.sub("\n", html[pos : kept.start()]))
        block = kept.group(0)
        out.append(PLAIN_TOKEN.sub(r"\1", block) if kept.group(1).lower() == "pre" else block)
        pos = kept.end()
    out.append(INDENT.sub("\n", html[pos:]))
    return "".join(out)


def drop_unused_api_stylesheet(html: str) -> str:
    return html if API_CONTENT in html else API_STYLESHEET.sub("", html, count=1)


def exclude_api_source_from_search(html: str) -> str:
    """Mark the API reference's source listings ``data-search-exclude`` (before search indexes them)."""
    return html.replace(API_SOURCE, API_SOURCE + " data-search-exclude") if API_SOURCE in html else html


def slim_page(output: str) -> str:
    """The whole page, as written: no template indentation, no spans around plain tokens."""
    return collapse_indentation(drop_unused_api_stylesheet(output))
