"""A page's Markdown, made ready to convert: checked, its figures and blocks put in, its citations numbered.

:func:`prepare` is what the plugin runs on every page (``on_page_markdown``), as a plain
function: the fault tests call it on a page directly, without a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldguide.content import blocks, checks, citations, snippets
from fieldguide.content.data import Catalog
from fieldguide.content.text import outside_fences
from fieldguide.economics import figures


@dataclass(frozen=True)
class Context:
    """What preparing a page needs to know about the site."""

    catalog: Catalog
    figures: dict[str, str]
    root: Path  # the folder of mkdocs.yml
    snippet_bases: tuple[str, ...] = ("snippets", ".")
    containers: frozenset[str] = blocks.CONTAINERS


def front_matter_lines(raw: str, markdown: str) -> int:
    """How many source lines MkDocs removed (the front matter) before handing over ``markdown``."""
    return raw.count("\n", 0, len(raw) - len(markdown)) if raw.endswith(markdown) else 0


def prepare(markdown: str, file: str, raw: str, ctx: Context) -> tuple[str, list[str]]:
    """The page's Markdown ready to convert, and the sources it cites in order.

    ``file`` is the page as messages name it (``docs/economics.md``) and ``raw`` its whole
    source, front matter included, so that every message gives the line an author sees.

    Raises:
        checks.PageError, blocks.BlockError: naming the file and the line.
    """
    offset = front_matter_lines(raw, markdown)
    sources = ctx.catalog.sources
    checks.front_matter(markdown, file)
    lines = markdown.split("\n")
    for i, line in enumerate(lines):  # pymdownx.snippets includes inside fences too
        if "8<-" in line:
            problem = snippets.include_problem(line, ctx.root, list(ctx.snippet_bases))
            if problem:
                raise checks.PageError(f"{file}:{i + 1 + offset}: {problem}")
    for i, line in outside_fences(lines):
        where = f"{file}:{i + 1 + offset}"
        if "id=" in line or "#" in line:
            checks.hand_written_ids(line, where)
        if "[@" in line:
            checks.citation_keys(line, where, sources)
        if "{{" in line or "$" in line:
            lines[i], problems = figures.resolve(line, ctx.figures)
            if problems:
                raise checks.PageError(f"{where}: {problems[0]}")
    expanded, _ = blocks.expand("\n".join(lines), ctx.catalog, file, offset, ctx.containers)
    return citations.number(expanded, sources)
