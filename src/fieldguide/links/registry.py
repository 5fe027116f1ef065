"""Published anchors: every address the site has published, and what became of it.

A seller pastes ``https://…/phrases/#FL-012`` into a deal note that lives for years. This
module keeps such links working:

* The build records the anchors of every page as it renders it
  (:mod:`fieldguide.links.scan`): every permanent ID (the scheme in
  :mod:`fieldguide.content.kinds`) and every heading.
* ``data/anchors.yml`` (the *registry*, :class:`Registry`) lists, page by page, every
  anchor ever published. An anchor that disappears must be recorded as moved
  (``moved: {ANCHOR: /page/#anchor}``) or retired (``retired: {ANCHOR: {reason, nearest}}``),
  and a page that moves as ``moved_to: /new/page/``. :func:`check` compares the registry with
  a build and explains each lost anchor; the build stops on any.
* ``make anchors`` builds the site and adds the anchors the build recorded that the registry
  does not list yet (:func:`register`). It never removes one.

Addresses are written from the site root: ``/`` is the home page, ``/phrases/#FL-012`` an
anchor on the field-language page.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fieldguide.content.kinds import is_id
from fieldguide.content.yamlfile import DataFileError, load_yaml

#: Pages whose anchors are not registered: the API reference follows the code, not the guide.
UNREGISTERED_PAGES = frozenset({"/reference/"})
REGISTRY = Path("data") / "anchors.yml"
HEADER = """\
# Published anchors: every address this site has published, page by page.
# Generated: `make anchors` adds the anchors of a fresh build and never removes one.
# Edit by hand only to say what became of an anchor that no longer resolves:
#   moved:    {ANCHOR: /page/#anchor}                    it lives elsewhere now
#   retired:  {ANCHOR: {reason: why, nearest: ID}}       it is gone on purpose
#   moved_to: /new/page/                                 (on a page) the whole page moved
# README.md, "Permanent IDs and links", explains when to use which.
"""


def site_path(page_url: str) -> str:
    """MkDocs' page URL (``phrases/``, ``""`` for home) as a path from the site root."""
    return "/" + page_url.lstrip("/")


# --- the registry -----------------------------------------------------------------

ADDRESS = re.compile(r"^/(?:[a-z0-9._-]+/)*(?:#[A-Za-z0-9_.:-]+)?$")


class Retired(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=3)
    nearest: str = Field(min_length=1, description="an ID, or an address /page/#anchor")


class PageEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    anchors: list[str] = Field(default_factory=list)
    moved: dict[str, str] = Field(default_factory=dict)
    retired: dict[str, Retired] = Field(default_factory=dict)
    moved_to: str | None = None

    @field_validator("moved")
    @classmethod
    def _targets_are_addresses(cls, value: dict[str, str]) -> dict[str, str]:
        for anchor, target in value.items():
            if not ADDRESS.match(target):
                raise ValueError(f"{anchor}: {target!r} is not an address like /page/#anchor")
        return value

    @field_validator("moved_to")
    @classmethod
    def _page_address(cls, value: str | None) -> str | None:
        if value is not None and (not ADDRESS.match(value) or "#" in value):
            raise ValueError(f"{value!r} is not a page address like /new/page/")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PageEntry:
        seen: set[str] = set()
        for anchor in self.anchors:
            if anchor in seen:
                raise ValueError(f"anchor {anchor!r} is listed twice")
            seen.add(anchor)
        for kind, keys in (("moved", self.moved), ("retired", self.retired)):
            for anchor in keys:
                if anchor not in seen:
                    raise ValueError(f"{kind}: {anchor!r} is not among this page's anchors; only a published anchor can be {kind}")
        both = set(self.moved) & set(self.retired)
        if both:
            raise ValueError(f"{', '.join(sorted(both))}: an anchor is either moved or retired, not both")
        return self


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pages: dict[str, PageEntry] = Field(default_factory=dict)

    @field_validator("pages")
    @classmethod
    def _page_keys(cls, value: dict[str, PageEntry]) -> dict[str, PageEntry]:
        for page in value:
            if not ADDRESS.match(page) or "#" in page:
                raise ValueError(f"{page!r} is not a page address like /phrases/ (or / for the home page)")
        return value

    def ids(self) -> set[str]:
        return {a for entry in self.pages.values() for a in entry.anchors if is_id(a)}


