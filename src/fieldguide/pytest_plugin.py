"""pytest plugin (loaded through the ``pytest11`` entry point): build-time fences are not reader examples.

pytest-markdown-docs runs every Python fence in ``docs/``. A fence with ``exec="on"`` is
run by markdown-exec during the build and holds a ``--8<--`` include of a snippet that
``tests/test_snippets.py`` runs as a script, so it is marked ``notest`` for
pytest-markdown-docs here rather than in the page: markdown-exec copies a fence's extra
options onto the source it shows, and superfences would then refuse that fence and print
the "How this was computed" tab as plain paragraphs.
"""

from __future__ import annotations

import re

import pytest

EXEC = re.compile(r"""\bexec=["']?(?:on|1|true|yes)\b""")


def skip_build_time_fences(state) -> None:
    """markdown-it core rule: add ``notest`` to every fence that markdown-exec runs."""
    for token in state.tokens:
        if token.type == "fence" and EXEC.search(token.info):
            token.info = f"{token.info} notest"


def markdown_it():
    from markdown_it import MarkdownIt

    parser = MarkdownIt()
    parser.core.ruler.push("fieldguide_skip_build_time_fences", skip_build_time_fences)
    return parser


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it():
    return markdown_it()
