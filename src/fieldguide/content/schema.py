"""Types every data file shares, and references checked through the schema.

Each data file is a YAML mapping with one top-level list (``sources:``, ``cards:`` ...);
the model of each kind of item lives with the kind (:mod:`fieldguide.content.items`).
Models are strict: unknown fields are errors, so a typo in a field name cannot silently
drop content. Text fields hold Markdown (inline formatting, links written relative to
``docs/`` as ``/cards/rag.md``, citations written ``[@source-id]``); raw HTML in them is
escaped when rendered.

A field that names another item is typed with :func:`ref`: the loader validates every
file with the ids of every kind in the validation context, so an unknown id fails with
the field's path (and so its file and line), however the item is written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationInfo

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
"""An inline citation in Markdown text: ``[@gekhman-2024]``."""

#: The day the build runs; a ``checked`` date after it is a typo.
TODAY = dt.date.today


def _not_future(value: dt.date) -> dt.date:
    if value > TODAY():
        raise ValueError(f"date {value.isoformat()} is in the future; use the day you checked it")
    return value


CheckedDate = Annotated[dt.date, AfterValidator(_not_future)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def refers(plural: str, what: str):
    """A validator: the value must be the id of an item of kind ``plural`` ("cards", "sources").

    The ids come from the validation context (``{"ids": {"cards": {...}, ...}}``), which the
    loader supplies; without a context (a model built in code) the reference is not checked.
    """

    def check(value: str, info: ValidationInfo) -> str:
        ids = (info.context or {}).get("ids", {}).get(plural)
        if ids is not None and value not in ids:
            raise ValueError(f"unknown {what} {value!r}; known: {', '.join(sorted(ids)) or 'none'}")
        return value

    return AfterValidator(check)


def ref(plural: str, what: str):
    """A slug that names an item of another kind: ``ref("cards", "card")``."""
    return Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40), refers(plural, what)]


SourceRef = ref("sources", "source")
CardRef = ref("cards", "card")


def citations_in(text: str) -> list[str]:
    """Return the source ids cited inline (``[@id]``) in a Markdown string."""
    return CITATION.findall(text)
