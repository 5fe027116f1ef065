"""Published anchors: every address the site has published, and what became of it.

A seller pastes ``https://…/phrases/#FL-012`` into a deal note that lives for years. This
module keeps such links working:

* :func:`scan` finds the anchors on a rendered page: every permanent ID (the scheme in
  :mod:`fieldguide.render`, plus ``CT-<table>`` for cost tables) and every heading.
* ``data/anchors.yml`` (the *registry*, :class:`Registry`) lists, page by page, every
  anchor ever published. An anchor that disappears must be recorded as moved
  (``moved: {ANCHOR: /page/#anchor}``) or retired (``retired: {ANCHOR: {reason, nearest}}``),
  and a page that moves as ``moved_to: /new/page/``. :func:`check` compares the registry with
  a build and explains each lost anchor; the build stops on any.
* ``python -m fieldguide.anchors register`` (``make anchors``) builds the site and adds the
  anchors it publishes that the registry does not list yet. It never removes one.

Addresses are written from the site root: ``/`` is the home page, ``/phrases/#FL-012`` an
anchor on the field-language page.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fieldguide.markdown_text import HTML_TOKEN, VOID
from fieldguide.yamlfile import DataFileError, load_yaml

#: A permanent ID: CD-<card>[-<facet>], TR-, FL-, AN-, SC-, SRC-, CT-<table>, G<n>, decision-diagram.
ID_PATTERN = re.compile(r"(?:CD|TR|FL|AN|SC|SRC|CT)-[A-Za-z0-9][A-Za-z0-9-]*|G\d+|decision-diagram")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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


def is_id(anchor: str) -> bool:
    return ID_PATTERN.fullmatch(anchor) is not None


def site_path(page_url: str) -> str:
    """MkDocs' page URL (``phrases/``, ``""`` for home) as a path from the site root."""
    return "/" + page_url.lstrip("/")


# --- finding anchors in HTML ------------------------------------------------------


@dataclass
class Anchor:
    """One element with an ``id`` worth citing, found in a page's HTML."""

    id: str
    tag: str
    start: int  # offset of "<" of the start tag
    start_end: int  # offset just after its ">"
    end: int = -1  # offset of "<" of the end tag (-1: never closed)
    cite: str | None = None  # its data-fg-cite attribute
    text: list[str] = field(default_factory=list)  # all text inside
    title: list[str] = field(default_factory=list)  # text minus permalink, ID chips, citation marks
    headerlink: int = -1  # offset of "<" of its <a class="headerlink">, if a heading
    figcaption_end: int = -1  # offset of "</figcaption>", if a figure

    @property
    def heading(self) -> bool:
        return self.tag in HEADINGS

    @property
    def is_id(self) -> bool:
        return is_id(self.id)

    def plain_text(self) -> str:
        return " ".join("".join(self.text).split())

    def plain_title(self) -> str:
        title = " ".join("".join(self.title).split())
        return re.sub(rf"^{re.escape(self.id)}\s*·\s*", "", title)


