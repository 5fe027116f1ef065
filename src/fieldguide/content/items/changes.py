"""What changed in the last twelve months: dated lines, each with its sources (``CH-<id>``).

Every line lives on the "What changed" page with its permanent ID (``/// changes`` with
``all: true``). The box on the home page and in the executive guide (``/// changes``) shows
the lines dated within a year of the day of the build, newest first, so it ages by itself;
its lines link to the page and carry no IDs of their own, so a line leaving the box never
breaks a link.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import Field

from fieldguide.content.blocks import BlockType, Option, flag
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, cites, md
from fieldguide.content.schema import TODAY, Slug, SourceRef, Strict, Text
from fieldguide.content.text import attr, one_line
from fieldguide.economics.lookup import date_text

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

WINDOW_DAYS = 365


class Change(Strict):
    """One dated change a buyer should know about."""

    id: Slug
    date: dt.date
    text: Text = Field(description="One sentence, in the buyer's terms.")
    sources: list[SourceRef] = Field(min_length=1)
    note: str | None = Field(default=None, description="For editors, never printed: how firm the fact is.")


KINDS = (
    Kind(name="change", plural="changes", prefix="CH-", pattern=r"CH-[a-z0-9][a-z0-9-]*",
         example="CH-openai-tuning-closed-to-new", home="changes.md", label="What changed", place="/// changes",
         data="changes.yml", model=Change, order=85),
)


def recent(cat: Catalog, today: dt.date | None = None) -> list[Change]:
    """The lines dated within a year of ``today`` (the day of the build), newest first."""
    today = today or TODAY()
    since = today - dt.timedelta(days=WINDOW_DAYS)
    return sorted((c for c in cat.changes.values() if since <= c.date <= today), key=lambda c: c.date, reverse=True)


def _latest() -> Option:
    """How many of the newest lines the box shows: a whole number, 1 or more."""

    def read(text: str, cat: Catalog) -> int:
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"latest must be a whole number of lines, 1 or more, not {text!r}")
        return int(text)

    return Option(read, None, "a number of lines")


def changes(cat: Catalog, everything: bool = False, today: dt.date | None = None, latest: int | None = None) -> Rendered:
    today = today or TODAY()
    if everything:
        chosen = sorted(cat.changes.values(), key=lambda c: c.date, reverse=True)
        out = ['<ul class="fg-change-list" markdown>']
        for c in chosen:
            out.append(f'<li id="CH-{c.id}" data-fg-cite="{attr(date_text(c.date))}: {attr(one_line(c.text)[:80])}" '
                       f'markdown="span">**{date_text(c.date)}.** {md(one_line(c.text))}{cites(c.sources)}</li>')
        out.append("</ul>")
        return "\n".join(out), [f"CH-{c.id}" for c in chosen]
    chosen = recent(cat, today)[:latest]
    if not chosen:
        raise ValueError(f"no change is dated within a year of {date_text(today)}; add one to data/changes.yml")
    out = ['<div class="admonition info fg-changes" markdown>',
           f'<p class="admonition-title">What changed in the twelve months to {date_text(today)}'
           + (" (the latest)" if latest and len(recent(cat, today)) > latest else "") + "</p>", "",
           '<ul class="fg-change-list" markdown>']
    for c in chosen:
        out.append(f'<li markdown="span">[**{date_text(c.date)}.**](/changes.md#CH-{c.id}) {md(one_line(c.text))}'
                   f"{cites(c.sources)}</li>")
    out += ["</ul>", ""]
    if latest and len(recent(cat, today)) > latest:
        out += ['<p markdown="span">[Every change, dated and sourced](/changes.md)</p>', ""]
    out += ["</div>"]
    return "\n".join(out), []


BLOCKS = {
    "changes": BlockType(lambda cat, b: changes(cat, everything=b.options["all"], latest=b.options["latest"]),
                         options={"all": flag(), "latest": _latest()},
                         help="what changed in the last twelve months, newest first (`all: true`: every line, with IDs)"),
}
