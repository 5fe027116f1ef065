"""MkDocs hooks: the build refuses broken content and says where it is.

Listed under ``hooks:`` in ``mkdocs.yml``. What they do, in build order:

* ``on_config``: load and cross-check ``data/`` (:func:`fieldguide.data.load_catalog`),
  and start listening to markdown-exec, which only *warns* when a build-time snippet
  raises.
* ``on_page_markdown``: check that every ``--8<--`` include names a file (and section)
  that exists, that no id written by hand takes a data item's permanent ID, and inline
  citations ``[@id]`` against the bibliography (file:line on error), put in figures written ``{{ price.<model>.input }}`` and refuse
  typed dollar amounts (:mod:`fieldguide.figures`), expand content blocks (:mod:`fieldguide.blocks`), then turn
  citations into numbered references with a "Sources" list at the end of the page.
* ``on_page_content``: fail the build if a snippet on this page raised or printed broken
  HTML or Markdown (:mod:`fieldguide.snippet_checks`), naming the page, the line and the
  block id, and if the rendered page repeats an HTML id; then add copy-link data
  to every anchor (:func:`fieldguide.links.decorate`).
* ``on_post_build``: check the build against the published anchors in
  ``data/anchors.yml``, write ``/go/<ID>/`` short links and redirects for moved pages, and
  index every ID for search (:func:`fieldguide.links.post_build`).

Every failure raises :class:`mkdocs.exceptions.PluginError`, which stops the build with
or without ``--strict``.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from fieldguide import anchors, blocks, data, figures, links, offline, render, snippet_checks, templates
from fieldguide.markdown_text import attr, outside_fences
from fieldguide.yamlfile import DataFileError

EXEC_LOGGER = "mkdocs.plugins.markdown_exec"
HTML_ID = re.compile(r'\sid="([^"]+)"')
CODE_SPAN = re.compile(r"(`+).+?\1")
CITE_ANY = re.compile(r"\[@([^\]\s]*)\]")
HTML_CITE = re.compile(r"(?P<code><(pre|code)\b.*?</\2>)|\[@(?P<key>[a-z0-9][a-z0-9-]*)\]", re.S)
#: An id written by hand in a page: ``{#ID}`` / ``{: #ID .class}`` after a heading, or ``id="ID"`` in raw HTML.
HAND_ID = re.compile(r"\{:?[^}\n]*?#(?P<attr>[A-Za-z][\w-]*)[^}\n]*\}|\sid=\"(?P<html>[^\"]+)\"")
#: Permanent IDs that data items own, and the block that places each kind.
DATA_ID_KINDS = {
    "CD-": "a card or card section (/// card | rag)", "TR-": "a trait (/// traits)",
    "FL-": "a phrase (/// phrase | FL-001)", "AN-": "an analogy (/// analogy | own-pki)",
    "SC-": "a scenario (/// scenario | policy-qa)", "SRC-": "a source (/// bibliography)",
    "G": "a decision gate (/// gates)", "decision-diagram": "the decision diagram (/// decision-diagram)",
}
CITE_OR_CODE = re.compile(r"(?P<code>(`+).+?\2)|\[@(?P<key>[a-z0-9][a-z0-9-]*)\]")


class _SnippetFailures(logging.Handler):
    """Collects markdown-exec's warnings while one page renders.

    Its records come from child loggers of ``mkdocs.plugins.markdown_exec``, which only a
    handler on that logger sees (a filter would not), so the warning is printed as it is,
    and :func:`on_page_content` then stops the build naming the page and the line.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_failures = _SnippetFailures()
_state: dict[str, object] = {}
_bad_output: list[tuple[str, list[str]]] = []  # (block id, problems) while one page renders
EXEC_ID = re.compile(r"code block '([^']+)'")


def _page_file(page) -> str:
    return f"docs/{page.file.src_uri}"


