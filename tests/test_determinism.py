"""Two builds of one commit produce the same bytes: the site, the PDFs and the offline zip.

The session's `make site` is compared with a second, independent build of the site
(``twin_site``, made by the other worker while the first builds), file by file. The PDF
guides are made again from the session's site, in new processes as `make site` makes
them, and compared byte for byte: the executive and decision-framework guides and the
pocket guide in both sizes. The complete and production-economics guides go through the
same code and take most of the time. The offline zip is written twice from one folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from conftest import ROOT
from fieldguide import build
from fieldguide.links import manifest
from fieldguide.outputs import offline, pdf

pytestmark = pytest.mark.build

#: Files that cannot be identical between two builds, each with the reason. None so far:
#: the build is dated by its commit (SOURCE_DATE_EPOCH), the zip has fixed dates and order.
ALLOWED_TO_DIFFER: dict[str, str] = {}
#: What `make site` adds after the site build (made again below) or removes from it (the record).
AFTER_THE_SITE = ("pdf/", "download/", manifest.NAME)


def digests(root) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_site_are_byte_identical(site, twin_site):
    assert twin_site.returncode == 0, twin_site.output[-3000:]
    first = {n: d for n, d in digests(site.site).items() if not n.startswith(AFTER_THE_SITE)}
    again = {n: d for n, d in digests(twin_site.site).items() if not n.startswith(AFTER_THE_SITE)}
    assert sorted(first) == sorted(again), f"files differ: {sorted(set(first) ^ set(again))[:10]}"
    differ = sorted(name for name in first if first[name] != again[name] and name not in ALLOWED_TO_DIFFER)
    assert not differ, f"{len(differ)} file(s) differ between two builds of one commit: {differ[:10]}"
    assert len(first) > 200, "the comparison covers the whole site"


def test_the_pdfs_made_again_are_byte_identical(site, tmp_path, monkeypatch):
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.zip"))
    stamp = os.environ.get("SOURCE_DATE_EPOCH") or build.commit_time(ROOT)  # as `make site` dated them
    if stamp:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", stamp)
    made, guides = build.site_for_pdfs(copy, site.record)
    curated = tuple(g for g in guides if g.pages and g.slug != "production-economics")
    assert len(curated) == len(guides) - 2
    pdf.make_all(made, curated)
    again = digests(copy / "pdf")
    first = {n: d for n, d in digests(site.site / "pdf").items() if n in {g.filename for g in curated}}
    assert sorted(first) == sorted(again) and len(again) == len(curated)
    assert [n for n in first if first[n] != again[n]] == []


def test_the_offline_zip_is_the_same_bytes_from_the_same_folder(site, tmp_path):
    folder = site.site / "guides"
    offline.write_zip(folder, tmp_path / "a.zip")
    offline.write_zip(folder, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert (site.site / offline.ZIP_PATH).stat().st_size > 100_000
