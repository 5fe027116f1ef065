"""Blocks that describe the kinds of item themselves, for the authoring conventions page.

``/// id-scheme`` prints the ID scheme and ``/// block-types`` every content block, both
from the declarations in this package (:func:`fieldguide.content.kinds.scheme_table`,
:func:`~fieldguide.content.kinds.blocks_table`), so the page cannot fall behind them.
"""

from __future__ import annotations

from fieldguide.content.blocks import BlockType
from fieldguide.content.kinds import blocks_table, scheme_table

BLOCKS = {
    "id-scheme": BlockType(lambda cat, b: (scheme_table() + "\n", []),
                           help="the table of permanent IDs, from each kind's declaration"),
    "block-types": BlockType(lambda cat, b: (blocks_table() + "\n", []),
                             help="this table of content blocks, from their declarations"),
}
