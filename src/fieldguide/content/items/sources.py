"""Sources: the bibliography every fact on the site cites (``SRC-<id>``)."""

from __future__ import annotations

from collections import defaultdict
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import Field, HttpUrl

from fieldguide.content.blocks import BlockType
from fieldguide.content.kinds import Kind
from fieldguide.content.render import Rendered, item_id, md
from fieldguide.content.schema import CheckedDate, Slug, Strict, Text
from fieldguide.content.text import attr, one_line, plain

if TYPE_CHECKING:
    from fieldguide.content.data import Catalog


class SourceKind(str, Enum):
    paper = "paper"
    vendor = "vendor"
    government = "government"
    report = "report"
    press = "press"
    project = "project"


class Source(Strict):
    """One entry of the bibliography. Everything the site states as a fact cites one."""

    id: Slug
    title: Text
    by: Text = Field(description="Authors or publishing organization.")
    year: int = Field(ge=1990, le=2100)
    url: HttpUrl
    checked: CheckedDate = Field(description="The day the URL and the claim were last checked.")
    kind: SourceKind
    note: str | None = Field(default=None, description="What the site uses it for, or a caveat.")


KINDS = (
    Kind(name="source", plural="sources", prefix="SRC-", pattern=r"SRC-[a-z0-9][a-z0-9-]*", example="SRC-gekhman-2024",
         home="sources.md", label="Source", place="/// bibliography", data="sources.yml", model=Source,
         order=90, cites=False),
)

KIND_TITLES = {
    "paper": "Research papers",
    "report": "Reports",
    "government": "Government documents",
    "vendor": "Vendor documentation and announcements",
    "project": "Projects and references",
    "press": "Press",
}


def source_entry(s: Source) -> str:
    note = f' <span class="fg-source-note">{md(one_line(s.note))}</span>' if s.note else ""
    return (
        f'<li id="SRC-{s.id}" data-fg-cite="{attr(plain(s.title))}" markdown="span">{md(one_line(s.by))} ({s.year}). '
        f"*[{md(one_line(s.title))}]({s.url})*.{note} "
        f'<span class="fg-checked">Checked {s.checked.isoformat()}.</span> {item_id("SRC-" + s.id)}</li>'
    )


def bibliography(cat: Catalog, block=None) -> Rendered:
    grouped: dict[str, list[Source]] = defaultdict(list)
    for s in cat.sources.values():
        grouped[s.kind.value].append(s)
    out, ids = [], []
    for kind, title in KIND_TITLES.items():
        if not grouped.get(kind):
            continue
        out += [f"## {title} {{#sources-{kind}}}", "", '<ul class="fg-bib" markdown>']
        for s in sorted(grouped[kind], key=lambda s: (s.by, s.year)):
            out.append(source_entry(s))
            ids.append(f"SRC-{s.id}")
        out += ["</ul>", ""]
    return "\n".join(out), ids


BLOCKS = {"bibliography": BlockType(bibliography, help="the full list of sources")}
