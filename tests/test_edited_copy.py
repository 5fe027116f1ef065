"""What an author's edits do to the built site, read from one build of an edited copy.

The copy and its edits are the ``edited`` fixture in ``conftest.py``; the price edit is
followed through the economics page in ``test_economics_page.py``, and the moved and
retired anchors in a browser in ``test_links_browser.py``.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from conftest import SCRIPT

pytestmark = pytest.mark.build


def test_a_copy_builds_with_its_own_src(edited):
    """An edit to a renderer in the copy's src/ shows in the copy's build, not the checkout's code."""
    page = edited.build.page("phrases/index.html")
    assert "Say this instead" in page
    assert "Say instead" not in page


def test_a_script_in_data_is_escaped_in_the_html(edited):
    page = edited.build.page("phrases/index.html")
    assert SCRIPT not in page and "<script>alert(" not in page
    assert html.escape(SCRIPT, quote=False) in page


def test_snippets_included_by_section_and_by_line_range(edited):
    economics = edited.build.page("economics/index.html")
    assert 'id="CT-by-volume"' in economics and "Break-even" in economics
    source = (edited.project / "snippets/costs/by_volume.py").read_text(encoding="utf-8").splitlines()
    conventions = re.sub(r"<[^>]+>", "", edited.build.page("conventions/index.html"))
    shown = html.unescape(conventions)
    for line in source[1:4]:
        assert line.strip() in shown, line
    assert source[4].strip() not in shown.split("Lines two to four of a snippet", 1)[1]


def test_a_retired_item_points_to_its_nearest_on_a_page_rendered_later(edited):
    """The decision page is rendered before the field language; the link still finds FL-012's home."""
    moved = re.search(r'<script type="application/json" id="fg-moved">(.*?)</script>', edited.build.page("decide/index.html"))
    assert moved, "the decision page carries no map of its moved and retired anchors"
    entry = json.loads(moved.group(1))[edited.gone]
    assert entry["nearest"] == "../phrases/#FL-012" and entry["nearestLabel"] == "FL-012"
    short = edited.build.page(f"go/{edited.gone}/index.html")
    assert f"{edited.gone} was retired" in short and 'href="../../phrases/#FL-012"' in short


def test_a_renamed_heading_and_a_moved_page_keep_their_old_addresses(edited):
    moved = re.search(r'<script type="application/json" id="fg-moved">(.*?)</script>', edited.build.page("decide/index.html"))
    assert json.loads(moved.group(1))["the-gates"] == {"to": "#six-gates"}
    stub = edited.build.page("analogies/index.html")
    assert 'name="fg-generated"' in stub and '"AN-own-pki":"../iam-analogies/#AN-own-pki"' in stub.replace(" ", "")
    sitemap = (edited.build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/analogies/</loc>" not in sitemap and "/iam-analogies/</loc>" in sitemap
