"""Compiled theme templates, kept in memory between rebuilds of ``mkdocs serve``.

MkDocs makes a new Jinja environment on every rebuild, so Material's ``base.html`` was
parsed and compiled again each time: about half of a one-page rebuild. Jinja's bytecode
cache keys each entry by template name and a checksum of its source, so an edited
template is compiled afresh and nothing stale is served.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """A process-wide :class:`jinja2.BytecodeCache` in a dict."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


#: Shared by every environment this process creates.
CACHE = MemoryBytecodeCache()
