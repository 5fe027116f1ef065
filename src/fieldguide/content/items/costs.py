"""Cost tables and the pieces of the economics page (``CT-<table>``): the pages own these IDs.

A cost table is a build-time snippet under a heading the page names: ``## ... {#CT-four-ways}``.
The blocks here place the calculator and the notice of models retiring soon.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldguide.content.blocks import BlockType
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, cites, md
from fieldguide.economics import calculator
from fieldguide import economics

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog

KINDS = (
    Kind(name="cost table", plural="cost-tables", prefix="CT-", pattern=r"CT-[A-Za-z0-9][A-Za-z0-9-]*",
         example="CT-four-ways", home="economics.md", label="Cost table", place="## Heading {#CT-four-ways}",
         owner="page", order=80),
)


def retiring(cat: Catalog) -> Rendered:
    """A warning naming every model that shuts down within 90 days of the build, and every
    tuning route that is closing, each with its date and source."""
    soon = economics.retiring_soon(cat.prices)
    closing = [r for r in cat.prices.routes if r.status == "legacy"]
    if not (soon or closing):
        return "", []
    out = ['<div class="admonition warning fg-retiring" markdown>',
           f'<p class="admonition-title">Retiring within {economics.RETIRING_SOON_DAYS} days of this build</p>', ""]
    for m in soon:
        replacement = f"; the vendor names {md(m.replacement)} in its place" if m.replacement else ""
        out.append(f"- **{md(m.name)}** shuts down on {economics.date_text(m.shutdown)}{replacement} [@{m.shutdown_source}].")
    for r in closing:
        tail = f" No new training jobs after {economics.date_text(r.last_training)}." if r.last_training else ""
        out.append(f"- **{md(r.name)}** is closing: its tuned models stop answering on "
                   f"{economics.date_text(r.serves_until)}.{tail} {cites(r.sources[:1])}")
    out += ["", "Tables name these models with their shutdown dates and never offer a model that has shut down.", "", "</div>"]
    return "\n".join(out), []


BLOCKS = {
    "calculator": BlockType(lambda cat, b: calculator.render(cat.prices),
                            help="the cost calculator: prompted, the small model prompted, and tuned"),
    "retiring": BlockType(lambda cat, b: retiring(cat), help="a warning naming models and routes retiring soon"),
}
