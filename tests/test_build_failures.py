"""Each authoring mistake stops the build, and the message names the file, the line and the fix.

Every test copies the project, injects one fault and runs the real build: what `make site`
runs (strict site, PDFs, offline copy, swapped in only on success). The first line of the
message each fault printed is written to ``.cache/fault-messages.md`` for review.
"""

from __future__ import annotations

import datetime as dt

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_build, run_full_build

pytestmark = pytest.mark.build

_first_lines: dict[str, str] = {}
NOISE = re.compile(r"^(Error reading page '[^']*':|Aborted with .*|mkdocs build --strict failed, site not replaced:)$")


def first_message_line(output: str) -> str:
    """The first line the build printed about the fault (MkDocs' level prefix removed)."""
    for line in output.splitlines():
        level, sep, text = line.partition(" -  ")
        if sep and level.strip() in {"ERROR", "WARNING"} and not NOISE.match(text.strip()):
            return text.strip()
    return next((line for line in output.splitlines() if line.strip() and not line.startswith("INFO")), "")


@pytest.fixture(scope="module", autouse=True)
def fault_messages():
    yield
    if _first_lines:
        report = ROOT / ".cache" / "fault-messages.md"
        report.parent.mkdir(exist_ok=True)
        rows = [f"- `{name}`: {line}" for name, line in sorted(_first_lines.items())]
        report.write_text("# The first line the build printed for each injected fault\n\n" + "\n".join(rows) + "\n", encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def failed(project: Path, strict: bool = True) -> str:
    """Build as `make site` does (or plain `mkdocs build` without --strict) and expect a failure."""
    build = run_full_build(project, project / "site") if strict else run_build(project, project / "site", strict=False)
    assert build.returncode != 0, f"the build should have failed:\n{build.output[-3000:]}"
    assert not (project / "site").exists(), "a failed build published a site"
    name = os.environ.get("PYTEST_CURRENT_TEST", "?").split("::")[-1].split(" ")[0]
    _first_lines.setdefault(name, first_message_line(build.output))
    return build.output


def test_unknown_block_type_names_file_and_line(project_copy):
    page = project_copy / "docs/analogies.md"
    edit(page, "/// analogies\n", "/// analogys\n")
    out = failed(project_copy)
    assert f"docs/analogies.md:{line_of(page, '/// analogys')}: unknown block type 'analogys'" in out


def test_unknown_item_id_in_a_block(project_copy):
    page = project_copy / "docs/cards/rag.md"
    edit(page, "/// card | rag", "/// card | rag-pipeline")
    out = failed(project_copy)
    assert f"docs/cards/rag.md:{line_of(page, 'rag-pipeline')}: card block: unknown card 'rag-pipeline'" in out


def test_unclosed_block(project_copy):
    page = project_copy / "docs/traits.md"
    edit(page, "/// traits\n///\n", "/// traits\n")
    out = failed(project_copy)
    assert f"docs/traits.md:{line_of(page, '/// traits')}: the 'traits' block is never closed" in out


def test_same_item_twice_on_a_page(project_copy):
    page = project_copy / "docs/guides/executive.md"
    edit(page, "/// analogy | hardcoded-authz", "/// analogy | own-pki")
    out = failed(project_copy)
    second = [n for n, l in enumerate(page.read_text().splitlines(), 1) if l == "/// analogy | own-pki"][1]
    assert f"docs/guides/executive.md:{second}: duplicate id 'AN-own-pki'" in out


def test_missing_facet_in_data(project_copy):
    data = project_copy / "data/cards.yml"
    text = data.read_text(encoding="utf-8")
    new = re.sub(r"\n      who_does_it: [>|]?-?\n(        .*\n)+", "\n", text, count=1)
    if new == text:
        new = re.sub(r"\n      who_does_it: .*\n", "\n", text, count=1)
    assert new != text
    data.write_text(new, encoding="utf-8")
    out = failed(project_copy)
    assert re.search(r"data/cards\.yml:\d+: cards\[0\]\.facets\.who_does_it: required field is missing; add it", out), out


def test_duplicate_phrase_id_in_data(project_copy):
    data = project_copy / "data/phrases.yml"
    edit(data, "id: FL-002", "id: FL-001")
    out = failed(project_copy)
    assert re.search(r"data/phrases\.yml:\d+: phrases\[1\]\.id: duplicate id 'FL-001'", out), out


def test_wrong_type_and_negative_price(project_copy):
    data = project_copy / "data/prices.yml"
    edit(data, 'input: "2.00"', 'input: "-2.00"')
    edit(data, 'output: "5.00"', 'output: "five"')
    out = failed(project_copy)
    assert re.search(r"data/prices\.yml:\d+: models\[0\]\.input: Input should be greater than or equal to 0", out), out
    assert re.search(r"data/prices\.yml:\d+: models\[1\]\.output: ", out), out


def test_future_checked_date(project_copy):
    data = project_copy / "data/sources.yml"
    edit(data, "checked: 2026-11-01", "checked: 2999-01-01")
    out = failed(project_copy)
    assert re.search(r"data/sources\.yml:\d+: sources\[0\]\.checked: Value error, date 2999-01-01 is in the future", out)


def test_figure_without_a_source(project_copy):
    data = project_copy / "data/phrases.yml"
    text = data.read_text(encoding="utf-8")
    # Take the first phrase with no sources and give it a figure.
    match = re.search(r"  - id: (FL-\d+)\n((?:    (?!sources).*\n)+?)    why: (.*)\n(?!    sources)", text)
    assert match, "every phrase has sources; pick another fixture"
    data.write_text(text.replace(f"    why: {match.group(3)}\n", "    why: It saves 40% a month.\n", 1), encoding="utf-8")
    out = failed(project_copy)
    assert "states the figure '40%' but cites no source" in out


def test_unknown_citation_in_a_page(project_copy):
    page = project_copy / "docs/economics.md"
    edit(page, "[@openai-pricing]", "[@openai-price-list]")
    out = failed(project_copy)
    assert f"docs/economics.md:{line_of(page, 'openai-price-list')}: citation [@openai-price-list] names no source" in out


def test_snippet_that_raises_names_page_and_block_even_without_strict(project_copy):
    snippet = project_copy / "snippets/costs/four_ways.py"
    edit(snippet, "best = cheapest(rows)", "best = cheapest(rows)\nraise RuntimeError('price feed missing')")
    line = line_of(project_copy / "docs/economics.md", 'id="costs-four-ways"')
    for strict in (True, False):
        out = failed(project_copy, strict=strict)
        assert f"docs/economics.md:{line}: Execution of python code block 'costs-four-ways' exited with errors" in out
        assert "price feed missing" in out


def test_missing_snippet_file(project_copy):
    (project_copy / "snippets/costs/four_ways.py").unlink()
    out = failed(project_copy)
    line = line_of(project_copy / "docs/economics.md", '--8<-- "costs/four_ways.py"')
    assert (f"docs/economics.md:{line}: the snippet 'costs/four_ways.py' does not exist under snippets/ or ./; "
            "fix the path or add the file") in out, out


def test_missing_named_snippet_section(project_copy):
    page = project_copy / "docs/economics.md"
    edit(page, '--8<-- "costs/by_volume.py"', '--8<-- "costs/by_volume.py:rows"')
    out = failed(project_copy)
    assert (f"docs/economics.md:{line_of(page, 'by_volume.py:rows')}: the snippet 'costs/by_volume.py' has no section 'rows'; "
            "mark it in snippets/costs/by_volume.py with a '--8<-- [start:rows]' line") in out, out


def test_a_named_snippet_section_that_exists_is_included(project_copy):
    """The check above refuses only what is really missing: a marked section builds."""
    snippet = project_copy / "snippets/costs/by_volume.py"
    snippet.write_text("# --8<-- [start:all]\n" + snippet.read_text(encoding="utf-8") + "# --8<-- [end:all]\n", encoding="utf-8")
    edit(project_copy / "docs/economics.md", '--8<-- "costs/by_volume.py"', '--8<-- "costs/by_volume.py:all"')
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    assert "Break-even" in (project_copy / "site/economics/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("printed, problem", [
    ('print()\nprint("<div class=\\"note\\">")\nprint()\nprint("A note the snippet never closes.")\n',
     "a <div> is never closed (7 <div> but 6 </div>)"),
    ('print()\nprint("</div>")\n', "a </div> closes nothing (7 </div> but 6 <div>)"),
    ('print()\nprint("<span><b>bold</span></b>")\n', "<b> is still open when </span> closes its parent"),
    ('print()\nprint("| Model | Price |")\nprint("| GPT | 2 |")\n',
     "a Markdown table did not render as a table ('| Model | Price |' came out as a paragraph)"),
], ids=["unclosed-div", "stray-end-tag", "overlapping-tags", "table-without-separator"])
def test_snippet_that_prints_broken_html_or_markdown(project_copy, printed, problem):
    snippet = project_copy / "snippets/costs/spectrum.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + printed, encoding="utf-8")
    out = failed(project_copy)
    line = line_of(project_copy / "docs/economics.md", 'id="costs-spectrum"')
    assert (f"docs/economics.md:{line}: the build-time block 'costs-spectrum' printed broken HTML or Markdown: {problem}"
            in out), out
    assert "Fix what the snippet prints" in out


