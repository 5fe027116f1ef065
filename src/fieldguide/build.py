"""Build the whole product, atomically: the strict site, every PDF field guide, the offline copy.

``python -m fieldguide.build [--site-dir DIR] [--config-file mkdocs.yml]`` (``make site``):

1. ``properdocs build --strict`` into a temporary folder beside ``DIR``, with the project's
   own ``src/`` first on the import path, so a copy of the project builds with its own code;
2. the PDFs (:mod:`fieldguide.outputs.pdf`) into its ``pdf/`` folder, from the record of
   what each page published (:mod:`fieldguide.links.manifest`);
3. the offline copy (:mod:`fieldguide.outputs.offline`): a second build with the offline
   options on (``FIELDGUIDE_OFFLINE``, which ``mkdocs.yml`` reads), run alongside the
   PDFs, given them, and zipped into ``download/field-guide-offline.zip``;
4. a check that every link to a PDF or the zip on the built pages finds its file;
5. only then the temporary folder replaces ``DIR``.

Any failure leaves ``DIR`` as it was and exits non-zero with a message that names the
page or guide and what to do. ``python -m fieldguide.build --anchors`` (``make anchors``)
builds the site only and adds the anchors it recorded to ``data/anchors.yml``;
``--record FILE`` also keeps the build's record (what each page published, its anchors)
in ``FILE``, for tests and tools that read it.
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

from fieldguide.links import manifest, registry
from fieldguide.outputs import offline, pdf
from fieldguide.outputs.guides import Guide
from fieldguide.outputs.pdf_document import PdfError, Site, SitePage, build_date

OFFLINE = "FIELDGUIDE_OFFLINE"

# What a copy of the project needs to build: everything else is output or caches.
PARTS = ("mkdocs.yml", "pyproject.toml", "docs", "data", "snippets", "overrides", "src")

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
            "Declare the guide under the fieldguide plugin's `guides:` in mkdocs.yml, or fix the link"
        )
    return checked


def copy_project(dest: Path, root: Path) -> Path:
    """Copy the parts of the project at ``root`` that a build reads into ``dest`` (tests and the benchmark break or grow copies)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


