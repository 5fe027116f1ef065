"""Every built page loads in Chromium with no request to another host and no console error."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

GO_SAMPLE = 5  # /go/<ID>/ redirects are tested one by one in test_short_links.py; a sample here


def built_pages(site_dir) -> list[str]:
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    content = [p for p in pages if not p.startswith("go/")]
    go = [p for p in pages if p.startswith("go/")]
    step = max(1, len(go) // GO_SAMPLE)
    return content + go[::step][:GO_SAMPLE]


def test_every_page_loads_without_outside_requests_or_console_errors(site, browser, base_url):
    pages = built_pages(site.site)
    docs = len(list((Path(__file__).resolve().parents[1] / "docs").rglob("*.md")))
    assert len([p for p in pages if not p.startswith("go/")]) >= docs and any(p.startswith("go/") for p in pages), pages
    context = browser.new_context()
    outside: list[str] = []
    errors: list[str] = []
    current = {"page": ""}

    def route(r):
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(f"{current['page']}: {r.request.url}")
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(f"{current['page']}: console.error: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(f"{current['page']}: uncaught: {e}"))
    try:
        for path in pages:
            current["page"] = path
            url = f"{base_url}/{path.removesuffix('index.html')}"
            response = tab.goto(url, wait_until="load")
            assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    finally:
        context.close()
    assert not outside, "pages asked other hosts for:\n" + "\n".join(outside)
    assert not errors, "\n".join(errors)


def test_a_script_in_data_is_shown_as_text_and_never_runs(site, browser, base_url, tmp_path):
    """The escaping is checked on the built HTML in test_build_failures; here a browser proves nothing runs."""
    import functools
    import http.server
    import threading

    from conftest import _Quiet, copy_project, run_build
    from test_build_failures import edit

    project = copy_project(tmp_path / "project")
    edit(project / "data/phrases.yml", "    why: ", "    why: <script>alert('fg')</script><img src=x onerror=\"alert('fg')\"> ", 1)
    build = run_build(project, project / "site")
    assert build.returncode == 0, build.output[-3000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(build.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    events: list[str] = []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
        tab.on("console", lambda m: events.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda e: events.append(f"uncaught: {e}"))
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/phrases/")
        tab.wait_for_load_state("networkidle")
        assert "<script>alert('fg')</script>" in tab.locator("div.fg-phrase").first.inner_text()
    finally:
        context.close()
        server.shutdown()
    assert not events, events
