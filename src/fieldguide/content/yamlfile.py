"""Load YAML data files while remembering the line of every value.

Authors edit the data files by hand, so an error must say *where* it is. PyYAML's
composer already records a start mark on every node; this module walks the node tree
once and keeps, for each path into the document (``("phrases", 3, "why")``), the line
it starts on. :func:`line_of` then finds the line for any validation error location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# A constructor needs no stream: it turns one already-composed node into a Python value
# with the safe loader's rules (dates become ``datetime.date``, and so on).
_SCALARS = yaml.constructor.SafeConstructor()
# libyaml's C parser, when PyYAML was built with it, composes the same node tree with the
# same marks about twenty times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A data file could not be read or did not match its schema.

    The message always starts with ``file:line`` so editors and CI logs link to it.
    """


@dataclass
class LoadedYaml:
    """A parsed YAML document plus the line number of every value in it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int:
        """Return the 1-based line of the deepest known prefix of ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _walk(node: yaml.Node, here: Path_, lines: dict[Path_, int]) -> Any:
    lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _SCALARS.construct_object(key_node, deep=True)
            if key in out:
                raise DataFileError(
                    f"line {key_node.start_mark.line + 1}: key {key!r} appears twice in the same mapping;"
                    " remove one of them"
                )
            out[key] = _walk(value_node, (*here, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*here, i), lines) for i, item in enumerate(node.value)]
    try:
        return _SCALARS.construct_object(node, deep=True)
    except ValueError as exc:  # a value that looks like a date but is none, e.g. 2026-13-45
        raise DataFileError(
            f"{node.start_mark.line + 1}: {node.value!r} is not a valid date ({exc}); write a real day as YYYY-MM-DD"
        ) from exc


def display_path(path: Path) -> str:
    """``path`` as an author would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_yaml(path: Path) -> LoadedYaml:
    """Parse ``path`` and return its data with a line map.

    Raises:
        DataFileError: the file is missing or is not valid YAML; the message names the
            file and line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{display_path(path)}: cannot read data file ({exc.strerror})") from exc
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise DataFileError(f"{display_path(path)}:{line}: invalid YAML: {exc.problem}") from exc
    lines: dict[Path_, int] = {}
    if node is None:
        return LoadedYaml(path, None, {(): 1})
    try:
        data = _walk(node, (), lines)
    except DataFileError as exc:
        raise DataFileError(f"{display_path(path)}:{exc}") from exc
    return LoadedYaml(path, data, lines)
