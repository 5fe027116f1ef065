"""Links for deal notes, made at build time: copy-link data, the record of anchors, short links.

* :func:`decorate` (each page, once, as it is rendered): every anchor (permanent ID or
  heading) gets ``data-fg-url`` (its absolute address, from ``site_url``) and
  ``data-fg-cite`` (its title), which ``overrides/assets/copylink.js`` turns into
  copy-link and copy-citation buttons; an ID not yet printed next to its item gets its
  chip; anchors the registry records as moved or retired from this page travel with it as
  a small JSON map that ``overrides/assets/landing.js`` follows. Every anchor found is
  added to the build's :class:`Record`, which everything after the render reads.
* :func:`post_build` (once): checks the record against the registry of published anchors
  (``data/anchors.yml``) and stops the build on a lost anchor; writes ``/go/<ID>/`` for
  every ID, a redirect at the old address of every moved page, and a search entry per ID
  so the site's search finds an item by its ID.

An ID's home, where its short link leads, is declared by its kind
(:func:`fieldguide.content.kinds.home_page`), so it never depends on which page happened
to be rendered first.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from fieldguide.content import kinds
from fieldguide.content.render import item_id
from fieldguide.links import registry as anchors
from fieldguide.links.registry import Registry, site_path, split_address
from fieldguide.links.scan import scan

GUIDES = "/guides/"


class LinkError(Exception):
    """A page or the registry would break a published link; the message says how to fix it."""


@dataclass
class Item:
    """One anchor a page published, as the render found it."""

    id: str
    page: str  # site path, e.g. /phrases/
    title: str
    text: str
    heading: bool


@dataclass
class Record:
    """What the build published, page by page, as each page was rendered: read by the registry
    check, the short links, the search index, the PDFs and ``make anchors``."""

    pages: dict[str, list[str]] = field(default_factory=dict)  # site path -> anchors, in page order
    items: list[Item] = field(default_factory=list)  # every permanent ID found, with its title
    titles: dict[str, str] = field(default_factory=dict)  # site path -> page title

    def ids_on(self, page: str) -> list[str]:
        return [a for a in self.pages.get(page, []) if kinds.is_id(a)]


@dataclass
class LinkState:
    """The links of one build: the registry, the site's address, the record so far."""

    registry: Registry
    registry_file: str
    site_url: str
    site_name: str
    home_paths: dict[str, str]  # docs path -> site path, for every page
    unregistered: frozenset[str] = frozenset({"/reference/"})
    record: Record = field(default_factory=Record)


def start(project: Path, registry_file: str, site_url: str | None, site_name: str, home_paths: dict[str, str],
          unregistered: frozenset[str] = frozenset({"/reference/"})) -> LinkState:
    if not site_url:
        raise LinkError("mkdocs.yml: site_url is empty; copy-link and short links need the address the site is published at")
    registry = anchors.load_registry(project / registry_file)
    return LinkState(registry, registry_file, site_url if site_url.endswith("/") else site_url + "/", site_name,
                     home_paths, unregistered)


def relative(from_page: str, address: str) -> str:
    """A link from one site path to an address, relative so it works under any sub-path."""
    page, anchor = split_address(address)
    rel = "" if page == from_page else posixpath.relpath(page, from_page) + "/"
    rel += f"#{anchor}" if anchor else ""
    return rel or "./"


def decorate(state: LinkState, content: str, page_url: str, file: str) -> str:
    """Add copy-link data, missing ID chips and this page's moved-anchor map to a page's HTML;
    record every anchor it publishes."""
    page = site_path(page_url)
    found, chips = scan(content)
    edits: list[tuple[int, str]] = []
    for a in found:
        title = (a.cite or a.plain_title()).strip()
        if not title:
            raise LinkError(
                f"{file}: #{a.id} has no title to cite it by; give the <{a.tag}> a data-fg-cite attribute "
                "or text of its own"
            )
        url = f"{state.site_url}{page_url}#{a.id}"
        attrs = f' data-fg-url="{html.escape(url)}"'
        if a.cite is None:
            attrs += f' data-fg-cite="{html.escape(title)}"'
        edits.append((a.start_end - 1, attrs))
        if a.is_id:
            printed = a.id in chips or a.id in re.findall(r"[A-Za-z0-9-]+", a.plain_text())
            if not printed:
                if a.heading:
                    at = a.headerlink if a.headerlink >= 0 else a.end
                elif a.tag == "figure":
                    at = a.figcaption_end if a.figcaption_end >= 0 else a.end
                else:
                    at = a.start_end
                edits.append((at, " " + item_id(a.id)))
            state.record.items.append(Item(a.id, page, title, a.plain_text(), a.heading))
    if page not in state.unregistered:
        state.record.pages[page] = [a.id for a in found]
    for at, text in sorted(edits, key=lambda e: e[0], reverse=True):
        content = content[:at] + text + content[at:]
    moved = moved_map(state, page)
    if moved:
        content += f'\n<script type="application/json" id="fg-moved">{_json(moved)}</script>\n'
    return content


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def moved_map(state: LinkState, page: str, default_page: str | None = None) -> dict[str, dict[str, str]]:
    """Where each moved or retired anchor of ``page`` leads, as links relative to ``page``."""
    entry = state.registry.pages.get(page)
    if entry is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    for anchor, target in entry.moved.items():
        out[anchor] = {"to": relative(page, target)}
    for anchor, retired in entry.retired.items():
        out[anchor] = {"retired": retired.reason, "nearest": relative(page, _nearest_address(state, retired.nearest)),
                       "nearestLabel": retired.nearest}
    if default_page:
        for anchor in entry.anchors:
            out.setdefault(anchor, {"to": relative(page, f"{default_page}#{anchor}")})
    return out


