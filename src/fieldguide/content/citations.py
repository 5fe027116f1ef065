"""Citations: ``[@source-id]`` in a page becomes a numbered reference and a Sources list.

The page's own citations are numbered before its Markdown converts (:func:`number`), and
a "Sources" list goes at its foot. Build-time snippets print their tables while the page
converts, after that numbering, so :func:`number_in_html` numbers the citations they
print: a snippet may cite only sources the page's text already cites (they then share its
numbers), and the build says so when it cites another.
"""

from __future__ import annotations

import re

from fieldguide.content.items.sources import source_entry
from fieldguide.content.text import attr, outside_fences

CITE_OR_CODE = re.compile(r"(?P<code>(`+).+?\2)|\[@(?P<key>[a-z0-9][a-z0-9-]*)\]")
HTML_CITE = re.compile(r"(?P<code><(pre|code)\b.*?</\2>)|\[@(?P<key>[a-z0-9][a-z0-9-]*)\]", re.S)


class CitationError(Exception):
    """A snippet cites a source the page cannot number; the message names the page."""


def number(markdown: str, sources: dict) -> tuple[str, list[str]]:
    """Number the page's citations in order of first use; append its Sources list."""
    lines = markdown.split("\n")
    order: list[str] = []

    def one(match: re.Match) -> str:
        if match.group("code"):
            return match.group("code")
        key = match.group("key")
        if key not in order:
            order.append(key)
        n = order.index(key) + 1
        return f'<sup class="fg-cite">[[{n}](#ref-{key} "{attr(sources[key].title)}")]</sup>'

    for i, line in outside_fences(lines):
        if "[@" in line:
            lines[i] = CITE_OR_CODE.sub(one, line)
    if not order:
        return "\n".join(lines), order
    lines += ["", "## Sources {#page-sources .fg-page-sources-title}", "", '<ol class="fg-page-sources" markdown>']
    for key in order:
        entry = source_entry(sources[key]).replace(f'id="SRC-{key}"', f'id="ref-{key}"', 1)
        entry = entry.replace("</li>", f' [In the bibliography](/sources.md#SRC-{key}).</li>')
        lines.append(entry)
    lines += ["</ol>", ""]
    return "\n".join(lines), order


def number_in_html(html: str, file: str, order: list[str], sources: dict) -> str:
    """Number the ``[@id]`` citations printed by build-time snippets (outside code)."""

    def one(match: re.Match) -> str:
        if match.group("code"):
            return match.group("code")
        key = match.group("key")
        if key not in sources:
            raise CitationError(f"{file}: a build-time table cites [@{key}], which names no source; fix the snippet or add it to data/sources.yml")
        if key not in order:
            raise CitationError(
                f"{file}: a build-time table cites [@{key}], but the page's text does not; "
                f"cite [@{key}] in the text next to the table so it gets a number in the page's Sources list"
            )
        title = attr(sources[key].title)
        return f'<sup class="fg-cite">[<a href="#ref-{key}" title="{title}">{order.index(key) + 1}</a>]</sup>'

    return HTML_CITE.sub(one, html) if "[@" in html else html
