"""Compiled Jinja templates, kept between builds in ``.cache/jinja/`` beside ``mkdocs.yml``.

Every build, and every rebuild of ``mkdocs serve``, makes new Jinja environments: one for
the theme (Material's ``base.html`` and our overrides) and one for mkdocstrings' API
reference templates. Compiling those templates was most of mkdocstrings' cost and about
half of a one-page rebuild. Jinja's own :class:`~jinja2.FileSystemBytecodeCache` keeps the
compiled code, as Python keeps ``.pyc`` files: each entry is keyed by the template's name
and checked against a checksum of its source, so an edited template is compiled afresh
and nothing stale is used. ``make clean`` removes the folder; a first build fills it.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

_caches: dict[Path, FileSystemBytecodeCache] = {}


def bytecode_cache(project: Path) -> FileSystemBytecodeCache:
    """The template cache of the project whose ``mkdocs.yml`` sits in ``project``."""
    directory = (project / ".cache" / "jinja").resolve()
    if directory not in _caches:
        directory.mkdir(parents=True, exist_ok=True)
        _caches[directory] = FileSystemBytecodeCache(str(directory))
    return _caches[directory]