def home_of(state: LinkState, ident: str) -> str | None:
    """The site path of an ID's home page, as its kind declares it."""
    docs_path = kinds.home_page(ident)
    return state.home_paths.get(docs_path) if docs_path else None


def _nearest_address(state: LinkState, nearest: str) -> str:
    if nearest.startswith("/"):
        return nearest
    home = home_of(state, nearest)
    return f"{home}#{nearest}" if home else "/"


def homes(state: LinkState) -> dict[str, str]:
    """Each recorded ID's home: the page its kind declares, when the ID is there; otherwise the
    first page outside the field guides that holds it, in the order of the site."""
    pages_of: dict[str, list[str]] = {}
    for it in state.record.items:
        pages_of.setdefault(it.id, [])
        if it.page not in pages_of[it.id]:
            pages_of[it.id].append(it.page)
    order = {path: i for i, path in enumerate(state.home_paths.values())}
    out = {}
    for ident, pages in pages_of.items():
        declared = home_of(state, ident)
        out[ident] = declared if declared in pages else sorted(
            pages, key=lambda p: (p.startswith(GUIDES), order.get(p, len(order)), p))[0]
    return out


# --- after the build ------------------------------------------------------------------


def check(state: LinkState) -> None:
    """Stop the build if a published anchor no longer resolves."""
    problems = anchors.check(state.registry, state.record.pages, state.registry_file)
    if problems:
        raise LinkError(
            f"{len(problems)} published link(s) would break. Deal notes link to these addresses; each must keep "
            "resolving.\n\n" + "\n\n".join(problems)
        )


def post_build(state: LinkState, site_dir: Path) -> dict[str, int]:
    check(state)
    home = homes(state)
    written = 0
    for ident, page in sorted(home.items()):
        title = next(it.title for it in state.record.items if it.id == ident and it.page == page)
        _write(site_dir, f"/go/{ident}/", _redirect_page(state, f"/go/{ident}/", f"{page}#{ident}", f"{ident} · {title}"))
        written += 1
    for ident, (page, anchor, entry) in sorted(_registered_ids(state).items()):
        if ident in home:
            continue
        if anchor in entry.retired:
            _write(site_dir, f"/go/{ident}/", _retired_page(state, ident, entry.retired[anchor]))
        elif anchor in entry.moved:
            _write(site_dir, f"/go/{ident}/", _redirect_page(state, f"/go/{ident}/", entry.moved[anchor], ident))
        written += 1
    redirects = 0
    for page, entry in state.registry.pages.items():
        if entry.moved_to and page not in state.record.pages:
            _write(site_dir, page, _moved_page(state, page, entry.moved_to))
            redirects += 1
    _index_ids(state, site_dir, home)
    return {"go": written, "redirects": redirects}


def post_build_offline(state: LinkState, site_dir: Path) -> None:
    """The offline copy: only make each ID findable in its search (no short links, no anchor check)."""
    _index_ids(state, site_dir, homes(state))


def _registered_ids(state: LinkState) -> dict[str, tuple[str, str, anchors.PageEntry]]:
    out = {}
    for page, entry in state.registry.pages.items():
        for anchor in entry.anchors:
            if kinds.is_id(anchor) and (anchor in entry.retired or anchor in entry.moved):
                out.setdefault(anchor, (page, anchor, entry))
    return out


def _write(site_dir: Path, path: str, text: str) -> None:
    target = site_dir / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


