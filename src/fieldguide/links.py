"""Links for deal notes, made at build time. Called by :mod:`fieldguide.mkdocs_hooks`.

* :func:`decorate` (each page): every anchor (permanent ID or heading) gets
  ``data-fg-url`` (its absolute address, from ``site_url``) and ``data-fg-cite`` (its
  title), which ``overrides/assets/copylink.js`` turns into copy-link and copy-citation
  buttons. An ID not yet printed next to its item gets its chip. Anchors the registry
  records as moved or retired from this page travel with it as a small JSON map that
  ``overrides/assets/landing.js`` follows.
* :func:`post_build` (once): checks the build against the registry of published anchors
  (``data/anchors.yml``) and stops it on a lost anchor; writes ``/go/<ID>/`` for every ID,
  a redirect at the old address of every moved page, and a search entry per ID so the
  site's search finds an item by its ID.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from fieldguide import anchors, render
from fieldguide.anchors import Registry, is_id, site_path, split_address

GUIDES = "/guides/"


class LinkError(Exception):
    """A page or the registry would break a published link; the message says how to fix it."""


@dataclass
class Item:
    id: str
    page: str  # site path, e.g. /phrases/
    title: str
    text: str
    heading: bool


@dataclass
class State:
    registry: Registry
    registry_file: str
    site_url: str
    site_name: str
    pages: dict[str, list[str]] = field(default_factory=dict)  # site path -> anchors, in page order
    items: list[Item] = field(default_factory=list)


def start(project: Path, site_url: str | None, site_name: str) -> State:
    if not site_url:
        raise LinkError("mkdocs.yml: site_url is empty; copy-link and short links need the address the site is published at")
    path = project / anchors.REGISTRY
    registry = anchors.load_registry(path)
    return State(registry, str(anchors.REGISTRY), site_url if site_url.endswith("/") else site_url + "/", site_name)


def relative(from_page: str, address: str) -> str:
    """A link from one site path to an address, relative so it works under any sub-path."""
    page, anchor = split_address(address)
    rel = "" if page == from_page else posixpath.relpath(page, from_page) + "/"
    rel += f"#{anchor}" if anchor else ""
    return rel or "./"


def decorate(state: State, content: str, page_url: str, file: str) -> str:
    """Add copy-link data, missing ID chips and this page's moved-anchor map to a page's HTML."""
    page = site_path(page_url)
    found, chips = anchors.scan(content)
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
                edits.append((at, " " + render.item_id(a.id)))
            state.items.append(Item(a.id, page, title, a.plain_text(), a.heading))
    if page not in anchors.UNREGISTERED_PAGES:
        state.pages[page] = [a.id for a in found]
    for at, text in sorted(edits, key=lambda e: e[0], reverse=True):
        content = content[:at] + text + content[at:]
    moved = moved_map(state, page)
    if moved:
        content += f'\n<script type="application/json" id="fg-moved">{_json(moved)}</script>\n'
    return content


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def moved_map(state: State, page: str, default_page: str | None = None) -> dict[str, dict[str, str]]:
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


def _nearest_address(state: State, nearest: str) -> str:
    if nearest.startswith("/"):
        return nearest
    home = homes(state).get(nearest)
    return f"{home}#{nearest}" if home else "/"


def homes(state: State) -> dict[str, str]:
    """Each ID's home page: outside the field guides first, then the page that holds most IDs of its kind."""
    pages_of: dict[str, list[str]] = {}
    for item in state.items:
        pages_of.setdefault(item.id, [])
        if item.page not in pages_of[item.id]:
            pages_of[item.id].append(item.page)

    def kind(i: str) -> str:
        return i.split("-")[0] if "-" in i else re.sub(r"\d+$", "", i)

    counts: dict[tuple[str, str], int] = {}
    for item in state.items:
        counts[(item.page, kind(item.id))] = counts.get((item.page, kind(item.id)), 0) + 1
    return {
        i: sorted(pages, key=lambda p: (p.startswith(GUIDES), -counts[(p, kind(i))], p))[0]
        for i, pages in pages_of.items()
    }