def test_broken_link_and_anchor(project_copy):
    page = project_copy / "docs/traits.md"
    edit(page, "The column headings link", "See [the gates](decide.md#no-such-gate) and [old](cards/gone.md). The column headings link")
    out = failed(project_copy)
    assert "traits.md" in out and "cards/gone.md" in out
    assert "no-such-gate" in out


def test_invalid_yaml_names_line(project_copy):
    data = project_copy / "data/analogies.yml"
    data.write_text(data.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    out = failed(project_copy)
    assert re.search(r"data/analogies\.yml:\d+: invalid YAML", out), out


def test_scenario_whose_expectation_drifts_from_the_framework(project_copy):
    data = project_copy / "data/scenarios.yml"
    edit(data, "expect: rag", "expect: peft-lora")
    out = failed(project_copy)
    assert re.search(r"data/scenarios\.yml:\d+: scenarios\[\d+\]\.expect: the framework recommends 'rag' at G1", out), out


def test_script_in_data_renders_escaped(project_copy):
    data = project_copy / "data/phrases.yml"
    edit(data, "    why: ", "    why: <script>alert(1)</script> ", 1)
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode == 0, build.output
    html = (project_copy / "site/phrases/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_malformed_front_matter_names_file_and_line(project_copy):
    page = project_copy / "docs/analogies.md"
    edit(page, "description: ", "description: [unclosed\nowner: ")
    out = failed(project_copy)
    assert f"docs/analogies.md:{line_of(page, 'owner: ')}: the front matter is not valid YAML" in out
    assert "fix the block between the --- lines" in out


def test_price_with_a_missing_field(project_copy):
    prices = project_copy / "data/prices.yml"
    edit(prices, '    output: "0.50"\n', "")
    out = failed(project_copy)
    assert re.search(r"data/prices\.yml:\d+: models\[2\]\.output: required field is missing; add it", out), out


def test_a_model_past_its_shutdown_date_stops_the_build_naming_model_file_and_line(project_copy):
    prices = project_copy / "data/prices.yml"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    edit(prices, "shutdown: 2027-01-14", f"shutdown: {yesterday}")
    out = failed(project_copy)
    line = line_of(prices, f"shutdown: {yesterday}")
    assert (f"data/prices.yml:{line}: models[3].shutdown: GPT-4.1 mini (gpt-4-1-mini) shut down on {yesterday}, on or "
            "before today") in out, out
    assert "set `status: retired`" in out


def test_price_with_a_malformed_date(project_copy):
    prices = project_copy / "data/prices.yml"
    edit(prices, "checked: 2026-11-01}", "checked: 2026-13-45}")
    out = failed(project_copy)
    assert f"data/prices.yml:{line_of(prices, '2026-13-45')}: '2026-13-45' is not a valid date" in out, out
    assert "write a real day as YYYY-MM-DD" in out


def test_a_price_citing_an_unknown_source(project_copy):
    prices = project_copy / "data/prices.yml"
    edit(prices, "source: anthropic-opus-5-5", "source: anthropic-price-list")
    out = failed(project_copy)
    assert re.search(r"data/prices\.yml:\d+: models\[\d+\]\.source: unknown source 'anthropic-price-list'; known: ", out), out


def test_heading_that_takes_an_item_id_on_another_page(project_copy):
    """FL-001 is the phrase's permanent ID; a heading elsewhere may not take it."""
    page = project_copy / "docs/traits.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Extra words {#FL-001}\n\nSome text.\n", encoding="utf-8")
    out = failed(project_copy)
    assert (f"docs/traits.md:{line_of(page, '{#FL-001}')}: the id 'FL-001' is written by hand, but it is the permanent ID "
            "of a phrase (/// phrase | FL-001), which the data owns") in out, out


def test_raw_html_that_takes_an_item_id(project_copy):
    page = project_copy / "docs/cards/rag.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p id="TR-knowledge">x</p>\n', encoding="utf-8")
    out = failed(project_copy)
    assert f"docs/cards/rag.md:{line_of(page, 'TR-knowledge')}: the id 'TR-knowledge' is written by hand" in out, out


def test_two_headings_with_one_id(project_copy):
    page = project_copy / "docs/traits.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Extra {#extra}\n\nText.\n\n## More {#extra}\n", encoding="utf-8")
    out = failed(project_copy)
    first, second = (n for n, l in enumerate(page.read_text().splitlines(), 1) if "{#extra}" in l)
    assert (f"docs/traits.md:{first}: duplicate HTML id(s) extra (lines {first}, {second} of the page name it): "
            "a heading or item appears twice on the page") in out, out