def project_env(project: Path, **extra: str) -> dict[str, str]:
    """The environment of a build: the project's ``src/`` first on the import path."""
    path = os.pathsep.join(p for p in (str(project / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def start_site(config_file: Path, out: Path, *, offline_copy: bool = False) -> subprocess.Popen:
    """Start ``properdocs build --strict`` of the site (or its offline variant) into ``out``."""
    env = project_env(config_file.parent, **{OFFLINE: "true" if offline_copy else "false"})
    cmd = [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", str(config_file), "--site-dir", str(out)]
    return subprocess.Popen(cmd, cwd=config_file.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_site(process: subprocess.Popen, *, offline_copy: bool = False) -> None:
    """Wait for a build started by :func:`start_site`; raise :class:`BuildError` with its output if it failed."""
    output, _ = process.communicate()
    if process.returncode != 0:
        what = "the offline copy" if offline_copy else "properdocs build --strict"
        raise BuildError(f"{what} failed, site not replaced:\n{output}")


def run_site(config_file: Path, out: Path, *, offline_copy: bool = False) -> None:
    finish_site(start_site(config_file, out, offline_copy=offline_copy), offline_copy=offline_copy)


def site_for_pdfs(out: Path, record: manifest.Manifest) -> tuple[Site, tuple[Guide, ...]]:
    """What the PDFs need of the site just built, from the build's record."""
    pages = tuple(SitePage(p.src, p.url, out.resolve() / p.dest) for p in record.pages)
    site = Site(
        site_dir=out.resolve(),
        site_url=record.site_url,
        site_name=record.site_name,
        pages=pages,
        edition=pdf_edition(),
        built=build_date(),
        prices_as_of=record.as_of,
        ids={p.src: tuple(p.ids) for p in record.pages},
        leaves_out=tuple(record.complete_leaves_out),
    )
    guides = tuple(Guide(**{**g, "pages": tuple(g["pages"])}) for g in record.guides)
    return site, guides


def pdf_edition() -> str:
    from fieldguide import __version__

    return __version__


def build_offline_zip(copy: Path, out: Path) -> int:
    """Give the offline variant built in ``copy`` the online build's PDFs, check its links, zip it into ``out``."""
    manifest.remove(copy)
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
    stamp = commit_time(project)
    if stamp:
        os.environ["SOURCE_DATE_EPOCH"] = stamp


def commit_time(project: Path) -> str | None:
    """The time of the last commit of ``project``, in seconds since 1970; None outside a git checkout."""
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    return stamp if done.returncode == 0 and stamp.isdigit() else None


def build(site_dir: Path, config_file: Path, *, log=print, record_file: Path | None = None) -> Timings:
    """Build the site and its PDFs into a temporary folder, then swap it in as ``site_dir``."""
    pin_build_date(config_file.resolve().parent)
    timings = Timings()
    start = time.perf_counter()
    site_dir = site_dir.resolve()
    config_file = config_file.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    offline_build: subprocess.Popen | None = None
    try:
        out = work / "site"
        run_site(config_file, out)
        record = manifest.read(out)
        if record_file is not None:
            record_file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / manifest.NAME, record_file)
        manifest.remove(out)
        timings.mkdocs = time.perf_counter() - start
        t = time.perf_counter()
        # The offline variant builds alongside the PDFs: the complete guide keeps one core
        # busy long after the other guides are done.
        offline_build = start_site(config_file, work / "offline", offline_copy=True)
        try:
            site, guides = site_for_pdfs(out, record)
            made = pdf.make_all(site, guides)
        except PdfError as exc:
            raise BuildError(f"PDF field guides failed, site not replaced:\n{exc}") from exc
        timings.pdf = time.perf_counter() - t
        for name, pages, seconds in made:
            log(f"  pdf/{name}: {pages} pages, {seconds:.1f} s")
        t = time.perf_counter()
        finish_site(offline_build, offline_copy=True)
        size = build_offline_zip(work / "offline", out)
        timings.offline = time.perf_counter() - t
        log(f"  {offline.ZIP_PATH}: {size / 1e6:.1f} MB, built alongside the PDFs, {timings.offline:.1f} s after them")
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
        if offline_build is not None and offline_build.poll() is None:
            offline_build.kill()
            offline_build.wait()
        shutil.rmtree(work, ignore_errors=True)
    timings.total = time.perf_counter() - start
    return timings


def register_anchors(config_file: Path, log=print) -> int:
    """Build the site (no PDFs) and add the anchors its pages recorded to the registry; never remove one."""
    config_file = config_file.resolve()
    project = config_file.parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        run_site(config_file, out)
        record = manifest.read(out)
    path = project / "data" / "anchors.yml"
    updated, added = registry.register(registry.load_registry(path), record.anchors)
    path.write_text(registry.dump_registry(updated), encoding="utf-8")
    total = sum(len(e.anchors) for e in updated.pages.values())
    log(f"data/anchors.yml: {len(added)} new anchor(s) registered, {total} in all")
    for address in added[:40]:
        log(f"  + {address}")
    if len(added) > 40:
        log(f"  … and {len(added) - 40} more (see the diff of data/anchors.yml)")
    return len(added)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldguide.build", description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--anchors", action="store_true", help="build the site and register the anchors it publishes")
    parser.add_argument("--record", type=Path, metavar="FILE", help="also keep the record of what each page published in FILE")
    args = parser.parse_args(argv)
    if args.anchors:
        try:
            register_anchors(args.config_file)
        except BuildError as exc:
            print(f"the site does not build, so nothing was registered:\n{exc}", file=sys.stderr)
            return 1
        return 0
    try:
        timings = build(args.site_dir, args.config_file, record_file=args.record)
    except BuildError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in args.site_dir.rglob("*.html"))
    pdfs = sum(1 for _ in (args.site_dir / "pdf").glob("*.pdf"))
    print(
        f"Built {args.site_dir}/ ({pages} HTML pages, {pdfs} PDFs) in {timings.total:.1f} s: "
        f"site {timings.mkdocs:.1f} s, PDFs {timings.pdf:.1f} s (the offline copy alongside), "
        f"then {timings.offline:.1f} s to finish the offline copy"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
