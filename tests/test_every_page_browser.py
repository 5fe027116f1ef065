"""Every built page, in Debian's Chromium: it loads with no request to another host and no
console error, and axe-core finds no serious or critical violation on any content page
(every rule in the light scheme; colour contrast in the dark one, on one page of each kind),
nor a breach of the lesser rules in ALSO_CHECKED, which Lighthouse's accessibility audit
runs too.

The pages are loaded once, shared between processes (``tests/page_audit.py``). axe-core
installs on first use from its committed lock file, integrity hashes checked
(``tools/node/axe/``, by ``npm ci``; see ``tools/nodetools.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

ROOT = Path(__file__).resolve().parents[1]
# Material's two palettes in mkdocs.yml: light "default", dark "slate".
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}
# Moderate and minor axe rules this site has broken before, which Lighthouse's accessibility
# audit also runs: headings that skip a level (entries as h3 straight under the page's h1),
# and an empty header cell.
ALSO_CHECKED = ["heading-order", "empty-table-header"]
GO_SAMPLE = 5  # /go/<ID>/ redirects are read one by one in test_short_links.py; a sample loads here


@pytest.fixture(scope="session")
def axe_script() -> Path:
    import nodetools

    axe = nodetools.install("axe") / "axe-core" / "axe.min.js"
    assert axe.is_file(), f"npm ci did not install {axe}"
    return axe


#: The dark scheme changes colours only, and each kind of component has the same colours
#: on every page: the dark pass audits one page of each kind (these are skipped as repeats
#: of a page that is audited: the other subject cards and curated guides).
DARK_REPEATS = ("cards/full-fine-tuning/", "cards/peft-lora/", "cards/prompting/", "cards/long-context/",
                "cards/training-from-scratch/", "guides/decision-framework/", "guides/production-economics/")


def content_pages() -> list[str]:
    """The built page of each Markdown page under docs/."""
    docs = ROOT / "docs"
    out = []
    for source in sorted(docs.rglob("*.md")):
        rel = source.relative_to(docs).with_suffix("").as_posix()
        out.append("index.html" if rel == "index" else rel.removesuffix("index").rstrip("/") + "/index.html")
    return out


def built_pages(site_dir: Path) -> list[str]:
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    go = [p for p in pages if p.startswith("go/")]
    step = max(1, len(go) // GO_SAMPLE)
    return [p for p in pages if not p.startswith("go/")] + go[::step][:GO_SAMPLE]


@pytest.fixture(scope="module")
def findings(site, base_url, axe_script):
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from page_audit import Findings, audit

    audited = set(content_pages())
    dark = {p for p in audited if p.removesuffix("index.html") not in DARK_REPEATS}
    assert len(audited) - len(dark) == len(DARK_REPEATS), "every page named as a repeat exists"
    pages = [(p, p in audited, p in dark) for p in built_pages(site.site)]
    assert audited <= {p for p, _, _ in pages}, sorted(audited - {p for p, _, _ in pages})
    workers = max(1, min(os.cpu_count() or 1, 4))
    shares = [pages[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = list(pool.map(audit, [base_url] * workers, shares, [str(axe_script)] * workers, [ALSO_CHECKED] * workers))
    total = Findings()
    for part in done:
        for name in ("loaded", "failed_loads", "outside", "errors", "violations"):
            getattr(total, name).extend(getattr(part, name))
        total.audited += part.audited
    return total, pages, (audited, dark)


def test_every_page_loads_without_outside_requests_or_console_errors(findings):
    found, pages, _ = findings
    assert any(p.startswith("go/") for p, *_ in pages) and "404.html" in {p for p, *_ in pages}
    assert not found.failed_loads, found.failed_loads
    assert len(found.loaded) == len(pages)
    assert not found.outside, "pages asked other hosts for:\n" + "\n".join(found.outside)
    assert not found.errors, "\n".join(found.errors)


def test_axe_finds_no_serious_violation_on_any_content_page_in_either_scheme(findings):
    found, _, (audited, dark) = findings
    assert found.audited == len(audited) + len(dark), "every content page was audited, and one of each kind in the dark"
    assert not found.violations, "\n".join(found.violations)


def test_a_reader_who_prefers_dark_gets_the_dark_scheme(browser, base_url):
    for media, scheme in SCHEMES.values():
        context = browser.new_context(color_scheme=media)
        tab = context.new_page()
        tab.goto(f"{base_url}/economics/")
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme, media
        context.close()
