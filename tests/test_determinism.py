"""Two clean builds of one commit produce the same bytes, PDFs and offline zip included."""

from __future__ import annotations

import hashlib

import pytest

from conftest import ROOT, run_full_build

pytestmark = pytest.mark.build

#: Files that cannot be identical between two builds, each with the reason. None so far:
#: the build is dated by its commit (SOURCE_DATE_EPOCH), the zip has fixed dates and order.
ALLOWED_TO_DIFFER: dict[str, str] = {}


def digests(root) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    second = run_full_build(ROOT, tmp_path / "site")
    assert second.returncode == 0, second.output[-3000:]
    first, again = digests(site.site), digests(second.site)
    assert sorted(first) == sorted(again), f"files differ: {sorted(set(first) ^ set(again))[:10]}"
    differ = sorted(name for name in first if first[name] != again[name] and name not in ALLOWED_TO_DIFFER)
    assert not differ, f"{len(differ)} file(s) differ between two builds of one commit: {differ[:10]}"
    assert len(first) > 200 and any(n.endswith(".pdf") for n in first), "the comparison covers the whole site, PDFs included"
