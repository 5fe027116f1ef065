"""A script an author puts into the data is shown as text in Chromium and never runs.

That every built page loads without outside requests or console errors is in
``test_every_page_browser.py``."""

from __future__ import annotations


import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

def test_a_script_in_data_is_shown_as_text_and_never_runs(edited, browser):
    """The edited copy (conftest) put a script and an onerror image into a phrase: a browser shows them as text."""
    from conftest import SCRIPT, serve

    server, url = serve(edited.build.site)
    context = browser.new_context()
    events: list[str] = []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
        tab.on("console", lambda m: events.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda e: events.append(f"uncaught: {e}"))
        tab.goto(f"{url}/phrases/")
        tab.wait_for_load_state("networkidle")
        assert SCRIPT in tab.locator("div.fg-phrase").first.inner_text()
    finally:
        context.close()
        server.shutdown()
    assert not events, events
