"""Build the whole product, atomically: the strict site and every PDF field guide.

``python -m fieldguide.build [--site-dir DIR] [--config-file mkdocs.yml]``

1. ``mkdocs build --strict`` into a temporary folder beside ``DIR``;
2. the PDFs (:mod:`fieldguide.pdf`) into its ``pdf/`` folder;
2b. the offline copy (:mod:`fieldguide.offline`) into ``download/field-guide-offline.zip``;
3. a check that every link to a PDF or the zip on the built pages finds its file;
4. only then the temporary folder replaces ``DIR``.

Any failure leaves ``DIR`` as it was and exits non-zero with a message that names the
page or guide and what to do. ``make site`` and the test suite's ``site`` fixture both
run this.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from fieldguide import offline, pdf

PDF_HREF = re.compile(r'href="([^"#?]+\.(?:pdf|zip))"')


class BuildError(RuntimeError):
    """The build failed; the message says where and what to do."""


@dataclass
class Timings:
    mkdocs: float = 0.0
    pdf: float = 0.0
    offline: float = 0.0
    total: float = 0.0


def check_pdf_links(site_dir: Path) -> int:
    """Every relative link to a ``.pdf`` on a built page must find its file. Returns how many were checked."""
    broken: list[str] = []
    checked = 0
    for page in sorted(site_dir.rglob("*.html")):
        for href in PDF_HREF.findall(page.read_text(encoding="utf-8")):
            if urlsplit(href).scheme or href.startswith("/"):
                continue
            checked += 1
            target = (page.parent / unquote(href)).resolve()
            if not target.is_file():
                broken.append(f"  {page.relative_to(site_dir)}: {href} (no file {target.relative_to(site_dir.resolve()) if target.is_relative_to(site_dir.resolve()) else target})")
    if broken:
        raise BuildError(
            "links to PDFs that were not built:\n" + "\n".join(broken) + "\n"
            "Add the guide to GUIDES in src/fieldguide/pdf.py or fix the link in src/fieldguide/pdf_links.py"
        )
    return checked


def run_mkdocs(config_file: Path, out: Path, *, offline_copy: bool = False) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", offline.ENV: "true" if offline_copy else "false"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file), "--site-dir", str(out)]
    done = subprocess.run(cmd, cwd=config_file.parent, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        what = "the offline copy" if offline_copy else "mkdocs build --strict"
        raise BuildError(f"{what} failed, site not replaced:\n{done.stdout}{done.stderr}")


def build_offline_zip(config_file: Path, work: Path, out: Path) -> int:
    """Build the offline variant, give it the online build's PDFs, check its links, zip it into ``out``."""
    copy = work / "offline"
    run_mkdocs(config_file, copy, offline_copy=True)
    if (out / "pdf").is_dir():
        shutil.copytree(out / "pdf", copy / "pdf")
    try:
        check_pdf_links(copy)
    except BuildError as exc:
        raise BuildError(f"the offline copy: {exc}") from exc
    return offline.write_zip(copy, out / offline.ZIP_PATH)


def pin_build_date(project: Path) -> None:
    """Date the build by its commit, so two builds of one commit are byte-identical.

    MkDocs (sitemap dates) and the PDFs (cover, metadata) follow ``SOURCE_DATE_EPOCH``.
    When it is not set and the project is a git checkout, it becomes the time of the last
    commit; elsewhere the build is dated today.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return  # no git: dated today
    stamp = done.stdout.strip()
    if done.returncode == 0 and stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp


def build(site_dir: Path, config_file: Path, *, log=print) -> Timings:
    """Build the site and its PDFs into a temporary folder, then swap it in as ``site_dir``."""
    pin_build_date(config_file.resolve().parent)
    timings = Timings()
    start = time.perf_counter()
    site_dir = site_dir.resolve()
    config_file = config_file.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        out = work / "site"
        run_mkdocs(config_file, out)
        timings.mkdocs = time.perf_counter() - start
        t = time.perf_counter()
        try:
            site = pdf.load_site(config_file, out)
            made = pdf.make_all(site)
        except pdf.PdfError as exc:
            raise BuildError(f"PDF field guides failed, site not replaced:\n{exc}") from exc
        timings.pdf = time.perf_counter() - t
        for name, pages, seconds in made:
            log(f"  pdf/{name}: {pages} pages, {seconds:.1f} s")
        t = time.perf_counter()
        size = build_offline_zip(config_file, work, out)
        timings.offline = time.perf_counter() - t
        log(f"  {offline.ZIP_PATH}: {size / 1e6:.1f} MB, {timings.offline:.1f} s")
        check_pdf_links(out)
        old = work / "old"
        if site_dir.exists():
            site_dir.rename(old)
        try:
            out.rename(site_dir)
        except OSError:
            if old.exists():
                old.rename(site_dir)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    timings.total = time.perf_counter() - start
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldguide.build", description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        timings = build(args.site_dir, args.config_file)
    except BuildError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in args.site_dir.rglob("*.html"))
    pdfs = sum(1 for _ in (args.site_dir / "pdf").glob("*.pdf"))
    print(
        f"Built {args.site_dir}/ ({pages} HTML pages, {pdfs} PDFs) in {timings.total:.1f} s: "
        f"site {timings.mkdocs:.1f} s, PDFs {timings.pdf:.1f} s, offline copy {timings.offline:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
