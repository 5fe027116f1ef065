"""The ``fieldguide`` plugin: the build refuses broken content, says where it is, and links it.

Registered under the ``properdocs.plugins`` entry point (``pyproject.toml``) and listed
last under ``plugins:`` in ``mkdocs.yml``, where its options live (:class:`FieldGuideConfig`,
the PDF guides among them). Its state lives on the plugin and is made anew for each build.
What it does, in build order (each event names the module that does the work):

* ``on_config`` (after markdown-exec): load and cross-check ``data/``
  (:func:`fieldguide.content.data.load_catalog`), compute the figures, wrap markdown-exec's
  formatter (:class:`fieldguide.content.snippets.SnippetRunner`);
* ``on_files``: know every page's address, and start the record of published anchors
  (:mod:`fieldguide.links.pages`);
* ``on_page_markdown``: check the page (:mod:`fieldguide.content.checks`), put in its
  figures (:mod:`fieldguide.economics.figures`), expand its blocks
  (:mod:`fieldguide.content.blocks`), number its citations (:mod:`fieldguide.content.citations`);
* ``on_page_content``: stop on a snippet that raised or printed broken HTML, number the
  snippets' citations, refuse repeated ids, add copy-link data and record the page's
  anchors, link its PDFs (:mod:`fieldguide.outputs.guides`) and the offline copy;
* ``on_post_page``: slim the page (:mod:`fieldguide.outputs.slim`);
* ``on_post_build``: check the record against the published anchors, write the short
  links and redirects, index every ID for search.

Every failure raises :class:`PluginError`, which stops the build with or without
``--strict``.
"""

from __future__ import annotations

import re
from pathlib import Path

from properdocs.config import base
from properdocs.config import config_options as c
from properdocs.exceptions import PluginError
from properdocs.plugins import BasePlugin, event_priority

from fieldguide.content import blocks, checks, citations, data, pages, snippets
from fieldguide.content.yamlfile import DataFileError
from fieldguide import economics
from fieldguide.economics import figures
from fieldguide.links import manifest
from fieldguide.links import pages as links
from fieldguide.links.registry import site_path
from fieldguide.outputs import offline, slim, templates
from fieldguide.outputs.guides import Guide, guides_for, links_html


H1_END = re.compile(r"</h1>", re.IGNORECASE)


class GuideConfig(base.Config):
    """One printable guide in ``mkdocs.yml`` (see :class:`fieldguide.outputs.guides.Guide`)."""

    slug = c.Type(str)
    pages = c.ListOfItems(c.Type(str), default=[])
    home = c.Optional(c.Type(str))
    size = c.Choice(("Letter", "A4"), default="Letter")
    label = c.Type(str, default="PDF, US Letter")
    max_pages = c.Optional(c.Type(int))
    compact = c.Type(bool, default=False)
    handout = c.Type(bool, default=False)


class FieldGuideConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The data folder, beside ``mkdocs.yml``."""
    registry = c.Type(str, default="data/anchors.yml")
    """The registry of published anchors."""
    unregistered = c.ListOfItems(c.Type(str), default=["reference.md"])
    """Pages whose anchors follow the code, not the guide: never registered."""
    guides = c.ListOfItems(c.SubConfig(GuideConfig), default=[])
    """The printable field guides, one PDF each."""
    guides_index = c.Type(str, default="guides/index.md")
    """The page that links every PDF and the offline copy."""
    complete_leaves_out = c.ListOfItems(c.Type(str), default=["guides/"])
    """Pages (or folders, ending in /) the complete guide does not print."""
    offline = c.Type(bool, default=False)
    """Build the offline copy (``python -m fieldguide.build`` sets it for its second build)."""


class FieldGuidePlugin(BasePlugin[FieldGuideConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False

    def on_startup(self, *, command, dirty) -> None:
        # `make serve` rebuilds only the pages that changed (--dirty), so the anchor registry
        # cannot be checked against them, and the short links and search entries of the last
        # full build stay valid. `make site` and the tests never run dirty.
        self.serving = command == "serve"
        self.dirty = dirty

    @property
    def guides(self) -> tuple[Guide, ...]:
        return tuple(
            Guide(g.slug, tuple(g.pages), g.home or (g.pages[0] if g.pages else self.config.guides_index),
                  g.size, g.label, g.max_pages, g.compact, g.handout)
            for g in self.config.guides
        )

    @event_priority(-100)  # after markdown-exec has added its fences to the configuration
    def on_config(self, config):
        self.root = Path(config.config_file_path).parent
        try:
            self.catalog = data.catalog(self.root / self.config.data_dir)
            self.figures = figures.compute(self.catalog.prices)
        except DataFileError as exc:
            raise PluginError(f"{exc}\nThe data is invalid, so nothing was built.") from exc
        self.runner = snippets.SnippetRunner(self.root)
        self.runner.install(config.mdx_configs)
        bases = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
        self.snippet_bases = [bases] if isinstance(bases, str) else list(bases)
        self.containers = {ext.rsplit(".", 1)[1] for ext in config.markdown_extensions
                           if isinstance(ext, str) and ext.startswith("pymdownx.blocks.")} or blocks.CONTAINERS
        self.citations: dict[str, list[str]] = {}
        self.links: links.LinkState | None = None
        # mkdocstrings renders the API reference while pages are read, before on_env: give its
        # template environment the compiled-template cache now.
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is not None:
            mkdocstrings.handlers.get_handler("python").env.bytecode_cache = templates.bytecode_cache(self.root)
        if self.config.offline:
            offline.use_local_shim(config)
        return config

    def on_nav(self, nav, config, files):
        self.nav_pages = [(p.file.src_uri, p.url if p.url != "./" else "", p.file.dest_uri) for p in nav.pages]
        return nav

    def on_files(self, files, config):
        pages = {f.src_uri: site_path(f.url) for f in files.documentation_pages()}
        for guide in self.guides:
            for page in guide.pages:
                if page not in pages:
                    raise PluginError(f"mkdocs.yml: the guide {guide.slug!r} prints {page}, which is not a page of the "
                                      "site; fix the path under the fieldguide plugin's `guides:`")
        unregistered = frozenset(pages[p] for p in self.config.unregistered if p in pages)
        try:
            self.links = links.start(self.root, self.config.registry, config.site_url, config.site_name, pages,
                                     unregistered)
        except (DataFileError, links.LinkError) as exc:
            raise PluginError(f"published anchors: {exc}") from exc
        return files

    # --- each page --------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page, config, files):
        context = pages.Context(self.catalog, self.figures, self.root, tuple(self.snippet_bases),
                                frozenset(self.containers))
        try:
            numbered, order = pages.prepare(markdown, f"docs/{page.file.src_uri}", page.file.content_string, context)
        except (checks.PageError, blocks.BlockError) as exc:
            raise PluginError(str(exc)) from exc
        self.runner.clear()
        self.citations[page.file.src_uri] = order
        return numbered

    def on_page_content(self, html: str, page, config, files):
        file = f"docs/{page.file.src_uri}"
        self._stop_on_snippet_problems(page, file)
        try:
            html = citations.number_in_html(html, file, self.citations.get(page.file.src_uri, []), self.catalog.sources)
            checks.duplicate_ids(html, file, page.file.content_string)
            html = links.decorate(self.links, html, page.url, file)
        except (citations.CitationError, checks.PageError, links.LinkError) as exc:
            raise PluginError(str(exc)) from exc
        html = self._link_guides(html, page, files)
        if page.file.src_uri == self.config.guides_index:
            html += offline.NOTICE if self.config.offline else offline.download_html(page.url)
        return slim.exclude_api_source_from_search(html)

    def _stop_on_snippet_problems(self, page, file: str) -> None:
        runner = self.runner
        if runner.failures:
            details = "\n".join(record.getMessage() for record in runner.failures)
            first = details.strip().splitlines()[0] if details.strip() else "a build-time snippet failed"
            block = snippets.EXEC_ID.search(first)
            runner.clear()
            raise PluginError(
                f"{file}{self._fence_line(page, block.group(1) if block else '')}: {first.removeprefix('markdown_exec: ')}\n"
                f"Fix the snippet (run it with `python snippets/...py` to see the error) and build again.\n\n{details}"
            )
        if runner.bad_output:
            block_id, problems = runner.bad_output[0]
            runner.clear()
            raise PluginError(
                f"{file}{self._fence_line(page, block_id)}: the build-time block '{block_id or '(no id)'}' printed broken "
                f"HTML or Markdown: {problems[0]}\nFix what the snippet prints (run it with `python snippets/...py` to see "
                "its output) and build again." + "".join(f"\n  also {p}" for p in problems[1:4])
            )

    @staticmethod
    def _fence_line(page, block_id: str) -> str:
        """``:N`` for the line of the page's source that opens the executed block ``block_id``."""
        if block_id:
            for number, line in enumerate(page.file.content_string.splitlines(), 1):
                if f'id="{block_id}"' in line:
                    return f":{number}"
        return ""

    def _link_guides(self, html: str, page, files) -> str:
        """Each guide's page links its PDF; the guides index links them all, under their titles."""
        index = self.config.guides_index
        chosen = guides_for(self.guides, page.file.src_uri, index)
        if not chosen:
            return html
        titles: dict[str, str] = {}
        if page.file.src_uri == index:
            for guide in self.guides:
                if not guide.pages:
                    titles[guide.slug] = "The complete guide"
                    continue
                file = files.get_file_from_path(guide.pages[0])
                target = getattr(file, "page", None) if file else None
                if target is not None and target.title:
                    titles[guide.slug] = target.title
            return html + links_html(page.url, chosen, titles)
        box = links_html(page.url, chosen, titles)
        return H1_END.sub(lambda m: m.group(0) + box, html, count=1)

    def on_env(self, env, config, files):
        # Reuse the theme's compiled templates across builds (the API reference's: on_config).
        env.bytecode_cache = templates.bytecode_cache(self.root)
        return env

    def on_post_page(self, output: str, page, config):
        return slim.slim_page(output)

    def on_post_build(self, config):
        if self.dirty:
            return
        site_dir = Path(config.site_dir)
        try:
            if self.config.offline:
                links.post_build_offline(self.links, site_dir)
                offline.copy_shim(site_dir)
                self._write_manifest(site_dir, config)
                return
            links.post_build(self.links, site_dir)
        except links.LinkError as exc:
            raise PluginError(str(exc)) from exc
        self._write_manifest(site_dir, config)

    def _write_manifest(self, site_dir: Path, config) -> None:
        """What the steps after the site build need: the PDFs, ``make anchors``."""
        record = self.links.record
        pages = [
            manifest.PageRecord(src, url, dest, record.ids_on(site_path(url)))
            for src, url, dest in self.nav_pages
        ]
        manifest.Manifest(
            site_url=self.links.site_url,
            site_name=config.site_name,
            prices_as_of=economics.prices_as_of(self.catalog.prices.models).isoformat(),
            pages=pages,
            anchors=record.pages,
            guides=[dict(slug=g.slug, pages=list(g.pages), home=g.home, size=g.size, label=g.label,
                         max_pages=g.max_pages, compact=g.compact, handout=g.handout) for g in self.guides],
            complete_leaves_out=list(self.config.complete_leaves_out),
        ).write(site_dir)