_STYLE = (
    "body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222;background:#fff}"
    "@media (prefers-color-scheme:dark){body{color:#ddd;background:#1e1f26}a{color:#9ab6ff}}"
)


def _shell(state: LinkState, title: str, head: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="fg-generated" content="link">\n<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(title)} · {html.escape(state.site_name)}</title>\n<style>{_STYLE}</style>\n{head}</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _redirect_page(state: LinkState, from_path: str, address: str, label: str) -> str:
    rel = relative(from_path, address)
    absolute = state.site_url + address.lstrip("/")
    head = (
        f'<meta http-equiv="refresh" content="0; url={html.escape(rel)}">\n'
        f'<link rel="canonical" href="{html.escape(absolute)}">\n'
        f"<script>location.replace({_json(rel)});</script>\n"
    )
    body = f'<p>This link leads to <a href="{html.escape(rel)}">{html.escape(label)}</a>.</p>'
    return _shell(state, label, head, body)


def _retired_page(state: LinkState, ident: str, retired: anchors.Retired) -> str:
    nearest = relative(f"/go/{ident}/", _nearest_address(state, retired.nearest))
    body = (
        f'<h1>{html.escape(ident)} was retired</h1>\n'
        f"<p>{html.escape(state.site_name)} no longer carries {html.escape(ident)}: {html.escape(retired.reason)}</p>\n"
        f'<p>The nearest item is <a href="{html.escape(nearest)}">{html.escape(retired.nearest)}</a>.</p>\n'
        f'<p><a href="{html.escape(relative(f"/go/{ident}/", "/"))}">{html.escape(state.site_name)} home</a></p>'
    )
    return _shell(state, f"{ident} was retired", "", body)


def _moved_page(state: LinkState, page: str, moved_to: str) -> str:
    rel = relative(page, moved_to)
    table = {k: v.get("to") or v["nearest"] for k, v in moved_map(state, page, default_page=moved_to).items()}
    head = (
        f'<noscript><meta http-equiv="refresh" content="0; url={html.escape(rel)}"></noscript>\n'
        f'<link rel="canonical" href="{html.escape(state.site_url + moved_to.lstrip("/"))}">\n'
        "<script>(function(){var map=" + _json(table) + ";var h=decodeURIComponent(location.hash.slice(1));"
        f"location.replace(map[h]||({_json(rel)}+location.hash));}})();</script>\n"
    )
    body = f'<p>This page has moved to <a href="{html.escape(rel)}">{html.escape(moved_to)}</a>.</p>'
    return _shell(state, "Moved", head, body)


NUMBERED = re.compile(r"[A-Z]+-?\d+")
"""An ID that is a prefix and a number: ``FL-012``, ``BS-004``, ``G3``."""


def _index_ids(state: LinkState, site_dir: Path, home: dict[str, str]) -> None:
    """Make each ID findable in the site's search: in the title of its entry, or a new entry."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.exists():
        raise LinkError(f"{index_file} is missing: the search plugin must stay enabled, and listed before fieldguide")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: list[dict] = index["docs"]
    by_location = {d["location"]: d for d in docs}
    extra: dict[str, list[dict]] = {}
    for it in state.record.items:
        if home.get(it.id) != it.page:
            continue
        location = f"{it.page.lstrip('/')}#{it.id}"
        title = f"{it.id} · {html.escape(it.title)}"
        # A numbered ID (FL-012, BS-004, G3) goes in the entry's tags too: Material weighs tags
        # far above titles, so the item comes first for its number. An ID made of words
        # (SRC-openai-..., TR-upfront-cost) does not: every query word that begins one of
        # those words ("open", "up", "data") would rank that entry above the content it is
        # about, since Material searches each word as a prefix. Its title, which starts with
        # the ID, finds it.
        tags = {"tags": [it.id]} if NUMBERED.fullmatch(it.id) else {}
        if location in by_location:
            by_location[location]["title"] = title  # the ID first, as sellers quote it
            by_location[location].update(tags)
        else:
            text = " ".join(re.sub(rf"(?<![\w-]){re.escape(it.id)}(?![\w-])", " ", it.text).split())
            text = text if text.startswith(it.title) else f"{it.title}. {text}"
            extra.setdefault(it.page.lstrip("/"), []).append(
                {"location": location, "title": title, "text": html.escape(text[:400]), **tags}
            )
    out: list[dict] = []
    for i, doc in enumerate(docs):
        out.append(doc)
        page = doc["location"].split("#")[0]
        following = docs[i + 1]["location"].split("#")[0] if i + 1 < len(docs) else None
        if following != page and page in extra:
            out.extend(extra.pop(page))  # after the page's own entries: Material needs the page first
    index["docs"] = out
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
