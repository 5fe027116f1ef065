"""One worker of the every-page test: a share of the built pages, in its own Chromium.

Each page is loaded once and checked for what a reader behind a strict network would
meet (an answer other than 200, a request to another host, a console error or an uncaught
exception) and, for the content pages, by axe-core: every rule in the light scheme, then
colour contrast in the dark one. The test splits the pages between processes, one per
CPU, since axe's colour-contrast rule takes seconds a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import sync_playwright

from conftest import CHROMIUM, CHROMIUM_ARGS

AXE = """async ([alsoChecked, rules]) => {
    const options = {resultTypes: ['violations']};
    if (rules) options.runOnly = {type: 'rule', values: rules};
    const r = await axe.run(document, options);
    return r.violations.filter(v => ['serious', 'critical'].includes(v.impact) || alsoChecked.includes(v.id))
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n').slice(0, 2).join(' '))}));
}"""

# The dark scheme is Material's `slate` palette, switched on the loaded page through its
# palette control, as the header's toggle switches it: only colours differ.
DARK = """() => {
    const input = document.querySelector('[data-md-component=palette] input[data-md-color-scheme=slate]');
    input.checked = true;
    input.dispatchEvent(new Event('change', {bubbles: true}));
}"""


@dataclass
class Findings:
    loaded: list[str] = field(default_factory=list)  # pages that answered 200
    audited: int = 0  # axe runs
    failed_loads: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


def audit(base_url: str, pages: list[tuple[str, bool, bool]], axe: str, also_checked: list[str]) -> Findings:
    """``pages``: (path under the site, whether axe audits it in the light scheme, and in the dark one)."""
    found = Findings()
    current = {"page": ""}

    def route(r):
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            found.outside.append(f"{current['page']}: {r.request.url}")
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(color_scheme="light")
        context.route("**/*", route)
        tab = context.new_page()
        tab.on("console", lambda m: found.errors.append(f"{current['page']}: console.error: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda e: found.errors.append(f"{current['page']}: uncaught: {e}"))
        for path, light, dark in pages:
            current["page"] = path
            response = tab.goto(f"{base_url}/{path.removesuffix('index.html')}", wait_until="load")
            if response is None or not response.ok:
                found.failed_loads.append(f"{path}: HTTP {response and response.status}")
                continue
            found.loaded.append(path)
            if not light:
                continue
            tab.add_script_tag(path=axe)
            for scheme, rules in (("light", None), ("dark", ["color-contrast"])):
                if scheme == "dark" and not dark:
                    continue
                if scheme == "dark":
                    tab.evaluate(DARK)
                    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
                for v in tab.evaluate(AXE, [also_checked, rules]):
                    found.violations.append(f"[{scheme}] /{path}: {v['id']} ({v['impact']}): {v['help']}\n    "
                                            + "\n    ".join(v["nodes"]))
                found.audited += 1
        browser.close()
    return found
