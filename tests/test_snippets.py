"""Every build-time snippet runs as a plain script, prints a Markdown table with its prices'
as-of date, and matches its snapshot under ``tests/snapshots/costs/``.

A price or model change shows up as a reviewable diff of the snapshots. After an intended
change, refresh them with ``make snapshots`` and commit the diff with the price change.
The snippets run in this process, as ``python snippets/costs/<name>.py`` runs them (the
same ``__main__``, from the project's folder); one also runs in a new interpreter, as an
author runs it.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests/snapshots/costs"
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))


def run(snippet: Path) -> str:
    """What the snippet prints when run as a script from the project's folder."""
    out = io.StringIO()
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(snippet), run_name="__main__")
    finally:
        os.chdir(before)
    return out.getvalue()


def test_there_are_snippets_and_each_has_a_snapshot_and_no_snapshot_is_orphaned():
    assert SNIPPETS
    tables = {p.stem for p in SNIPPETS}
    snaps = {p.stem for p in SNAPSHOTS.glob("*.md")}
    if UPDATE:
        for stale in snaps - tables:
            (SNAPSHOTS / f"{stale}.md").unlink()
        return
    assert tables == snaps, (f"tables without a snapshot: {sorted(tables - snaps)}; snapshots without a table: "
                             f"{sorted(snaps - tables)}. Run `make snapshots`.")


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.stem)
def test_snippet_prints_a_dated_table_that_matches_its_snapshot(snippet):
    actual = run(snippet)
    lines = actual.splitlines()
    tables = [i for i, line in enumerate(lines[:-1]) if line.startswith("| ") and set(lines[i + 1]) <= set("|-: ")]
    assert tables, "prints a Markdown table"
    assert re.search(r"as of \d{1,2} [A-Z][a-z]+ \d{4}", actual), "prints the as-of date of its prices"
    snapshot = SNAPSHOTS / f"{snippet.stem}.md"
    if UPDATE:
        snapshot.write_text(actual, encoding="utf-8")
        return
    assert snapshot.exists(), f"{snapshot.relative_to(ROOT)} is missing; run `make snapshots` and commit it"
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(snapshot.relative_to(ROOT)), "now"))
        pytest.fail(f"the {snippet.stem} table changed. If the change is intended (a new price), run "
                    f"`make snapshots` and commit the snapshot with it.\n{diff}")


def test_a_snippet_runs_in_a_new_interpreter_as_an_author_runs_it():
    snippet = ROOT / "snippets/costs/four_ways.py"
    done = subprocess.run([sys.executable, str(snippet)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == run(snippet)