def _front_matter_lines(page, markdown: str) -> int:
    """How many source lines MkDocs removed (front matter) before handing us ``markdown``."""
    raw = page.file.content_string
    if not raw.endswith(markdown):
        return 0
    return raw.count("\n", 0, len(raw) - len(markdown))


class _SameOutput:
    """markdown-exec's fence formatter, run once per distinct fence in a build.

    A build-time snippet reads only the data and its own source, so the same fence (same
    code, same options) renders the same HTML on every page that holds it: the economics
    tables appear on the economics page and in the production-economics guide, and in a
    large site on many pages. The memo lives for one build (``on_config`` makes a new one),
    so an edit to the data or a snippet is always seen by the next build.
    """

    def __init__(self, formatter):
        self.formatter = formatter
        self.memo: dict[tuple, str] = {}

    def __call__(self, source, language, css_class, options, md, **kwargs):
        key = (source, language, css_class, repr(sorted(options.items())), repr(sorted(kwargs.items(), key=str)))
        if key not in self.memo:
            failures = len(_failures.records)
            html = self.formatter(source, language, css_class, options, md, **kwargs)
            if len(_failures.records) > failures:
                return html  # never remember a failed run: every page that holds it must fail
            problems = snippet_checks.html_problems(str(html))
            if problems:
                _bad_output.append((options.get("id", ""), problems))
                return html
            self.memo[key] = html
        return self.memo[key]


