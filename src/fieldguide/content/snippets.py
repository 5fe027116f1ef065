"""Build-time snippets: running them through markdown-exec, and checking what they print.

The cost tables are Python snippets that markdown-exec runs while a page is converted
(an ``exec="on"`` fence whose body includes ``snippets/costs/<table>.py``). markdown-exec
only *warns* when a snippet raises and passes whatever it prints to the page, so the
plugin wraps its fence formatter in a :class:`SnippetRunner`, which

* runs each distinct fence once per build (a table that two pages hold is computed once);
* runs it in the project's folder, so the snippet's ``catalog()`` reads the data of the
  project being built (:func:`fieldguide.content.data.find_project`);
* collects markdown-exec's warnings while the fence runs, through a handler on its logger
  (a filter would not see records from its child loggers), and checks the HTML the fence
  produced (:func:`html_problems`): the plugin then stops the build naming the page, the
  fence's line and its id.

Python-Markdown passes raw HTML through as it is and shows a Markdown table whose
separator row is broken as a paragraph of pipes; neither stops a build. A snippet that
prints an unclosed ``<div>`` would swallow the rest of the page, hence the output check.
The includes a page names are checked before the page converts (:func:`include_problem`).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldguide.content.text import HTML_TOKEN, VOID

INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^"]+)"\s*$')
#: pymdownx.snippets' line selections after a path: ``file.py:3``, ``file.py:3:10``, ``file.py:1:3,5:7``.
LINES = re.compile(r"^\d*(?::\d*)?(?:,\d*(?::\d*)?)*$")
SECTION_MARK = "--8<-- [{kind}:{name}]"


def html_problems(html: str) -> list[str]:
    """What is wrong with the HTML one executed block produced; empty when it is well formed.

    * every element except the void ones has as many end tags as start tags, and
      elements nest (``<b><i></b></i>`` is refused);
    * no paragraph holds a line of ``| cells |``: that is a Markdown table that did not
      render as a table (a missing or broken ``|---|`` row, or a blank line inside it).
    """
    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    open_tags: list[tuple[str, str]] = []  # (tag, its start tag as written)
    crossed: list[str] = []
    for token in HTML_TOKEN.finditer(html):
        kind = token.lastgroup
        if kind == "attrs":
            tag = token.group("start").lower()
            if tag not in VOID and not token.group("attrs").rstrip().endswith("/"):
                starts[tag] += 1
                open_tags.append((tag, token.group(0)[:60]))
        elif kind == "end":
            tag = token.group("end").lower()
            if tag in VOID:
                continue
            ends[tag] += 1
            names = [name for name, _ in open_tags]
            if tag in names:
                if names[-1] != tag and not crossed:
                    crossed.append(f"{open_tags[-1][1]} is still open when </{tag}> closes its parent")
                del open_tags[len(names) - 1 - names[::-1].index(tag):]
    problems = []
    for tag in sorted(set(starts) | set(ends)):
        opened, closed = starts[tag], ends[tag]
        if opened > closed:
            problems.append(f"a <{tag}> is never closed ({opened} <{tag}> but {closed} </{tag}>)")
        elif closed > opened:
            problems.append(f"a </{tag}> closes nothing ({closed} </{tag}> but {opened} <{tag}>)")
    if not problems:
        problems += crossed
    for match in re.finditer(r"<p>(.*?)</p>", html, re.S):
        if any(line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") > 2
               for line in match.group(1).splitlines()):
            first = match.group(1).strip().splitlines()[0][:60]
            problems.append(f"a Markdown table did not render as a table ({first!r} came out as a paragraph): "
                            "check its |---| row and that no blank line splits it")
            break
    return problems


def include_problem(line: str, root: Path, bases: list[str]) -> str | None:
    """For a ``--8<-- "path"``, ``"path:section"`` or ``"path:3:10"`` line: why it cannot be
    included, or None.

    ``bases`` are pymdownx.snippets' ``base_path`` folders, relative to ``root`` (the
    folder of ``mkdocs.yml``), searched in order as the extension searches them. Line
    selections (``file.py:3:10``) are pymdownx's own syntax: the file must exist and each
    range must start inside it (pymdownx would include nothing, silently).
    """
    match = INCLUDE.match(line)
    if not match:
        return None
    target = match.group("path")
    section = None
    selection = ""
    path, sep, lines = target.partition(":")
    if sep and LINES.fullmatch(lines) and re.search(r"\.\w+$", path):
        target, selection = path, lines
    else:
        name, sep, tail = target.rpartition(":")
        if sep and re.fullmatch(r"[A-Za-z0-9_-]+", tail) and not re.fullmatch(r"[A-Za-z]", name):
            target, section = name, tail
    found = next((Path(base) / target for base in bases if (root / base / target).is_file()), None)
    if found is None:
        where = " or ".join(f"{base}/" for base in bases)
        return f"the snippet '{target}' does not exist under {where}; fix the path or add the file"
    text = (root / found).read_text(encoding="utf-8")
    if selection:
        count = len(text.splitlines())
        for part in selection.split(","):
            first = part.split(":")[0]
            if first and int(first) > count:
                return (f"the snippet '{target}' has {count} lines, so the range '{part}' selects nothing; "
                        "fix the line numbers (or mark a named section and include that)")
        return None
    if section is None:
        return None
    start, end = SECTION_MARK.format(kind="start", name=section), SECTION_MARK.format(kind="end", name=section)
    if start not in text or end not in text:
        return (f"the snippet '{target}' has no section '{section}'; mark it in {found.as_posix()} with a "
                f"'{start}' line and a '{end}' line (as comments), or fix the name")
    return None


# --- running the fences ------------------------------------------------------------------

EXEC_LOGGER = "mkdocs.plugins.markdown_exec"
#: The id markdown-exec names in its warning: "... code block 'costs-four-ways' exited with errors".
EXEC_ID = re.compile(r"code block '([^']+)'")


class _Capture(logging.Handler):
    """Collects markdown-exec's warnings for the runner that installed it."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class SnippetRunner:
    """markdown-exec's fence formatter, run once per distinct fence in a build, in the project.

    ``failures`` holds the warnings of fences that raised, and ``bad_output`` the fences
    whose HTML is broken, each with the fence's id, until the plugin reads and clears them
    for the page being rendered.
    """

    project: Path
    capture: _Capture = field(default_factory=_Capture)
    memo: dict[tuple, str] = field(default_factory=dict)
    bad_output: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def failures(self) -> list[logging.LogRecord]:
        return self.capture.records

    def clear(self) -> None:
        self.capture.records.clear()
        self.bad_output.clear()

    def install(self, mdx_configs: dict[str, Any]) -> None:
        """Wrap markdown-exec's formatters in ``pymdownx.superfences``' configuration and listen
        to its logger (replacing the handler of an earlier build of this process)."""
        for fence in mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", []):
            fmt = fence.get("format")
            fmt = getattr(fmt, "formatter", fmt)
            if getattr(fmt, "__module__", "").startswith("markdown_exec"):
                fence["format"] = _Wrapped(self, fmt)
        logger = logging.getLogger(EXEC_LOGGER)
        for old in [h for h in logger.handlers if isinstance(h, _Capture)]:
            logger.removeHandler(old)
        logger.addHandler(self.capture)

    def run(self, formatter, source, language, css_class, options, md, **kwargs) -> str:
        key = (source, language, css_class, repr(sorted(options.items())), repr(sorted(kwargs.items(), key=str)))
        if key in self.memo:
            return self.memo[key]
        failures = len(self.failures)
        with contextlib.chdir(self.project):
            html = formatter(source, language, css_class, options, md, **kwargs)
        if len(self.failures) > failures:
            return html  # never remember a failed run: every page that holds it must fail
        problems = html_problems(str(html))
        if problems:
            self.bad_output.append((options.get("id", ""), problems))
            return html
        self.memo[key] = html
        return html


@dataclass
class _Wrapped:
    runner: SnippetRunner
    formatter: Any

    def __call__(self, source, language, css_class, options, md, **kwargs):
        return self.runner.run(self.formatter, source, language, css_class, options, md, **kwargs)