def load_registry(path: Path) -> Registry:
    """Read and validate the registry; errors name the file, the line and the field."""
    if not path.exists():
        return Registry()
    loaded = load_yaml(path)
    try:
        return Registry.model_validate(loaded.data or {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc)
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{path}:{loaded.line_of(loc)}: {where}: {msg}")
        raise DataFileError("\n".join(problems)) from exc


def dump_registry(registry: Registry) -> str:
    body = {"pages": {}}
    for page in sorted(registry.pages):
        entry = registry.pages[page]
        out: dict[str, object] = {}
        if entry.moved_to:
            out["moved_to"] = entry.moved_to
        out["anchors"] = list(entry.anchors)
        if entry.moved:
            out["moved"] = dict(entry.moved)
        if entry.retired:
            out["retired"] = {k: v.model_dump() for k, v in entry.retired.items()}
        body["pages"][page] = out
    return HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def register(registry: Registry, found: dict[str, list[str]]) -> tuple[Registry, list[str]]:
    """Add every anchor in ``found`` that the registry lacks; return the new registry and what was added."""
    pages = {page: entry.model_copy(deep=True) for page, entry in registry.pages.items()}
    added: list[str] = []
    for page in sorted(found):
        entry = pages.setdefault(page, PageEntry())
        for anchor in found[page]:
            if anchor not in entry.anchors:
                entry.anchors.append(anchor)
                added.append(f"{page}#{anchor}")
    return Registry(pages=pages), added


# --- checking a build against the registry ----------------------------------------


def split_address(address: str) -> tuple[str, str | None]:
    page, _, anchor = address.partition("#")
    return page, anchor or None


def resolves(address: str, found: dict[str, list[str]]) -> bool:
    page, anchor = split_address(address)
    return page in found and (anchor is None or anchor in found[page])


def where_now(anchor: str, found: dict[str, list[str]]) -> list[str]:
    return [f"{page}#{anchor}" for page, anchors in found.items() if anchor in anchors]


def check(registry: Registry, found: dict[str, list[str]], registry_file: str = str(REGISTRY)) -> list[str]:
    """Every registered anchor that no longer resolves, each with how to fix it."""
    problems: list[str] = []
    all_ids = {a for anchors in found.values() for a in anchors if is_id(a)}
    fix = (
        f"Restore it, or say in {registry_file} what became of it, under the page {{page}}:\n"
        "      moved: {{{anchor}: {suggest}}}\n"
        "  or  retired: {{{anchor}: {{reason: <why>, nearest: <ID>}}}}\n"
        "then run `make anchors`."
    )
    for page, entry in registry.pages.items():
        if page in UNREGISTERED_PAGES:
            continue
        if entry.moved_to:
            if page in found:
                problems.append(
                    f"{registry_file}: page {page} is recorded as moved_to {entry.moved_to}, but the site still has "
                    f"a page at {page}; remove `moved_to` or the page"
                )
                continue
            if entry.moved_to not in found:
                problems.append(f"{registry_file}: page {page} moved_to {entry.moved_to}, which the site does not have")
                continue
        elif page not in found:
            sample = ", ".join(entry.anchors[:4]) + (" …" if len(entry.anchors) > 4 else "")
            problems.append(
                f"page {page} is gone, and with it {len(entry.anchors)} published anchor(s) ({sample}). "
                f"Restore the page, or record in {registry_file} where it went: under `{page}` add "
                "`moved_to: /new/page/` (anchors that moved elsewhere go under `moved:`), then run `make anchors`."
            )
            continue
        here = entry.moved_to or page
        for anchor in entry.anchors:
            kind = "ID" if is_id(anchor) else "heading anchor"
            if anchor in entry.retired:
                nearest = entry.retired[anchor].nearest
                if not (nearest in all_ids or (nearest.startswith("/") and resolves(nearest, found))):
                    problems.append(
                        f"{registry_file}: {page}#{anchor} is retired with nearest {nearest!r}, which the site does not "
                        "publish; name an ID or an address /page/#anchor that exists"
                    )
                continue
            if anchor in entry.moved:
                target = entry.moved[anchor]
                if not resolves(target, found):
                    problems.append(
                        f"{registry_file}: {page}#{anchor} is recorded as moved to {target}, which does not resolve; "
                        "point it at an anchor the site publishes"
                    )
                continue
            if anchor in found.get(here, []):
                continue
            elsewhere = where_now(anchor, found)
            if elsewhere:
                detail = f"it is now only at {', '.join(elsewhere)}."
                suggest = elsewhere[0]
            else:
                new = [a for a in found.get(here, []) if a not in entry.anchors]
                detail = "it was renamed or removed." + (
                    f" Anchors new on {here} since it was published: {', '.join(new[:6])}." if new else ""
                )
                suggest = f"{here}#{new[0]}" if new else "/page/#anchor"
            problems.append(
                f"lost {kind} {anchor}: published at {page}#{anchor}, it no longer resolves; {detail}\n  "
                + fix.format(page=page, anchor=anchor, suggest=suggest)
            )
    return problems


def unregistered(registry: Registry, found: dict[str, list[str]]) -> list[str]:
    """Anchors the build publishes that the registry does not list yet."""
    missing = []
    for page, anchors in found.items():
        known = set(registry.pages[page].anchors) if page in registry.pages else set()
        missing += [f"{page}#{a}" for a in anchors if a not in known]
    return missing
