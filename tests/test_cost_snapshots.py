"""Every cost table, as Markdown, committed under tests/snapshots/costs/.

A price or model change shows up as a reviewable diff of these files. After an intended
change, refresh them with `make snapshots` and commit the diff with the price change.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests/snapshots/costs"
TABLES = sorted((ROOT / "snippets/costs").glob("*.py"))


def render(snippet: Path) -> str:
    env = {**os.environ, "FIELDGUIDE_DATA": str(ROOT / "data")}
    done = subprocess.run([sys.executable, str(snippet)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_table_has_a_snapshot_and_no_snapshot_is_orphaned():
    tables = {p.stem for p in TABLES}
    snaps = {p.stem for p in SNAPSHOTS.glob("*.md")}
    if os.environ.get("UPDATE_SNAPSHOTS"):
        for stale in snaps - tables:
            (SNAPSHOTS / f"{stale}.md").unlink()
        return
    assert tables == snaps, f"tables without a snapshot: {sorted(tables - snaps)}; snapshots without a table: {sorted(snaps - tables)}. Run `make snapshots`."


@pytest.mark.parametrize("snippet", TABLES, ids=lambda p: p.stem)
def test_table_matches_its_snapshot(snippet):
    actual = render(snippet)
    snapshot = SNAPSHOTS / f"{snippet.stem}.md"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(actual, encoding="utf-8")
        return
    assert snapshot.exists(), f"{snapshot.relative_to(ROOT)} is missing; run `make snapshots` and commit it"
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(snapshot.relative_to(ROOT)), "now"))
        pytest.fail(f"the {snippet.stem} table changed. If the change is intended (a new price), run "
                    f"`make snapshots` and commit the snapshot with it.\n{diff}")
