"""Each authoring mistake is refused with a message that names the file, the line and the fix.

The faults are injected into a copy of the data and pages and checked in-process, through
the same functions the plugin calls on every build: :func:`fieldguide.content.data.load_catalog`
for the data, :func:`fieldguide.content.pages.prepare` for a page's Markdown, the HTML checks
for what a page converts to. ``test_build_failures.py`` keeps a handful of the same faults
end to end, through ``make site``, to prove the plugin stops the build on them.

The first line of each message is written to ``.cache/fault-messages.md`` for review.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from properdocs.utils.meta import get_data

from conftest import ROOT, edit, line_of
from fieldguide.content import blocks, checks, citations, pages, snippets
from fieldguide.content.data import load_catalog
from fieldguide.content.yamlfile import DataFileError
from fieldguide.economics import figures

_first_lines: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def fault_messages():
    """Merge this worker's first lines into the report (both workers of `make test` may add to it)."""
    from filelock import FileLock

    yield
    if not _first_lines:
        return
    report = ROOT / ".cache" / "fault-messages.md"
    report.parent.mkdir(exist_ok=True)
    with FileLock(str(report) + ".lock"):
        rows = dict(re.findall(r"^- `([^`]+)`: (.*)$", report.read_text(encoding="utf-8"), re.M)) if report.exists() else {}
        rows.update(_first_lines)
        lines = [f"- `{name}`: {line}" for name, line in sorted(rows.items())]
        report.write_text("# The first line of the message for each injected fault\n\n" + "\n".join(lines) + "\n",
                          encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of what a page and the data need: docs/, data/, snippets/ and mkdocs.yml."""
    for part in ("docs", "data", "snippets"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def prepare(project: Path, page: str) -> tuple[str, list[str]]:
    """What the plugin's ``on_page_markdown`` does to ``docs/<page>`` (front matter split as ProperDocs splits it)."""
    catalog = load_catalog(project / "data")
    raw = (project / "docs" / page).read_text(encoding="utf-8")
    markdown, _ = get_data(raw)
    return pages.prepare(markdown, f"docs/{page}", raw, pages.Context(catalog, figures.compute(catalog.prices), project))


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[Path], None]
    where: str  # "data", or the page under docs/ whose preparation must refuse it
    expect: Callable[[Path], str]  # the text (or, starting with "re:", the pattern) the message holds


def _figure_in_unsourced_phrase(project: Path) -> None:
    data = project / "data/phrases.yml"
    text = data.read_text(encoding="utf-8")
    match = re.search(r"  - id: (FL-\d+)\n((?:    (?!sources).*\n)+?)    why: (.*)\n(?!    sources)", text)
    assert match, "every phrase has sources; pick another fixture"
    data.write_text(text.replace(f"    why: {match.group(3)}\n", "    why: It saves 40% a month.\n", 1), encoding="utf-8")


def _drop_first_who_does_it(project: Path) -> None:
    data = project / "data/cards.yml"
    text = data.read_text(encoding="utf-8")
    new = re.sub(r"\n      who_does_it: [>|]?-?\n(        .*\n)+", "\n", text, count=1)
    if new == text:
        new = re.sub(r"\n      who_does_it: .*\n", "\n", text, count=1)
    assert new != text
    data.write_text(new, encoding="utf-8")


