"""The published-anchor registry: what the site has published must keep resolving.

A renamed heading or an item moved to another page breaks links in deal notes; the
build must refuse it until data/anchors.yml says where the anchor went."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build
from fieldguide import anchors
from fieldguide.yamlfile import DataFileError

REGISTRY = ROOT / "data" / "anchors.yml"


def registry_data(project: Path) -> dict:
    return yaml.safe_load((project / "data/anchors.yml").read_text(encoding="utf-8"))


def write_registry(project: Path, data: dict) -> None:
    (project / "data/anchors.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the committed registry against the real build ------------------------------------


@pytest.mark.build
def test_every_anchor_the_site_publishes_is_registered(site):
    missing = anchors.unregistered(anchors.load_registry(REGISTRY), anchors.collect_built(site.site))
    assert not missing, (
        f"{len(missing)} published anchor(s) are not in data/anchors.yml: {missing[:8]}. "
        "Run `make anchors` and commit data/anchors.yml."
    )


@pytest.mark.build
def test_every_registered_anchor_resolves_in_the_built_html(site):
    problems = anchors.check(anchors.load_registry(REGISTRY), anchors.collect_built(site.site))
    assert not problems, "\n\n".join(problems)


def test_the_registry_holds_every_kind_of_id_and_heading():
    registry = anchors.load_registry(REGISTRY)
    ids = registry.ids()
    for example in ("FL-012", "TR-knowledge", "G3", "CD-rag", "CD-rag-cost", "AN-own-pki", "SC-policy-qa",
                    "SRC-gekhman-2024", "CT-four-ways", "decision-diagram"):
        assert example in ids, f"{example} is not registered"
    assert "the-gates" in registry.pages["/decide/"].anchors


# --- breaking links in a copy of the project --------------------------------------------


@pytest.mark.build
def test_renaming_a_heading_fails_the_build_naming_the_anchor_and_the_fix_and_recording_it_passes(project_copy):
    edit(project_copy / "docs/decide.md", "## The gates {#the-gates}", "## The six gates {#six-gates}")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    out = build.output
    assert "lost heading anchor the-gates: published at /decide/#the-gates, it no longer resolves" in out, out
    assert "Anchors new on /decide/ since it was published: six-gates" in out, out
    assert "moved: {the-gates: /decide/#six-gates}" in out, out
    assert "retired: {the-gates: {reason: <why>, nearest: <ID>}}" in out and "make anchors" in out, out

    data = registry_data(project_copy)
    data["pages"]["/decide/"]["moved"] = {"the-gates": "/decide/#six-gates"}
    write_registry(project_copy, data)
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    moved = re.search(r'<script type="application/json" id="fg-moved">(.*?)</script>', build.page("decide/index.html"))
    assert moved and '"the-gates": {"to": "#six-gates"}' in moved.group(1)


@pytest.mark.build
def test_moving_an_item_to_another_page_fails_the_build_until_the_move_is_recorded(project_copy):
    # The decision diagram moves from the decision page to the page on behavior and knowledge.
    edit(project_copy / "docs/decide.md", "/// decision-diagram\n///\n", "")
    edit(project_copy / "docs/behavior-or-knowledge.md", "## The question to ask first\n",
         "## The question to ask first\n\n/// decision-diagram\n///\n")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    out = build.output
    assert "lost ID decision-diagram: published at /decide/#decision-diagram, it no longer resolves; " in out, out
    assert "it is now only at /behavior-or-knowledge/#decision-diagram" in out, out
    assert "moved: {decision-diagram: /behavior-or-knowledge/#decision-diagram}" in out, out

    data = registry_data(project_copy)
    data["pages"]["/decide/"]["moved"] = {"decision-diagram": "/behavior-or-knowledge/#decision-diagram"}
    write_registry(project_copy, data)
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    assert '"decision-diagram": {"to": "../behavior-or-knowledge/#decision-diagram"}' in build.page("decide/index.html")
    # The short link follows the item to its new home.
    assert 'location.replace("../../behavior-or-knowledge/#decision-diagram")' in build.page("go/decision-diagram/index.html")


@pytest.mark.build
def test_a_page_that_disappears_fails_the_build_and_a_recorded_move_leaves_a_redirect(project_copy):
    (project_copy / "docs/analogies.md").rename(project_copy / "docs/iam-analogies.md")
    for md in [project_copy / "mkdocs.yml", *(project_copy / "docs").rglob("*.md")]:
        text = md.read_text(encoding="utf-8")
        md.write_text(re.sub(r"(?<![\w-])analogies\.md", "iam-analogies.md", text), encoding="utf-8")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    assert "page /analogies/ is gone, and with it" in build.output, build.output
    assert "`moved_to: /new/page/`" in build.output

    data = registry_data(project_copy)
    data["pages"]["/analogies/"]["moved_to"] = "/iam-analogies/"
    write_registry(project_copy, data)
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    stub = build.page("analogies/index.html")
    assert 'name="fg-generated"' in stub and '"AN-own-pki":"../iam-analogies/#AN-own-pki"' in stub.replace(" ", "")
    assert "analogies/" not in re.findall(r"<loc>[^<]*</loc>", (build.site / "sitemap.xml").read_text())[-1]


@pytest.mark.build
def test_register_adds_new_anchors_and_keeps_recorded_moves(project_copy):
    edit(project_copy / "docs/decide.md", "## The gates {#the-gates}", "## The six gates {#six-gates}")
    data = registry_data(project_copy)
    data["pages"]["/decide/"]["moved"] = {"the-gates": "/decide/#six-gates"}
    write_registry(project_copy, data)
    assert anchors.main(["register", "--project", str(project_copy)]) == 0
    after = anchors.load_registry(project_copy / "data/anchors.yml")
    decide = after.pages["/decide/"]
    assert decide.anchors[-1] == "six-gates" and "the-gates" in decide.anchors
    assert decide.moved == {"the-gates": "/decide/#six-gates"}
    assert (project_copy / "data/anchors.yml").read_text(encoding="utf-8").startswith("# Published anchors")


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
    from fieldguide.links import relative

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
    found, chips = anchors.scan(page)
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
