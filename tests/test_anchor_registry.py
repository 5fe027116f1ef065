"""The published-anchor registry: what the site has published must keep resolving.

A renamed heading or an item moved to another page breaks links in deal notes; the
build must refuse it until data/anchors.yml says where the anchor went."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from fieldguide.links import registry as anchors
from fieldguide.content.yamlfile import DataFileError
from fieldguide.links.scan import scan

REGISTRY = ROOT / "data" / "anchors.yml"


# --- the committed registry against the real build ------------------------------------


@pytest.mark.build
def test_every_anchor_the_site_publishes_is_registered(site):
    missing = anchors.unregistered(anchors.load_registry(REGISTRY), site.record.anchors)
    assert not missing, (
        f"{len(missing)} published anchor(s) are not in data/anchors.yml: {missing[:8]}. "
        "Run `make anchors` and commit data/anchors.yml."
    )


@pytest.mark.build
def test_every_registered_anchor_resolves_in_the_built_site(site):
    problems = anchors.check(anchors.load_registry(REGISTRY), site.record.anchors)
    assert not problems, "\n\n".join(problems)


@pytest.mark.build
def test_the_record_matches_the_anchors_in_the_built_html(site):
    """The record is taken while pages render; the HTML readers get holds the same anchors."""
    for path, recorded in site.record.anchors.items():
        html = (site.site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing = [a for a in recorded if a not in ids]
        assert not missing, f"{path}: recorded but not in the HTML: {missing[:6]}"


def test_the_registry_holds_every_kind_of_id_and_heading():
    registry = anchors.load_registry(REGISTRY)
    ids = registry.ids()
    for example in ("FL-012", "TR-knowledge", "G3", "CD-rag", "CD-rag-cost", "AN-own-pki", "SC-policy-qa",
                    "SRC-gekhman-2024", "CT-four-ways", "decision-diagram"):
        assert example in ids, f"{example} is not registered"
    assert "the-gates" in registry.pages["/decide/"].anchors


# --- what the check says when an anchor goes: the site as published, then changed --------


def published() -> tuple[anchors.Registry, dict[str, list[str]]]:
    """The committed registry, and the anchors of a site that publishes exactly what it lists."""
    registry = anchors.load_registry(REGISTRY)
    return registry, {page: list(entry.anchors) for page, entry in registry.pages.items() if not entry.moved_to}


def recorded(registry: anchors.Registry, page: str, **fields) -> anchors.Registry:
    pages = dict(registry.pages)
    pages[page] = pages[page].model_copy(update=fields)
    return anchors.Registry(pages=pages)


def test_a_site_that_publishes_what_it_registered_passes():
    registry, found = published()
    assert anchors.check(registry, found) == []


def test_a_renamed_heading_is_refused_naming_the_anchor_and_the_fix_until_recorded():
    registry, found = published()
    found["/decide/"] = [("six-gates" if a == "the-gates" else a) for a in found["/decide/"]]
    out = "\n".join(anchors.check(registry, found))
    assert "lost heading anchor the-gates: published at /decide/#the-gates, it no longer resolves" in out, out
    assert "Anchors new on /decide/ since it was published: six-gates" in out, out
    assert "moved: {the-gates: /decide/#six-gates}" in out, out
    assert "retired: {the-gates: {reason: <why>, nearest: <ID>}}" in out and "make anchors" in out, out
    assert anchors.check(recorded(registry, "/decide/", moved={"the-gates": "/decide/#six-gates"}), found) == []


def test_an_item_moved_to_another_page_is_refused_until_recorded():
    registry, found = published()
    found["/decide/"].remove("decision-diagram")
    found["/behavior-or-knowledge/"].append("decision-diagram")
    out = "\n".join(anchors.check(registry, found))
    assert "lost ID decision-diagram: published at /decide/#decision-diagram, it no longer resolves; " in out, out
    assert "it is now only at /behavior-or-knowledge/#decision-diagram" in out, out
    assert "moved: {decision-diagram: /behavior-or-knowledge/#decision-diagram}" in out, out
    fixed = recorded(registry, "/decide/", moved={"decision-diagram": "/behavior-or-knowledge/#decision-diagram"})
    assert anchors.check(fixed, found) == []


def test_a_page_that_disappears_is_refused_until_its_move_is_recorded():
    registry, found = published()
    found["/iam-analogies/"] = found.pop("/analogies/")
    out = "\n".join(anchors.check(registry, found))
    assert "page /analogies/ is gone, and with it" in out and "`moved_to: /new/page/`" in out, out
    assert anchors.check(recorded(registry, "/analogies/", moved_to="/iam-analogies/"), found) == []


def test_a_retired_anchor_must_name_a_nearest_item_the_site_publishes():
    registry, found = published()
    found["/decide/"].remove("SC-policy-qa")
    assert anchors.check(recorded(registry, "/decide/", retired={"SC-policy-qa": anchors.Retired(
        reason="merged", nearest="FL-012")}), found) == []
    out = "\n".join(anchors.check(recorded(registry, "/decide/", retired={"SC-policy-qa": anchors.Retired(
        reason="merged", nearest="FL-999")}), found))
    assert "/decide/#SC-policy-qa is retired with nearest 'FL-999', which the site does not publish" in out, out


def test_make_anchors_adds_what_a_build_recorded_and_keeps_recorded_moves(tmp_path, monkeypatch):
    """``make anchors`` (``python -m fieldguide.build --anchors``) with the build replaced by its record."""
    from fieldguide import build
    from fieldguide.links import manifest

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    registry, found = published()
    registry = recorded(registry, "/decide/", moved={"the-gates": "/decide/#six-gates"})
    (project / "data/anchors.yml").write_text(anchors.dump_registry(registry), encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    found["/decide/"] = [("six-gates" if a == "the-gates" else a) for a in found["/decide/"]]

    def fake_site(config_file, out, **_):
        out.mkdir(parents=True)
        manifest.Manifest("https://example.org/", "x", "2026-11-29", [], found, [], []).write(out)

    monkeypatch.setattr(build, "run_site", fake_site)
    assert build.main(["--anchors", "--config-file", str(project / "mkdocs.yml")]) == 0
    after = anchors.load_registry(project / "data/anchors.yml")
    decide = after.pages["/decide/"]
    assert decide.anchors[-1] == "six-gates" and "the-gates" in decide.anchors
    assert decide.moved == {"the-gates": "/decide/#six-gates"}
    assert (project / "data/anchors.yml").read_text(encoding="utf-8").startswith("# Published anchors")


# --- the registry's schema ----------------------------------------------------------------


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda d: d["pages"]["/decide/"].update(moved={"the-gates": "decide#gates"}),
         r"anchors\.yml:\d+: pages\./decide/\.moved: .*is not an address like /page/#anchor"),
        (lambda d: d["pages"]["/decide/"].update(moved={"no-such-anchor": "/decide/#G1"}),
         r"anchors\.yml:\d+: pages\./decide/: .*'no-such-anchor' is not among this page's anchors"),
        (lambda d: d["pages"]["/decide/"].update(retired={"G1": {"reason": "gone"}}),
         r"anchors\.yml:\d+: pages\./decide/\.retired\.G1\.nearest: .*required"),
        (lambda d: d["pages"].update({"decide": {"anchors": []}}),
         r"anchors\.yml:\d+: pages: .*'decide' is not a page address"),
    ],
)
def test_a_malformed_registry_is_refused_with_its_line_and_field(tmp_path, mutate, message):
    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "anchors.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        anchors.load_registry(path)


def test_relative_links_work_from_any_page():
    from fieldguide.links.pages import relative

    assert relative("/go/FL-012/", "/phrases/#FL-012") == "../../phrases/#FL-012"
    assert relative("/phrases/", "/phrases/#FL-012") == "#FL-012"
    assert relative("/", "/phrases/") == "phrases/"
    assert relative("/phrases/", "/") == "../"
    assert relative("/a/b/", "/a/#x") == "../#x"


def test_scan_finds_anchors_with_their_titles_offsets_and_chips():
    page = (
        "<!-- <h2 id='not-an-anchor'>x</h2> -->\n"
        '<div class="intro" id="plain-div"><p>Not an anchor: neither a heading nor a permanent ID.</p></div>\n'
        '<h2 id="when-to-use">When to use &amp; why<a class="headerlink" href="#when-to-use">#</a></h2>\n'
        "<div class='fg-phrase' id='FL-012' data-fg-cite=\"FL-012 · Say this\">\n"
        '  <p>Say <em>this</em> <span class="fg-id">FL-012</span><sup class="fg-cite">[1]</sup></p>\n'
        '  <script type="application/json">{"a": "<b>"}</script>\n'
        '  <h3 id="inner">Inner<br/>heading</h3>\n'
        "</div>\n"
        '<figure id="decision-diagram"><svg><text>G0</text></svg><figcaption>The gates</figcaption></figure>\n'
    )
    found, chips = scan(page)
    assert [a.id for a in found] == ["when-to-use", "FL-012", "inner", "decision-diagram"]
    heading, phrase, inner, figure = found
    assert heading.plain_title() == "When to use & why" and heading.plain_text() == "When to use & why#"
    assert page[heading.start:heading.start_end] == '<h2 id="when-to-use">'
    assert page[heading.headerlink:].startswith('<a class="headerlink"')
    assert page[heading.end:].startswith("</h2>")
    assert phrase.cite == "FL-012 · Say this" and page[phrase.end:].startswith("</div>\n<figure")
    assert phrase.plain_title().startswith("Say this") and "[1]" not in phrase.plain_title()
    assert '{"a": "<b>"}' in phrase.plain_text()
    assert inner.plain_title() == "Innerheading"
    assert page[figure.figcaption_end:].startswith("</figcaption>")
    assert chips == {"FL-012"}
