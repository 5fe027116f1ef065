"""A failed `make site` publishes nothing; the site can be used by keyboard alone."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

import pytest

from conftest import ROOT, copy_project

pytestmark = [pytest.mark.build]


def digests(root) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_failed_make_site_leaves_the_previous_site_byte_for_byte(site, tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(site.site, project / "site")  # the previous, good build
    before = digests(project / "site")
    prices = project / "data/prices.yml"
    prices.write_text(prices.read_text(encoding="utf-8").replace('input: "2.00"', 'input: "-2.00"', 1), encoding="utf-8")
    venv = ROOT / ".venv"
    done = subprocess.run(
        ["make", "site", f"VENV={venv}", f"BIN={venv / 'bin'}", f"STAMP={venv / '.installed'}"],
        cwd=project, capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0, done.stdout[-2000:]
    assert "data/prices.yml" in done.stdout + done.stderr and "models[0].input" in done.stdout + done.stderr
    assert digests(project / "site") == before, "a failed build changed the published site"
    assert not list(project.glob(".site-build*")), "the temporary build folder was left behind"


@pytest.mark.browser
def test_keyboard_skip_link_visible_focus_and_copy_buttons(page, base_url):
    page.goto(f"{base_url}/cards/rag/")
    page.keyboard.press("Tab")
    first = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert first["text"] == "Skip to content" and first["href"].startswith("#"), first
    page.keyboard.press("Enter")
    # The skip link moves the reader past the header and navigation: its target is in view, and
    # the next Tab lands inside the content. (Not the address bar's hash: navigation.tracking
    # rewrites it as the page settles, sooner or later depending on the machine's load.)
    target = first["href"][1:]
    page.wait_for_function(f"(() => {{ const r = document.getElementById({target!r}).getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; })()", timeout=5000)
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    # Tab on until a copy-link button has focus; it must show a visible focus indicator.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.fg-copy button[data-fg-copy]')"):
            break
    else:
        pytest.fail("Tab never reached a copy-link button")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return {o: s.outlineStyle, w: s.outlineWidth, b: s.boxShadow}; })()"
    )
    assert (style["o"] != "none" and style["w"] != "0px") or style["b"] != "none", style
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label and label.startswith("Copy"), label
