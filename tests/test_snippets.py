"""Every build-time snippet also runs as a plain script and prints a Markdown table."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def test_there_are_snippets_to_test():
    assert SNIPPETS


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_snippet_runs_as_a_script(snippet):
    done = subprocess.run([sys.executable, str(snippet)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    tables = [i for i, line in enumerate(lines[:-1]) if line.startswith("| ") and set(lines[i + 1]) <= set("|-: ")]
    assert tables, "prints a Markdown table"
    assert re.search(r"as of \d{1,2} [A-Z][a-z]+ \d{4}", done.stdout), "prints the as-of date of its prices"
