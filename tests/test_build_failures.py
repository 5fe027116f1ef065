"""A handful of faults end to end: the real build stops on them and publishes nothing.

The full table of authoring faults and their messages is checked in-process in
``test_faults.py``, through the functions the plugin calls. These few prove the plugin
and the build around it stop on what only a real build sees: a snippet that raises (with
and without ``--strict``, since ``make serve`` runs without it), a snippet whose output
does not render, a broken link or anchor.
"""

from __future__ import annotations

import pytest

from conftest import edit, line_of, run_build, run_full_build

pytestmark = pytest.mark.build


def test_a_snippet_that_raises_stops_make_site_and_the_published_site_stays(project_copy):
    published = project_copy / "site"
    published.mkdir()
    (published / "index.html").write_text("the site readers have today", encoding="utf-8")
    edit(project_copy / "snippets/costs/four_ways.py", "best = cheapest(rows)",
         "best = cheapest(rows)\nraise RuntimeError('price feed missing')")
    line = line_of(project_copy / "docs/economics.md", 'id="costs-four-ways"')

    build = run_full_build(project_copy, published)
    assert build.returncode != 0
    assert f"docs/economics.md:{line}: Execution of python code block 'costs-four-ways' exited with errors" in build.output
    assert "price feed missing" in build.output and "site not replaced" in build.output
    assert (published / "index.html").read_text(encoding="utf-8") == "the site readers have today"
    assert not list(project_copy.glob(".site-build-*")), "the temporary build folder was left behind"

    # `make serve` builds without --strict: the plugin stops that build too, naming the same block.
    build = run_build(project_copy, project_copy / "serve-site", strict=False)
    assert build.returncode != 0
    assert f"docs/economics.md:{line}: Execution of python code block 'costs-four-ways' exited with errors" in build.output


def test_a_snippet_whose_table_does_not_render_stops_the_build(project_copy):
    snippet = project_copy / "snippets/costs/spectrum.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + 'print()\nprint("| Model | Price |")\nprint("| GPT | 2 |")\n',
                       encoding="utf-8")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    line = line_of(project_copy / "docs/economics.md", 'id="costs-spectrum"')
    assert (f"docs/economics.md:{line}: the build-time block 'costs-spectrum' printed broken HTML or Markdown: a Markdown "
            "table did not render as a table ('| Model | Price |' came out as a paragraph)") in build.output, build.output
    assert "Fix what the snippet prints" in build.output


def test_a_broken_link_and_a_broken_anchor_stop_the_strict_build(project_copy):
    edit(project_copy / "docs/traits.md", "The column headings link",
         "See [the gates](decide.md#no-such-gate) and [old](cards/gone.md). The column headings link")
    build = run_build(project_copy, project_copy / "site")
    assert build.returncode != 0
    assert "traits.md" in build.output and "cards/gone.md" in build.output, build.output
    assert "no-such-gate" in build.output
