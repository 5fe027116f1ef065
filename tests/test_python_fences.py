"""Guard: every Python fence in docs/ is tested, one way or the other.

Two kinds of Python fence may appear in ``docs/``:

* reader-facing examples (no ``exec``): collected and run by pytest-markdown-docs. They
  must sit at the top level of the page: one indented inside a tab or an admonition is
  silently skipped by it, so this test refuses indentation.
* build-time fences (``exec="on"``): holding exactly one ``--8<--`` include of a file in
  ``snippets/``, which ``test_snippets.py`` runs. The project's pytest plugin
  (:mod:`fieldguide.pytest_plugin`) tells pytest-markdown-docs to skip them; a
  ``notest`` option in the page would break the source tab markdown-exec shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_markdown_docs.plugin import FenceSyntax, extract_fence_tests

from fieldguide.pytest_plugin import markdown_it

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>python3?|py)\b(?P<info>[^\n]*)$")


def python_fences(page: Path):
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match.group("fence")
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence))
        yield i + 1, match.group("indent"), match.group("info"), lines[i + 1 : end]
        i = end + 1


def test_docs_have_both_kinds_of_fence():
    kinds = {"exec" if 'exec="on"' in info else "reader" for p in PAGES for _, _, info, _ in python_fences(p)}
    assert kinds == {"exec", "reader"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_python_fence_is_tested(page):
    reader = 0
    for line, indent, info, body in python_fences(page):
        where = f"{page.relative_to(ROOT)}:{line}"
        assert not indent, f"{where}: a Python fence inside a tab or admonition is never tested; move it to the top level"
        if 'exec="on"' in info:
            assert "notest" not in info.split(), f"{where}: drop notest; it breaks the source tab (the plugin skips exec fences)"
            assert re.search(r'\bid="[\w-]+"', info), f"{where}: give the exec fence an id= so failures name it"
            assert len(body) == 1 and body[0].startswith("--8<-- "), f"{where}: an exec fence holds one --8<-- include"
            target = body[0].split('"')[1]
            assert (ROOT / "snippets" / target).is_file(), f"{where}: snippets/{target} does not exist"
        else:
            assert "notest" not in info, f"{where}: reader-facing Python must be tested; remove notest"
            reader += 1
    collected = list(
        extract_fence_tests(markdown_it(), page.read_text(encoding="utf-8"), 0, page, fence_syntax=FenceSyntax.superfences)
    )
    assert len(collected) == reader, f"{page.name}: pytest-markdown-docs collects {len(collected)} of {reader} fences"
