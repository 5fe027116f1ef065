"""Shared fixtures: a strict build of the real site, and builds of a mutated copy."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldguide.build import copy_project as _copy_project
from fieldguide.build import project_env
from fieldguide.links import manifest

ROOT = Path(__file__).resolve().parents[1]
PROPERDOCS = [sys.executable, "-m", "properdocs"]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path
    record_file: Path | None = None

    @property
    def record(self) -> manifest.Manifest:
        """What the build recorded of each page: its permanent IDs and every anchor it published."""
        assert self.record_file is not None, "this build kept no record"
        return manifest.read_file(self.record_file)

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, site: Path, strict: bool = True, **env_extra: str) -> Build:
    """``properdocs build`` of ``project`` with its own ``src/`` first on the import path, as ``make site`` runs it."""
    env = project_env(project, PYTHONDONTWRITEBYTECODE="1", **env_extra)
    cmd = [*PROPERDOCS, "build", "--site-dir", str(site), "--config-file", str(project / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(done.returncode, done.stdout + done.stderr, site)


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources (the same parts the benchmark copies)."""
    return _copy_project(dest, ROOT)


def run_full_build(project: Path, site: Path, record_file: Path | None = None) -> Build:
    """What `make site` runs: the strict site, every PDF, the offline copy, swapped in only on success."""
    env = project_env(project, PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "fieldguide.build", "--site-dir", str(site), "--config-file", str(project / "mkdocs.yml")]
    if record_file is not None:
        cmd += ["--record", str(record_file)]
    done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    return Build(done.returncode, done.stdout + done.stderr, site, record_file)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file of a project copy; the text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}; update this test"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The first line of ``path`` holding ``needle``, numbered as an author's editor numbers it."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- builds shared by every test, and by both workers of `make test` (pytest-xdist) ------


