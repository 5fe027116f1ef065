"""Checks on a page's Markdown before it converts: each names the file and the line.

* :func:`front_matter`: MkDocs shows front matter it cannot parse as page text, silently;
  the build refuses it instead.
* :func:`hand_written_ids`: a permanent ID that the data or the code owns (``FL-001``,
  ``TR-…``, ``G3``) may not be written by hand on a heading or in raw HTML; a page owns only
  its cost-table headings (``CT-``). The kinds say which (:mod:`fieldguide.content.kinds`).
* :func:`citation_keys`: every ``[@id]`` names a source.
* :func:`duplicate_ids`: a rendered page repeats no HTML id.
"""

from __future__ import annotations

import re
from collections import Counter

import yaml

from fieldguide.content import kinds

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)
CODE_SPAN = re.compile(r"(`+).+?\1")
CITE_ANY = re.compile(r"\[@([^\]\s]*)\]")
#: An id written by hand in a page: ``{#ID}`` / ``{: #ID .class}`` after a heading, or ``id="ID"`` in raw HTML.
HAND_ID = re.compile(r"\{:?[^}\n]*?#(?P<attr>[A-Za-z][\w-]*)[^}\n]*\}|\sid=\"(?P<html>[^\"]+)\"")
HTML_ID = re.compile(r'\sid="([^"]+)"')


class PageError(Exception):
    """Something on a page stops the build; the message starts ``file:line:``."""


def front_matter(markdown: str, file: str) -> None:
    block = FRONT_MATTER.match(markdown)
    if not block:
        return
    try:
        meta = yaml.safe_load(block.group("yaml"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2  # +1 for the opening ---, +1 for 1-based lines
        problem = getattr(exc, "problem", None) or str(exc)
        raise PageError(f"{file}:{line}: the front matter is not valid YAML ({problem}); fix the block between the --- lines") from exc
    if not isinstance(meta, dict):
        raise PageError(f"{file}:2: the front matter must be `key: value` lines (a YAML mapping); fix the block between the --- lines")


def hand_written_ids(line: str, where: str) -> None:
    """Refuse a permanent ID written by hand that belongs to a data item or to the code."""
    for match in HAND_ID.finditer(CODE_SPAN.sub("", line)):
        value = match.group("attr") or match.group("html")
        kind = kinds.owned_elsewhere(value)
        if kind:
            owner = "the data" if kind.owner == "data" else "the code"
            raise PageError(
                f"{where}: the id '{value}' is written by hand, but it is the permanent ID of {kind.what}, which "
                f"{owner} owns; place the item with its block, or give this element an id of its own (not one "
                f"that starts like {value.split('-')[0]}-)"
            )


def citation_keys(line: str, where: str, sources) -> None:
    for key in CITE_ANY.findall(CODE_SPAN.sub("", line)):
        if key not in sources:
            raise PageError(f"{where}: citation [@{key}] names no source; add it to data/sources.yml or fix the id")


def lines_naming(source: str, anchor: str) -> list[int]:
    """The lines of a page's source that write ``anchor`` as an id (``#id``, ``id="id"``, ``| id``)."""
    pattern = re.compile(rf'(?:#|id="|\|\s*){re.escape(anchor)}(?![\w-])')
    return [n for n, line in enumerate(source.splitlines(), 1) if pattern.search(line)]


def duplicate_ids(html: str, file: str, source: str) -> None:
    counts = Counter(HTML_ID.findall(html))
    repeated = sorted(i for i, n in counts.items() if n > 1)
    if repeated:
        lines = lines_naming(source, repeated[0])
        at = f":{lines[0]}" if lines else ""
        also = f" (lines {', '.join(map(str, lines))} of the page name it)" if len(lines) > 1 else ""
        raise PageError(
            f"{file}{at}: duplicate HTML id(s) {', '.join(repeated)}{also}: a heading or item appears twice on the page; "
            "give one of them another id or place the item once"
        )