@event_priority(-100)  # after markdown-exec has added its fences to the config
def on_config(config):
    # The data that belongs to a site sits beside its mkdocs.yml. Build-time snippets run
    # in this process and read the same variable, so a copy of the project builds its
    # own data, never the installed package's.
    os.environ["FIELDGUIDE_DATA"] = str(Path(config.config_file_path).parent / "data")
    try:
        _state["catalog"] = data.catalog()
        _state["figures"] = figures.compute(_state["catalog"].prices)
    except DataFileError as exc:
        raise PluginError(f"{exc}\nThe data is invalid, so nothing was built.") from exc
    try:
        _state["links"] = links.start(Path(config.config_file_path).parent, config.site_url, config.site_name)
    except (DataFileError, links.LinkError) as exc:
        raise PluginError(f"published anchors: {exc}") from exc
    for fence in config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", []):
        fmt = fence.get("format")
        if isinstance(fmt, _SameOutput):
            fmt = fmt.formatter
        if getattr(fmt, "__module__", "").startswith("markdown_exec"):
            fence["format"] = _SameOutput(fmt)
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    bases = snippets.get("base_path", ["."])
    _state["snippet_bases"] = [bases] if isinstance(bases, str) else list(bases)
    _state["root"] = Path(config.config_file_path).parent
    # mkdocstrings renders the API reference while pages are read, before on_env: give its
    # template environment the compiled-template cache now.
    mkdocstrings = config.plugins.get("mkdocstrings")
    if mkdocstrings is not None:
        handler = mkdocstrings.handlers.get_handler("python")
        handler.env.bytecode_cache = templates.bytecode_cache(_state["root"])
    exec_logger = logging.getLogger(EXEC_LOGGER)
    if _failures not in exec_logger.handlers:
        exec_logger.addHandler(_failures)
    return config


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def _check_front_matter(markdown: str, file: str) -> None:
    """MkDocs shows front matter it cannot parse as page text, silently; refuse it instead."""
    block = FRONT_MATTER.match(markdown)
    if not block:
        return
    import yaml

    try:
        meta = yaml.safe_load(block.group("yaml"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2  # +1 for the opening ---, +1 for 1-based lines
        problem = getattr(exc, "problem", None) or str(exc)
        raise PluginError(f"{file}:{line}: the front matter is not valid YAML ({problem}); fix the block between the --- lines") from exc
    if not isinstance(meta, dict):
        raise PluginError(f"{file}:2: the front matter must be `key: value` lines (a YAML mapping); fix the block between the --- lines")


def on_page_markdown(markdown: str, page, config, files):
    file = _page_file(page)
    _check_front_matter(markdown, file)
    catalog = _state["catalog"]
    offset = _front_matter_lines(page, markdown)
    lines = markdown.split("\n")
    for i, line in enumerate(lines):  # pymdownx.snippets includes inside fences too
        if "8<-" in line:
            problem = snippet_checks.include_problem(line, _state["root"], _state["snippet_bases"])
            if problem:
                raise PluginError(f"{file}:{i + 1 + offset}: {problem}")
    for i, line in outside_fences(lines):
        if "id=" in line or "#" in line:
            _check_hand_written_ids(CODE_SPAN.sub("", line), f"{file}:{i + 1 + offset}")
        for key in CITE_ANY.findall(CODE_SPAN.sub("", line)):
            if key not in catalog.sources:
                raise PluginError(
                    f"{file}:{i + 1 + offset}: citation [@{key}] names no source; add it to data/sources.yml or fix the id"
                )
        if "{{" in line or "$" in line:
            lines[i], problems = figures.resolve(line, _state["figures"])
            if problems:
                raise PluginError(f"{file}:{i + 1 + offset}: {problems[0]}")
    markdown = "\n".join(lines)
    try:
        expanded, _ = blocks.expand(markdown, catalog, file, offset)
    except blocks.BlockError as exc:
        raise PluginError(str(exc)) from exc
    _failures.records.clear()
    _bad_output.clear()
    numbered, order = _number_citations(expanded, catalog)
    _state["citations"] = order
    return numbered


def _check_hand_written_ids(line: str, where: str) -> None:
    """Refuse a permanent ID written by hand that belongs to a data item (FL-001, TR-…).

    Those IDs are printed next to their item and published in links; a heading that takes
    one would be a second FL-001, on this page or another. Pages own only their cost-table
    headings (``CT-``).
    """
    for match in HAND_ID.finditer(line):
        value = match.group("attr") or match.group("html")
        if not anchors.is_id(value):
            continue
        kind = next((what for prefix, what in DATA_ID_KINDS.items() if value.startswith(prefix)), None)
        if kind:
            raise PluginError(
                f"{where}: the id '{value}' is written by hand, but it is the permanent ID of {kind}, which the data owns; "
                f"place the item with its block, or give this element an id of its own (not one that starts like {value.split('-')[0]}-)"
            )


def _number_citations(markdown: str, catalog: data.Catalog) -> tuple[str, list[str]]:
    lines = markdown.split("\n")
    order: list[str] = []

    def number(match: re.Match) -> str:
        if match.group("code"):
            return match.group("code")
        key = match.group("key")
        if key not in order:
            order.append(key)
        n = order.index(key) + 1
        return f'<sup class="fg-cite">[[{n}](#ref-{key} "{attr(catalog.sources[key].title)}")]</sup>'

    for i, line in outside_fences(lines):
        if "[@" in line:
            lines[i] = CITE_OR_CODE.sub(number, line)
    if not order:
        return "\n".join(lines), order
    lines += ["", "## Sources {#page-sources .fg-page-sources-title}", "", '<ol class="fg-page-sources" markdown>']
    for key in order:
        source = catalog.sources[key]
        entry = render.source_entry(source).replace(f'id="SRC-{key}"', f'id="ref-{key}"', 1)
        entry = entry.replace("</li>", f' [In the bibliography](/sources.md#SRC-{key}).</li>')
        lines.append(entry)
    lines += ["</ol>", ""]
    return "\n".join(lines), order


def _number_snippet_citations(html: str, file: str, order: list[str]) -> str:
    """Number the ``[@id]`` citations printed by build-time snippets (outside code).

    Snippets run after the page's own citations were numbered, so a snippet may cite only
    sources the page's text already cites; they then share its numbers.
    """
    catalog = _state["catalog"]

    def number(match: re.Match) -> str:
        if match.group("code"):
            return match.group("code")
        key = match.group("key")
        if key not in catalog.sources:
            raise PluginError(f"{file}: a build-time table cites [@{key}], which names no source; fix the snippet or add it to data/sources.yml")
        if key not in order:
            raise PluginError(
                f"{file}: a build-time table cites [@{key}], but the page's text does not; "
                f"cite [@{key}] in the text next to the table so it gets a number in the page's Sources list"
            )
        title = attr(catalog.sources[key].title)
        return f'<sup class="fg-cite">[<a href="#ref-{key}" title="{title}">{order.index(key) + 1}</a>]</sup>'

    return HTML_CITE.sub(number, html) if "[@" in html else html


def _block_line(page, block_id: str) -> str:
    """``:N`` for the line of the page's source that opens the executed block ``block_id``."""
    if block_id:
        for number, line in enumerate(page.file.content_string.splitlines(), 1):
            if f'id="{block_id}"' in line:
                return f":{number}"
    return ""


def _lines_naming(page, anchor: str) -> list[int]:
    """The lines of the page's source that write ``anchor`` as an id (``#id``, ``id="id"``, ``| id``)."""
    pattern = re.compile(rf'(?:#|id="|\|\s*){re.escape(anchor)}(?![\w-])')
    return [n for n, line in enumerate(page.file.content_string.splitlines(), 1) if pattern.search(line)]


def on_page_content(html: str, page, config, files):
    file = _page_file(page)
    if _failures.records:
        details = "\n".join(record.getMessage() for record in _failures.records)
        _failures.records.clear()
        first = details.strip().splitlines()[0] if details.strip() else "a build-time snippet failed"
        block = EXEC_ID.search(first)
        raise PluginError(
            f"{file}{_block_line(page, block.group(1) if block else '')}: {first.removeprefix('markdown_exec: ')}\n"
            f"Fix the snippet (run it with `python snippets/...py` to see the error) and build again.\n\n{details}"
        )
    if _bad_output:
        block_id, problems = _bad_output[0]
        _bad_output.clear()
        raise PluginError(
            f"{file}{_block_line(page, block_id)}: the build-time block '{block_id or '(no id)'}' printed broken HTML or Markdown: "
            f"{problems[0]}\nFix what the snippet prints (run it with `python snippets/...py` to see its output) and build again."
            + "".join(f"\n  also {p}" for p in problems[1:4])
        )
    html = _number_snippet_citations(html, file, _state.get("citations") or [])
    counts = Counter(HTML_ID.findall(html))
    repeated = sorted(i for i, n in counts.items() if n > 1)
    if repeated:
        lines = _lines_naming(page, repeated[0])
        at = f":{lines[0]}" if lines else ""
        also = f" (lines {', '.join(map(str, lines))} of the page name it)" if len(lines) > 1 else ""
        raise PluginError(
            f"{file}{at}: duplicate HTML id(s) {', '.join(repeated)}{also}: a heading or item appears twice on the page; "
            "give one of them another id or place the item once"
        )
    try:
        return links.decorate(_state["links"], html, page.url, file)
    except links.LinkError as exc:
        raise PluginError(str(exc)) from exc


def on_env(env, config, files):
    # Reuse the theme's compiled templates across builds (the API reference's: on_config).
    env.bytecode_cache = templates.bytecode_cache(Path(config.config_file_path).parent)
    return env


def on_startup(command, dirty):
    # `mkdocs serve --dirty` (make serve) rebuilds only the pages that changed, so the
    # anchor registry cannot be checked against them, and the short links and search
    # entries of the last full build stay valid. `make site` and the tests never run dirty.
    _state["dirty"] = dirty


def on_post_build(config):
    if _state.get("dirty"):
        return
    try:
        if offline.enabled():
            links.post_build_offline(_state["links"], Path(config.site_dir))
            return
        links.post_build(_state["links"], Path(config.site_dir))
    except links.LinkError as exc:
        raise PluginError(str(exc)) from exc
