"""Accessibility: axe-core finds no serious or critical violation on any content page, in the
light and the dark scheme, nor a breach of the lesser rules in ALSO_CHECKED (Lighthouse's
accessibility audit runs them too); and the site works by keyboard.

axe-core comes from the npm registry, pinned, installed on first use into .cache/node/
(CI runs `make test` with network to npm).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

ROOT = Path(__file__).resolve().parents[1]
AXE_VERSION = "4.14.1"
NODE_DIR = ROOT / ".cache" / "node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# Material's two palettes in mkdocs.yml: light "default", dark "slate".
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}
# Moderate and minor axe rules this site has broken before, which Lighthouse's accessibility
# audit also runs: headings that skip a level (entries as h3 straight under the page's h1),
# and an empty header cell.
ALSO_CHECKED = ["heading-order", "empty-table-header"]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    installed = NODE_DIR / "node_modules" / "axe-core" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != AXE_VERSION:
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core for the accessibility tests (apt-get install npm, or Node 20)"
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR),
                        f"axe-core@{AXE_VERSION}"], check=True, capture_output=True, text=True, timeout=300)
    assert AXE.is_file(), f"npm did not install {AXE}"
    return AXE


def content_pages(site_dir: Path) -> list[str]:
    docs = ROOT / "docs"
    out = []
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).with_suffix("")
        out.append("" if rel.as_posix() == "index" else (rel.parent.as_posix() + "/" if rel.name == "index" else rel.as_posix() + "/").lstrip("./"))
    return out


def test_axe_finds_no_serious_violation_on_any_page_in_either_scheme(browser, base_url, site, axe_script):
    problems: list[str] = []
    checked = 0
    for name, (media, scheme) in SCHEMES.items():
        context = browser.new_context(color_scheme=media)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base_url) else r.abort())
        tab = context.new_page()
        for path in content_pages(site.site):
            tab.goto(f"{base_url}/{path}")
            assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme, (name, path)
            tab.add_script_tag(path=str(axe_script))
            result = tab.evaluate("""async (alsoChecked) => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact) || alsoChecked.includes(v.id))
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n').slice(0, 2).join(' '))}));
            }""", ALSO_CHECKED)
            checked += 1
            for v in result:
                problems.append(f"[{name}] /{path}: {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]))
        context.close()
    assert checked == 2 * len(content_pages(site.site))
    assert not problems, "\n".join(problems)
