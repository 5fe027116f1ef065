"""Shared fixtures: a strict build of the real site, and builds of a mutated copy."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldguide import bench

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, site: Path, strict: bool = True) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [*MKDOCS, "build", "--site-dir", str(site), "--config-file", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(done.returncode, done.stdout + done.stderr, site)


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources (the same parts the benchmark copies)."""
    return bench.copy_project(dest, ROOT)


def run_full_build(project: Path, site: Path) -> Build:
    """What `make site` runs: the strict site and every PDF, swapped in only on success."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [sys.executable, "-m", "fieldguide.build", "--site-dir", str(site), "--config-file", str(project / "mkdocs.yml")]
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return Build(done.returncode, done.stdout + done.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real project, built once as `make site` builds it (strict site and PDFs) for every test that reads it."""
    out = tmp_path_factory.mktemp("site")
    build = run_full_build(ROOT, out / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


# --- browser fixtures: the built site served on localhost, Debian's Chromium ---------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def base_url(site):
    handler = functools.partial(_Quiet, directory=str(site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base_url) else (outside.append(route.request.url), route.abort()),
    )
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"the page asked another host for: {outside}"