def shared_dir(tmp_path_factory) -> Path:
    """A folder every worker of this run sees (pytest-xdist gives each worker its own temp folder below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


def shared_build(tmp_path_factory, name: str, make, *, wait: bool = True) -> Build | None:
    """The build ``name`` of this run, made once: the first worker to ask makes it with
    ``make(folder)``, the others wait for it and read what it left. With ``wait=False``,
    returns None at once when another worker is making it."""
    from filelock import FileLock, Timeout

    root = shared_dir(tmp_path_factory)
    folder = root / name
    lock = FileLock(str(root / f"{name}.lock"))
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        return None
    try:
        done = folder / "build.json"
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            build = make(folder)
            done.write_text(json.dumps({"returncode": build.returncode, "output": build.output, "site": str(build.site),
                                        "record_file": str(build.record_file) if build.record_file else None}))
        saved = json.loads(done.read_text())
        return Build(saved["returncode"], saved["output"], Path(saved["site"]),
                     Path(saved["record_file"]) if saved["record_file"] else None)
    finally:
        lock.release()


def _full(folder: Path) -> Build:
    return run_full_build(ROOT, folder / "site", folder / "record.json")


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Build:
    """The real project, built once as `make site` builds it (strict site and PDFs) for every test that reads it.

    The determinism test (``twin_site``) wants a second build of the same commit: a worker
    that finds the first build under way makes that one meanwhile, on the other core.
    """
    build = shared_build(tmp_path_factory, "site", _full, wait=False)
    if build is None:
        if any("twin_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
            shared_build(tmp_path_factory, "twin", _twin, wait=False)
        build = shared_build(tmp_path_factory, "site", _full)
    assert build.returncode == 0, build.output
    return build


def _twin(folder: Path) -> Build:
    """The site alone (``properdocs build --strict``), dated as `make site` dates it."""
    from fieldguide.build import commit_time

    stamp = os.environ.get("SOURCE_DATE_EPOCH") or commit_time(ROOT)
    return run_build(ROOT, folder / "site", **({"SOURCE_DATE_EPOCH": stamp} if stamp else {}))


@pytest.fixture(scope="session")
def twin_site(site, tmp_path_factory) -> Build:
    """A second, independent build of the same commit's site (the PDFs are made again in the test)."""
    return shared_build(tmp_path_factory, "twin", _twin)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the project to break on purpose."""
    return copy_project(tmp_path / "project")


# --- browser fixtures: the built site served on localhost, Debian's Chromium ---------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built site on localhost, as a static host does; returns the server and its address."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = serve(site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base_url) else (outside.append(route.request.url), route.abort()),
    )
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"the page asked another host for: {outside}"


# --- one copy of the project, edited as authors edit it, built once ---------------------


@dataclass
class Edited:
    """A copy of the project with the edits below, built once for every test that reads it."""

    project: Path
    build: Build
    gone: str  # the retired scenario's ID
    nearest: str  # the item it points readers to, on a page rendered after the scenario's


SCRIPT = "<script>alert('fg')</script><img src=x onerror=\"alert('fg')\">"


@pytest.fixture(scope="session")
def edited(tmp_path_factory) -> Edited:
    build = shared_build(tmp_path_factory, "edited", _edited_build)
    assert build.returncode == 0, build.output[-3000:]
    gone = json.loads((build.site.parent / "gone.json").read_text())
    return Edited(build.site.parent, build, gone, "FL-012")


def _edited_build(folder: Path) -> Build:
    """One build of a copy where an author has:

    * raised GPT-6.2 Sol's input price from $2.00 to $2.40 (``data/prices.yml``);
    * changed a label in a renderer of the copy's own ``src/`` (the phrase's "Say instead");
    * put a script into a phrase's text (``data/phrases.yml``);
    * included a snippet by named section and another by line range;
    * moved the analogies page to /iam-analogies/, renamed the heading "The gates" on the
      decision page, and retired a scenario, pointing readers to FL-012 (whose page, the
      field language, is rendered after the decision page): all recorded in data/anchors.yml;
      the policies' notes on that scenario go with it.
    """
    import re

    import yaml

    project = copy_project(folder / "project")
    edit(project / "data/prices.yml", '    input: "2.00"\n', '    input: "2.40"\n')  # GPT-6.2 Sol, the flagship
    edit(project / "src/fieldguide/content/items/phrases.py", '"Say instead"', '"Say this instead"')
    edit(project / "data/phrases.yml", "    why: ", f"    why: {SCRIPT} ", 1)
    by_volume = project / "snippets/costs/by_volume.py"
    by_volume.write_text("# --8<-- [start:all]\n" + by_volume.read_text(encoding="utf-8") + "# --8<-- [end:all]\n",
                         encoding="utf-8")
    edit(project / "docs/economics.md", '--8<-- "costs/by_volume.py"', '--8<-- "costs/by_volume.py:all"')
    conventions = project / "docs/conventions.md"
    conventions.write_text(conventions.read_text(encoding="utf-8")
                           + '\n## Lines two to four of a snippet\n\n```python\n--8<-- "costs/by_volume.py:2:4"\n```\n',
                           encoding="utf-8")
    (project / "docs/analogies.md").rename(project / "docs/iam-analogies.md")
    for md in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = md.read_text(encoding="utf-8")
        md.write_text(re.sub(r"(?<![\w-])analogies\.md", "iam-analogies.md", text), encoding="utf-8")
    edit(project / "docs/decide.md", "## The gates {#the-gates}", "## The six gates {#six-gates}")
    scenarios = yaml.safe_load((project / "data/scenarios.yml").read_text(encoding="utf-8"))
    gone = scenarios["scenarios"][0]["id"]
    for md in (project / "docs").rglob("*.md"):  # as an author must: links follow the heading, none to the retired scenario
        text = md.read_text(encoding="utf-8")
        text = text.replace("decide.md#the-gates)", "decide.md#six-gates)")
        md.write_text(text.replace(f"decide.md#SC-{gone})", "decide.md#worked-scenarios)"), encoding="utf-8")
    scenarios["scenarios"] = scenarios["scenarios"][1:]
    (project / "data/scenarios.yml").write_text(yaml.safe_dump(scenarios, sort_keys=False, allow_unicode=True), encoding="utf-8")
    policies = yaml.safe_load((project / "data/policies.yml").read_text(encoding="utf-8"))
    for policy in policies["policies"]:  # as an author must: the build refuses a note on a scenario that is gone
        policy["scenarios"] = [note for note in policy.get("scenarios", []) if note["id"] != gone]
    (project / "data/policies.yml").write_text(yaml.safe_dump(policies, sort_keys=False, allow_unicode=True), encoding="utf-8")
    registry = yaml.safe_load((project / "data/anchors.yml").read_text(encoding="utf-8"))
    registry["pages"]["/analogies/"]["moved_to"] = "/iam-analogies/"
    registry["pages"]["/decide/"]["moved"] = {"the-gates": "/decide/#six-gates"}
    retired = {"reason": "It repeated another scenario.", "nearest": "FL-012"}
    for page in ("/decide/", "/guides/decision-framework/"):
        registry["pages"][page]["retired"] = {f"SC-{gone}": retired}
    (project / "data/anchors.yml").write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (project / "gone.json").write_text(json.dumps(f"SC-{gone}"))
    return run_build(project, project / "site")


# --- one search box, loaded once, for every search test ------------------------------------


class SearchBox:
    """The site's search, as a reader uses it: the home page loaded once, its index ready;
    each query clears the box, then types the words key by key (an ID, a word) or pastes
    them (a phrase: every keystroke would run a search)."""

    def __init__(self, tab, outside: list[str]):
        self.tab = tab
        self.outside = outside

    def type(self, query: str, *, paste: bool = False) -> None:
        box = self.tab.locator(".md-search__input")
        box.click()
        box.fill("")
        if paste:  # pasted, then the last key typed: the search runs once, on the whole query
            box.fill(query[:-1])
            box.press_sequentially(query[-1:])
        else:
            box.press_sequentially(query, delay=20)
        self.tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)

    def results(self) -> list[str]:
        """The addresses found, in order, as ``/path/#anchor``."""
        return self.tab.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.pathname + e.hash)")


@pytest.fixture(scope="session")
def search_box(browser, base_url):
    from playwright.sync_api import expect

    context = browser.new_context()
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else (outside.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.goto(f"{base_url}/")
    tab.locator(".md-search__input").click()
    # Typing before the index is ready is lost; Material says when it is.
    expect(tab.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=10_000)
    yield SearchBox(tab, outside)
    context.close()
    assert not outside, f"search asked another host for: {outside}"
