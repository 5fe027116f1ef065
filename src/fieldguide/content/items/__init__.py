"""The kinds of item, one module each: the model of an item, its kind, its blocks, its renderers.

Every module here that declares ``KINDS`` or ``BLOCKS`` is found by
:mod:`fieldguide.content.kinds`; nothing else lists them.
"""
