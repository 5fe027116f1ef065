"""Checks on build-time snippets: the includes a page names, and the HTML a snippet prints.

Python-Markdown passes raw HTML through as it is and shows a Markdown table whose
separator row is broken as a paragraph of pipes; neither stops a build. A snippet that
prints an unclosed ``<div>`` would swallow the rest of the page, so the build checks each
executed block's output here and refuses it with the block's id and the fix.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from fieldguide.markdown_text import HTML_TOKEN, VOID

INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^"]+)"\s*$')
SECTION_MARK = "--8<-- [{kind}:{name}]"


def html_problems(html: str) -> list[str]:
    """What is wrong with the HTML one executed block produced; empty when it is well formed.

    * every element except the void ones has as many end tags as start tags, and
      elements nest (``<b><i></b></i>`` is refused);
    * no paragraph holds a line of ``| cells |``: that is a Markdown table that did not
      render as a table (a missing or broken ``|---|`` row, or a blank line inside it).
    """
    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    open_tags: list[tuple[str, str]] = []  # (tag, its start tag as written)
    crossed: list[str] = []
    for token in HTML_TOKEN.finditer(html):
        kind = token.lastgroup
        if kind == "attrs":
            tag = token.group("start").lower()
            if tag not in VOID and not token.group("attrs").rstrip().endswith("/"):
                starts[tag] += 1
                open_tags.append((tag, token.group(0)[:60]))
        elif kind == "end":
            tag = token.group("end").lower()
            if tag in VOID:
                continue
            ends[tag] += 1
            names = [name for name, _ in open_tags]
            if tag in names:
                if names[-1] != tag and not crossed:
                    crossed.append(f"{open_tags[-1][1]} is still open when </{tag}> closes its parent")
                del open_tags[len(names) - 1 - names[::-1].index(tag):]
    problems = []
    for tag in sorted(set(starts) | set(ends)):
        opened, closed = starts[tag], ends[tag]
        if opened > closed:
            problems.append(f"a <{tag}> is never closed ({opened} <{tag}> but {closed} </{tag}>)")
        elif closed > opened:
            problems.append(f"a </{tag}> closes nothing ({closed} </{tag}> but {opened} <{tag}>)")
    if not problems:
        problems += crossed
    for match in re.finditer(r"<p>(.*?)</p>", html, re.S):
        if any(line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") > 2
               for line in match.group(1).splitlines()):
            first = match.group(1).strip().splitlines()[0][:60]
            problems.append(f"a Markdown table did not render as a table ({first!r} came out as a paragraph): "
                            "check its |---| row and that no blank line splits it")
            break
    return problems


def include_problem(line: str, root: Path, bases: list[str]) -> str | None:
    """For a ``--8<-- "path"`` or ``--8<-- "path:section"`` line: why it cannot be included, or None.

    ``bases`` are pymdownx.snippets' ``base_path`` folders, relative to ``root`` (the
    folder of ``mkdocs.yml``), searched in order as the extension searches them.
    """
    match = INCLUDE.match(line)
    if not match:
        return None
    target = match.group("path")
    section = None
    name, sep, tail = target.rpartition(":")
    if sep and re.fullmatch(r"[A-Za-z0-9_-]+", tail) and not re.fullmatch(r"[A-Za-z]", name):
        target, section = name, tail
    found = next((Path(base) / target for base in bases if (root / base / target).is_file()), None)
    if found is None:
        where = " or ".join(f"{base}/" for base in bases)
        return f"the snippet '{target}' does not exist under {where}; fix the path or add the file"
    if section is None:
        return None
    text = (root / found).read_text(encoding="utf-8")
    start, end = SECTION_MARK.format(kind="start", name=section), SECTION_MARK.format(kind="end", name=section)
    if start not in text or end not in text:
        return (f"the snippet '{target}' has no section '{section}'; mark it in {found.as_posix()} with a "
                f"'{start}' line and a '{end}' line (as comments), or fix the name")
    return None