def _append(path: str, text: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")

    return inject


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: edit(project / path, old, new)


def _both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        for step in steps:
            step(project)

    return inject


FOUR_WAYS = '--8<-- "costs/four_ways.py"'
YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()

DATA_FAULTS = [
    Fault("missing-facet", _drop_first_who_does_it, "data",
          lambda p: r"re:data/cards\.yml:\d+: cards\[0\]\.facets\.who_does_it: required field is missing; add it"),
    Fault("duplicate-phrase-id", _edit("data/phrases.yml", "id: FL-002", "id: FL-001"), "data",
          lambda p: r"re:data/phrases\.yml:\d+: phrases\[1\]\.id: duplicate id 'FL-001'"),
    Fault("negative-price", _edit("data/prices.yml", 'input: "2.00"', 'input: "-2.00"'), "data",
          lambda p: r"re:data/prices\.yml:\d+: models\[0\]\.input: Input should be greater than or equal to 0"),
    Fault("price-not-a-number", _edit("data/prices.yml", 'output: "5.00"', 'output: "five"'), "data",
          lambda p: r"re:data/prices\.yml:\d+: models\[1\]\.output: "),
    Fault("future-checked-date", _edit("data/sources.yml", "checked: 2026-11-01", "checked: 2999-01-01"), "data",
          lambda p: r"re:data/sources\.yml:\d+: sources\[0\]\.checked: date 2999-01-01 is in the future; use the day you checked it"),
    Fault("figure-without-source", _figure_in_unsourced_phrase, "data",
          lambda p: "states the figure '40%' but cites no source"),
    Fault("invalid-yaml", _append("data/analogies.yml", "  - id: [unclosed\n"), "data",
          lambda p: r"re:data/analogies\.yml:\d+: invalid YAML"),
    Fault("scenario-drifts", _edit("data/scenarios.yml", "expect: rag", "expect: peft-lora"), "data",
          lambda p: r"re:data/scenarios\.yml:\d+: scenarios\[\d+\]\.expect: the framework recommends 'rag' at G1"),
    Fault("price-missing-field", _edit("data/prices.yml", '    output: "0.50"\n', ""), "data",
          lambda p: r"re:data/prices\.yml:\d+: models\[2\]\.output: required field is missing; add it"),
    Fault("model-past-shutdown", _edit("data/prices.yml", "shutdown: 2027-01-14", f"shutdown: {YESTERDAY}"), "data",
          lambda p: f"data/prices.yml:{line_of(p / 'data/prices.yml', f'shutdown: {YESTERDAY}')}: models[3].shutdown: "
                    f"GPT-4.1 mini (gpt-4-1-mini) shut down on {YESTERDAY}, on or before today"),
    Fault("malformed-date", _edit("data/prices.yml", "checked: 2026-11-01}", "checked: 2026-13-45}"), "data",
          lambda p: f"data/prices.yml:{line_of(p / 'data/prices.yml', '2026-13-45')}: '2026-13-45' is not a valid date "
                    "(month must be in 1..12); write a real day as YYYY-MM-DD"),
    Fault("price-cites-unknown-source", _edit("data/prices.yml", "source: anthropic-opus-5-5", "source: anthropic-price-list"),
          "data", lambda p: r"re:data/prices\.yml:\d+: models\[\d+\]\.source: unknown source 'anthropic-price-list'; known: "),
    Fault("typed-figure-in-data", _edit("data/phrases.yml", "listed at {{ price.gpt-4o.input }},", "listed at $2.75,"), "data",
          lambda p: rf"re:data/phrases\.yml:{line_of(p / 'data/phrases.yml', 'listed at $2.75')}: phrases\[\d+\]\.why: "
                    r"the figure '\$2\.75' is typed"),
    Fault("ciso-answer-too-long",
          _edit("data/questions.yml", "M-25-22 has agencies write that prohibition into the contract.",
                "M-25-22 has agencies write that prohibition into the contract, and then some more words to go past the limit."),
          "data", lambda p: r"re:data/questions\.yml:\d+: questions\[0\]\.answer: the answer has \d+ words; keep it to 45"),
    Fault("deployment-misses-an-approach",
          _edit("data/deployments.yml", '      prompting: "Yes: the normal use, with every prompt sent to the vendor."\n', ""),
          "data", lambda p: r"re:data/deployments\.yml:\d+: deployments\[0\]\.approaches: say for every approach "
                            r"whether it is possible here; missing: prompting"),
    Fault("deployment-verdict-not-yes-limited-no",
          _edit("data/deployments.yml", 'prompting: "Yes: the normal use', 'prompting: "Sure: the normal use'),
          "data", lambda p: r"re:deployments\[0\]\.approaches: prompting: start with Yes, Limited, No"),
    Fault("policy-reads-an-unknown-scenario",
          _edit("data/policies.yml", "      - id: policy-qa\n", "      - id: policy-questions\n"),
          "data", lambda p: r"re:data/policies\.yml:\d+: policies\[0\]\.scenarios\[0\]\.id: .*unknown scenario 'policy-questions'"),
    Fault("buyer-answer-too-long",
          _edit("data/objections.yml", "is a separate job.\"", "is a separate job, and it needs its own evaluation too.\""),
          "data", lambda p: r"re:data/objections\.yml:\d+: objections\[0\]\.answer: the answer has \d+ words; keep it to 25"),
    Fault("buyer-proof-cites-nothing",
          _edit("data/objections.yml", "with business data kept out of training [@benzinga-openai-onegov] [@onegov-anthropic-openai-2025].",
                "with business data kept out of training."),
          "data", lambda p: r"re:data/objections\.yml:\d+: objections\[0\]\.proof: the proof cites no source"),
    Fault("discovery-feeds-an-unknown-gate", _edit("data/discovery.yml", "gate: G0", "gate: G9"),
          "data", lambda p: r"re:data/discovery\.yml:\d+: discovery\[0\]\.gate: unknown gate 'G9'; use one of G0"),
    Fault("value-case-misses-an-input",
          _edit("data/prices.yml", "    - {id: hours-per-error,", "    - {id: hours-per-mistake,"),
          "data", lambda p: r"re:data/prices\.yml:\d+: value_case\.inputs\[\d+\]\.id: Input should be"),
    Fault("value-case-in-part-calls",
          _edit("data/prices.yml", 'value: "6000", unit: "questions a month"', 'value: "6001", unit: "questions a month"'),
          "data", lambda p: r"re:data/prices\.yml:\d+: value_case\.inputs: 6001 requests a month at 2 calls each is not a whole number"),
    Fault("typed-figure-that-agrees", _edit("data/phrases.yml", "listed at {{ price.gpt-4o.input }},", "listed at $2.50,"),
          "data", lambda p: "re:the figure '\\$2\\.50' is typed.*\\{\\{ price\\.gpt-4o\\.input \\}\\}"),
]

PAGE_FAULTS = [
    Fault("unknown-block-type", _edit("docs/analogies.md", "/// analogies\n", "/// analogys\n"), "analogies.md",
          lambda p: f"docs/analogies.md:{line_of(p / 'docs/analogies.md', '/// analogys')}: unknown block type 'analogys'"),
    Fault("unknown-item-in-block", _edit("docs/cards/rag.md", "/// card | rag", "/// card | rag-pipeline"), "cards/rag.md",
          lambda p: f"docs/cards/rag.md:{line_of(p / 'docs/cards/rag.md', 'rag-pipeline')}: card block: unknown card 'rag-pipeline'"),
    Fault("unclosed-block", _edit("docs/traits.md", "/// traits\n///\n", "/// traits\n"), "traits.md",
          lambda p: f"docs/traits.md:{line_of(p / 'docs/traits.md', '/// traits')}: the 'traits' block is never closed"),
    Fault("same-item-twice", _edit("docs/guides/seller-briefing.md", "/// analogy | hardcoded-authz", "/// analogy | own-pki"),
          "guides/seller-briefing.md",
          lambda p: "docs/guides/seller-briefing.md:{}: duplicate id 'AN-own-pki'".format(
              [n for n, line in enumerate((p / "docs/guides/seller-briefing.md").read_text().splitlines(), 1)
               if line == "/// analogy | own-pki"][1])),
    Fault("unknown-citation", _edit("docs/economics.md", "[@openai-pricing]", "[@openai-price-list]"), "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', 'openai-price-list')}: citation [@openai-price-list] "
                    "names no source"),
    Fault("missing-snippet-file", lambda p: (p / "snippets/costs/four_ways.py").unlink(), "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', FOUR_WAYS)}: the snippet "
                    "'costs/four_ways.py' does not exist under snippets/ or ./; fix the path or add the file"),
    Fault("missing-snippet-section", _edit("docs/economics.md", '--8<-- "costs/by_volume.py"', '--8<-- "costs/by_volume.py:rows"'),
          "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', 'by_volume.py:rows')}: the snippet "
                    "'costs/by_volume.py' has no section 'rows'; mark it in snippets/costs/by_volume.py with a "
                    "'--8<-- [start:rows]' line"),
    Fault("snippet-lines-past-the-end", _edit("docs/economics.md", '--8<-- "costs/by_volume.py"', '--8<-- "costs/by_volume.py:900:910"'),
          "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', 'by_volume.py:900')}: the snippet "
                    "'costs/by_volume.py' has "),
    Fault("malformed-front-matter", _edit("docs/analogies.md", "description: ", "description: [unclosed\nowner: "),
          "analogies.md",
          lambda p: f"docs/analogies.md:{line_of(p / 'docs/analogies.md', 'owner: ')}: the front matter is not valid YAML"),
    Fault("heading-takes-an-item-id", _append("docs/traits.md", "\n## Extra words {#FL-001}\n\nSome text.\n"), "traits.md",
          lambda p: f"docs/traits.md:{line_of(p / 'docs/traits.md', '{#FL-001}')}: the id 'FL-001' is written by hand, but "
                    "it is the permanent ID of a phrase (/// phrase | FL-001), which the data owns"),
    Fault("raw-html-takes-an-item-id", _append("docs/cards/rag.md", '\n<p id="TR-knowledge">x</p>\n'), "cards/rag.md",
          lambda p: f"docs/cards/rag.md:{line_of(p / 'docs/cards/rag.md', 'TR-knowledge')}: the id 'TR-knowledge' is written by hand"),
    Fault("typed-figure-on-a-page",
          _edit("docs/economics.md", "{{ fact.bls-civilian-compensation }} an hour", "$41,000 an hour"), "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', '$41,000')}: the figure '$41,000' is typed, so it "
                    "will not follow the price data"),
    Fault("unknown-figure-reference", _edit("docs/economics.md", "{{ standard.break-even }}", "{{ standard.breakeven }}"),
          "economics.md",
          lambda p: f"docs/economics.md:{line_of(p / 'docs/economics.md', '{{ standard.breakeven }}')}: the figure reference "
                    "{{ standard.breakeven }} names no figure; did you mean {{ standard.break-even }}"),
]


def _message(project: Path, where: str) -> str:
    try:
        if where == "data":
            load_catalog(project / "data")
        else:
            prepare(project, where)
    except (DataFileError, checks.PageError, blocks.BlockError) as exc:
        return str(exc)
    raise AssertionError(f"the fault was accepted: {where} prepared without an error")


@pytest.mark.parametrize("fault", DATA_FAULTS + PAGE_FAULTS, ids=lambda f: f.name)
def test_a_fault_is_refused_naming_file_line_and_fix(project, fault):
    fault.inject(project)  # the unbroken pages prepare cleanly: see the test below
    message = _message(project, fault.where)
    _first_lines[fault.name] = message.splitlines()[0]
    expected = fault.expect(project)
    if expected.startswith("re:"):
        assert re.search(expected[3:], message, re.S), message
    else:
        assert expected in message, message


def test_the_data_as_committed_loads_and_every_page_prepares(project):
    """The fault table's baseline: nothing above fails for a reason other than its fault."""
    load_catalog(project / "data")
    for page in sorted((project / "docs").rglob("*.md")):
        prepare(project, page.relative_to(project / "docs").as_posix())


def test_snippet_line_ranges_and_sections_are_accepted_as_pymdownx_reads_them(project):
    """``file.py:3:10`` (lines 3 to 10), ``file.py:3`` (from line 3), ``file.py:,5`` and named sections all include."""
    snippet = project / "snippets/costs/by_volume.py"
    snippet.write_text("# --8<-- [start:all]\n" + snippet.read_text(encoding="utf-8") + "# --8<-- [end:all]\n", encoding="utf-8")
    for spec in ("costs/by_volume.py:3:10", "costs/by_volume.py:3", "costs/by_volume.py:all", "costs/by_volume.py:1:3,5:6"):
        line = f'--8<-- "{spec}"'
        assert snippets.include_problem(line, project, ["snippets", "."]) is None, spec


def test_a_page_may_cite_in_its_text_what_its_table_cites_and_not_otherwise(project):
    """A build-time table's ``[@id]`` gets the number the page's text gave it; without one it is refused."""
    catalog = load_catalog(project / "data")
    _, order = prepare(project, "economics.md")
    html = "<td>batch tiers [@google-gemini-optimization]</td>"
    numbered = citations.number_in_html(html, "docs/economics.md", order, catalog.sources)
    assert 'href="#ref-google-gemini-optimization"' in numbered and "[@" not in numbered
    edit(project / "docs/economics.md", "batch tiers for work that can wait\n[@google-gemini-optimization]",
         "batch tiers for work that can wait\n")
    _, order = prepare(project, "economics.md")
    with pytest.raises(citations.CitationError, match="docs/economics.md: a build-time table cites "
                       r"\[@google-gemini-optimization\], but the page's text does not"):
        citations.number_in_html(html, "docs/economics.md", order, catalog.sources)


def test_two_headings_with_one_id_are_refused_naming_both_lines():
    source = "# Page\n\n## Extra {#extra}\n\nText.\n\n## More {#extra}\n"
    html = '<h1 id="page">Page</h1><h2 id="extra">Extra</h2><p>Text.</p><h2 id="extra">More</h2>'
    with pytest.raises(checks.PageError) as caught:
        checks.duplicate_ids(html, "docs/traits.md", source)
    assert str(caught.value).startswith("docs/traits.md:3: duplicate HTML id(s) extra (lines 3, 7 of the page name it): "
                                        "a heading or item appears twice on the page")


@pytest.mark.parametrize("printed, problem", [
    ('<div class="note">\n\nA note the snippet never closes.\n', "a <div> is never closed (1 <div> but 0 </div>)"),
    ("</div>\n", "a </div> closes nothing (1 </div> but 0 <div>)"),
    ("<span><b>bold</span></b>\n", "<b> is still open when </span> closes its parent"),
], ids=["unclosed-div", "stray-end-tag", "overlapping-tags"])
def test_broken_html_from_a_snippet_is_named(printed, problem):
    assert problem in snippets.html_problems(printed)


def test_well_formed_snippet_output_has_no_problems():
    assert snippets.html_problems('<div class="x"><table><tr><td>1</td></tr></table></div>\n<p>ok<br>fine</p>') == []