# --- after the build ------------------------------------------------------------------


def post_build(state: State, site_dir: Path) -> dict[str, int]:
    problems = anchors.check(state.registry, state.pages, state.registry_file)
    if problems:
        raise LinkError(
            f"{len(problems)} published link(s) would break. Deal notes link to these addresses; each must keep "
            "resolving.\n\n" + "\n\n".join(problems)
        )
    home = homes(state)
    written = 0
    for ident, page in sorted(home.items()):
        title = next(it.title for it in state.items if it.id == ident and it.page == page)
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
        if entry.moved_to and page not in state.pages:
            _write(site_dir, page, _moved_page(state, page, entry.moved_to))
            redirects += 1
    _index_ids(state, site_dir, home)
    return {"go": written, "redirects": redirects}


def post_build_offline(state: State, site_dir: Path) -> None:
    """The offline copy: only make each ID findable in its search (no short links, no anchor check)."""
    _index_ids(state, site_dir, homes(state))


def _registered_ids(state: State) -> dict[str, tuple[str, str, anchors.PageEntry]]:
    out = {}
    for page, entry in state.registry.pages.items():
        for anchor in entry.anchors:
            if is_id(anchor) and (anchor in entry.retired or anchor in entry.moved):
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


def _shell(state: State, title: str, head: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="fg-generated" content="link">\n<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(title)} · {html.escape(state.site_name)}</title>\n<style>{_STYLE}</style>\n{head}</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _redirect_page(state: State, from_path: str, address: str, label: str) -> str:
    rel = relative(from_path, address)
    absolute = state.site_url + address.lstrip("/")
    head = (
        f'<meta http-equiv="refresh" content="0; url={html.escape(rel)}">\n'
        f'<link rel="canonical" href="{html.escape(absolute)}">\n'
        f"<script>location.replace({_json(rel)});</script>\n"
    )
    body = f'<p>This link leads to <a href="{html.escape(rel)}">{html.escape(label)}</a>.</p>'
    return _shell(state, label, head, body)


def _retired_page(state: State, ident: str, retired: anchors.Retired) -> str:
    nearest = relative(f"/go/{ident}/", _nearest_address(state, retired.nearest))
    body = (
        f'<h1>{html.escape(ident)} was retired</h1>\n'
        f"<p>{html.escape(state.site_name)} no longer carries {html.escape(ident)}: {html.escape(retired.reason)}</p>\n"
        f'<p>The nearest item is <a href="{html.escape(nearest)}">{html.escape(retired.nearest)}</a>.</p>\n'
        f'<p><a href="{html.escape(relative(f"/go/{ident}/", "/"))}">{html.escape(state.site_name)} home</a></p>'
    )
    return _shell(state, f"{ident} was retired", "", body)


def _moved_page(state: State, page: str, moved_to: str) -> str:
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


def _index_ids(state: State, site_dir: Path, home: dict[str, str]) -> None:
    """Make each ID findable in the site's search: in the title of its entry, or a new entry."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.exists():
        raise LinkError(f"{index_file} is missing: the search plugin must stay enabled, and listed before the hooks")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs: list[dict] = index["docs"]
    by_location = {d["location"]: d for d in docs}
    extra: dict[str, list[dict]] = {}
    for item in state.items:
        if home.get(item.id) != item.page:
            continue
        location = f"{item.page.lstrip('/')}#{item.id}"
        title = f"{item.id} · {html.escape(item.title)}"
        # The ID goes in the entry's tags too: Material weighs tags far above titles, so
        # the item comes first even when its ID shares a common word (TR-knowledge).
        if location in by_location:
            by_location[location]["title"] = title  # the ID first, as sellers quote it
            by_location[location]["tags"] = [item.id]
        else:
            text = " ".join(re.sub(rf"(?<![\w-]){re.escape(item.id)}(?![\w-])", " ", item.text).split())
            text = text if text.startswith(item.title) else f"{item.title}. {text}"
            extra.setdefault(item.page.lstrip("/"), []).append(
                {"location": location, "title": title, "text": html.escape(text[:400]), "tags": [item.id]}
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
