"""The build's record, written beside the site for the steps that run after the site build.

The plugin records, as it renders each page, the anchors the page publishes
(:class:`fieldguide.links.pages.Record`). The PDFs and ``make anchors`` run after the
site build, in another process, and read that record here instead of finding the anchors
again in the HTML: one JSON file, :data:`NAME`, at the root of the built site, which
``python -m fieldguide.build`` reads and then removes before the site is published.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

NAME = ".fieldguide-record.json"


@dataclass
class PageRecord:
    src: str  # the page under docs/
    url: str  # its URL from the site root ("" for the home page)
    dest: str  # its file under the site folder
    ids: list[str] = field(default_factory=list)  # the permanent IDs it published, in page order


@dataclass
class Manifest:
    site_url: str
    site_name: str
    prices_as_of: str  # ISO date
    pages: list[PageRecord]  # every page in the nav, in order
    anchors: dict[str, list[str]]  # site path -> every anchor it published, for the registry
    guides: list[dict]  # the plugin's `guides:`, as Guide fields
    complete_leaves_out: list[str]

    def write(self, site_dir: Path) -> None:
        (site_dir / NAME).write_text(json.dumps(asdict(self), indent=1, sort_keys=True), encoding="utf-8")

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.prices_as_of)


def read(site_dir: Path) -> Manifest:
    """The record the plugin wrote at the root of ``site_dir``."""
    path = site_dir / NAME
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: the fieldguide plugin writes it when it builds the site")
    return read_file(path)


def read_file(path: Path) -> Manifest:
    """A record kept elsewhere (``python -m fieldguide.build --record FILE``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pages"] = [PageRecord(**p) for p in data["pages"]]
    return Manifest(**data)


def remove(site_dir: Path) -> None:
    (site_dir / NAME).unlink(missing_ok=True)