#: A start tag that opens an anchor (a heading with an id, or a permanent ID) or an ID chip;
#: comments and raw text (script, style) are matched only to be stepped over.
_INTERESTING = re.compile(
    r"""(?P<skip><!--.*?-->|<(script|style)\b.*?</\2\s*>)"""
    r"""|<(?:h[1-6]\b[^>]*\sid\s*=|[a-zA-Z][^\s/>]*\b[^>]*\sid\s*=\s*["']?(?:(?:CD|TR|FL|AN|SC|SRC|CT)-|G\d|decision-diagram)"""
    r"""|[a-zA-Z][^\s/>]*\b[^>]*\sclass\s*=\s*["']?[^"'>]*\bfg-id\b)""",
    re.I | re.S,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attrs(text: str) -> dict[str, str]:
    if "=" not in text:
        return {}
    return {m.group(1).lower(): html_unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(text)}


class _Scanner:
    """Collects anchors with their offsets; leaves the HTML untouched."""

    def __init__(self) -> None:
        # One frame per open element: (tag, anchor it opened, its text is not title text, it is an ID chip)
        self.stack: list[tuple[str, Anchor | None, bool, bool]] = []
        self.open: list[Anchor] = []
        self.found: list[Anchor] = []
        self.chips: set[str] = set()
        self.chip_text: list[str] = []
        self.hidden = 0  # open frames whose text is not title text
        self.in_chip = 0  # open ID chips

    def feed(self, html: str) -> None:
        # Outside any element that matters, jump to the next start tag that opens an anchor
        # or an ID chip; tokenize from there until that element is closed again.
        pos, size = 0, len(html)
        while pos < size:
            jump = _INTERESTING.search(html, pos)
            if not jump:
                return
            if jump.group("skip"):
                pos = jump.end()
                continue
            for token in HTML_TOKEN.finditer(html, jump.start()):
                self._token(html, token)
                if not self.stack:
                    pos = token.end()
                    break
            else:
                return

    def _token(self, html: str, token: re.Match) -> None:
        kind = token.lastgroup
        if kind == "text":
            if self.open or self.in_chip:
                self.data(html_unescape(token.group("text")))
        elif kind == "end":
            self.end(token.group("end").lower(), token.start())
        elif kind == "attrs":
            tag = token.group("start").lower()
            self.start(tag, token.group("attrs"), token.start(), token.end())
            if token.group("attrs").rstrip().endswith("/") and tag not in VOID:
                self.end(tag, token.end())
        elif kind == "rawtext":
            tag = token.group("raw").lower()
            self.start(tag, token.group("rawattrs"), token.start(), token.start("rawtext"))
            if self.open or self.in_chip:
                self.data(token.group("rawtext"))
            self.end(tag, token.end("rawtext"))
        elif token.group(0) == "<" and (self.open or self.in_chip):
            self.data("<")

    def start(self, tag: str, attr_text: str, start: int, start_end: int) -> None:
        if tag in VOID:
            return
        a = _attrs(attr_text)
        classes = (a.get("class") or "").split()
        anchor = None
        ident = a.get("id")
        if ident and (tag in HEADINGS or is_id(ident)):
            anchor = Anchor(ident, tag, start, start_end, cite=a.get("data-fg-cite"))
            self.found.append(anchor)
            self.open.append(anchor)
        headerlink = tag == "a" and "headerlink" in classes
        if headerlink and self.open and self.open[-1].heading:
            self.open[-1].headerlink = start
        chip = "fg-id" in classes
        if chip:
            self.chip_text = []
            self.in_chip += 1
        hides = headerlink or chip or "fg-copy" in classes or "fg-cite" in classes
        self.hidden += hides
        self.stack.append((tag, anchor, hides, chip))

    def end(self, tag: str, here: int) -> None:
        if tag in VOID:
            return
        # Close up to the matching tag (tolerates an unclosed <p> and the like).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            name, anchor, hides, chip = self.stack.pop()
            self.hidden -= hides
            if chip:
                self.in_chip -= 1
                self.chips.add("".join(self.chip_text).strip())
            if name == "figcaption":
                for a in self.open:
                    if a.tag == "figure":
                        a.figcaption_end = here
            if anchor is not None:
                anchor.end = here
                self.open.remove(anchor)

    def data(self, data: str) -> None:
        for a in self.open:
            a.text.append(data)
            if not self.hidden:
                a.title.append(data)
        if self.in_chip:
            self.chip_text.append(data)


def scan(html: str) -> tuple[list[Anchor], set[str]]:
    """Anchors on a page (IDs and headings) and the set of IDs printed as chips."""
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.found, scanner.chips


def article(html: str) -> str:
    """The content of a built Material page (what the page's Markdown produced)."""
    start = html.find('<article class="md-content__inner md-typeset">')
    end = html.find("</article>", start)
    if start < 0 or end < 0:
        return ""
    return html[start:end]


def collect_built(site: Path) -> dict[str, list[str]]:
    """Anchors in a built site, page by page, read from the HTML files themselves."""
    found: dict[str, list[str]] = {}
    for html_file in sorted(site.rglob("index.html")):
        text = html_file.read_text(encoding="utf-8")
        if 'name="fg-generated"' in text:
            continue  # a short link or a redirect made by the build, not a page
        rel = html_file.parent.relative_to(site).as_posix()
        page = "/" if rel == "." else f"/{rel}/"
        if page in UNREGISTERED_PAGES:
            continue
        anchors, _ = scan(article(text))
        found[page] = [a.id for a in anchors]
    return found


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


# --- command line -------------------------------------------------------------------


def build_site(project: Path, site: Path) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(project / "mkdocs.yml"),
           "--site-dir", str(site)]
    done = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the site does not build, so nothing was registered:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldguide.anchors", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    reg = sub.add_parser("register", help="build the site and add the anchors it publishes to the registry")
    reg.add_argument("--project", type=Path, default=Path.cwd(), help="the folder holding mkdocs.yml (default: here)")
    reg.add_argument("--site", type=Path, help="read this already built site instead of building one")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    path = project / REGISTRY
    try:
        registry = load_registry(path)
    except DataFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.site:
        found = collect_built(args.site)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build_site(project, Path(tmp) / "site")
            found = collect_built(Path(tmp) / "site")
    updated, added = register(registry, found)
    path.write_text(dump_registry(updated), encoding="utf-8")
    total = sum(len(e.anchors) for e in updated.pages.values())
    print(f"{path.relative_to(project)}: {len(added)} new anchor(s) registered, {total} in all")
    for address in added[:40]:
        print(f"  + {address}")
    if len(added) > 40:
        print(f"  … and {len(added) - 40} more (see the diff of {REGISTRY})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
