"""The performance benchmark behind ``make bench``: prints a table and writes JSON.

Everything is measured in one run on this machine, each figure the median of ``--runs``
repetitions with the min and max beside it to show the machine's noise:

* the real site: its first build in a fresh copy (templates not yet compiled), then
  builds of ours and of plain Material taken turn about, in wall and CPU seconds; and
  ``make site`` as a whole (site and PDFs, split);
* the same site as plain Material: every page's Markdown as our plugin hands it to
  Markdown, build-time snippets replaced by their printed output and the API reference by
  its rendered HTML, built with the search plugin only. The ratio is what our plugin,
  blocks, exec tables and mkdocstrings cost;
* pages per second on synthetic copies of the site (copies of every content page of
  ``docs/``, exec tables included; the API reference stays one page, as it would in a
  bigger guide) at about 100, 300 and 1,000 pages, ours against plain Material on the
  same static copies;
* save-to-served: the time from writing a Markdown file to ``properdocs serve`` (as ``make
  serve`` runs it) serving the new page, against a full rebuild;
* bytes on the wire (gzip) for a first visit and for a second page, from the requests
  Chromium really makes; the search index raw and gzip;
* Lighthouse performance and accessibility scores of three pages, served on localhost.

Run ``python tools/bench.py --help`` for options (``make bench`` runs it). It is one
script of about 600 lines on purpose: every measure shares the copies, the local server
and the report, and it runs only under ``make bench``, never in a build.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import nodetools

from fieldguide.build import copy_project as _copy_project

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
EXEC_FENCE = re.compile(r'^```python exec="on"(?P<options>[^\n]*)\n--8<-- "(?P<snippet>[^"]+)"\n```$', re.M)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

CAPTURE_HOOK = '''
"""Benchmark only: write each page's Markdown as the fieldguide plugin leaves it."""
import os, pathlib, yaml

def on_page_markdown(markdown, page, config, files):
    out = pathlib.Path(os.environ["FIELDGUIDE_CAPTURE"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), sort_keys=False) if page.meta else ""
    out.write_text((f"---\\n{meta}---\\n\\n" if meta else "") + markdown, encoding="utf-8")
    return markdown
'''

PLAIN_CONFIG = """INHERIT: ./mkdocs.base.yml
plugins:
  - search
"""


@dataclass
class Stat:
    median: float
    min: float
    max: float
    runs: list[float]

    @classmethod
    def of(cls, values: list[float]) -> "Stat":
        return cls(statistics.median(values), min(values), max(values), values)

    def text(self, unit: str = "s", places: int = 2) -> str:
        return f"{self.median:.{places}f} {unit} ({self.min:.{places}f}–{self.max:.{places}f})"


def log(message: str) -> None:
    print(f"  · {message}", file=sys.stderr, flush=True)


# --- building -----------------------------------------------------------------------------


def copy_project(dest: Path, root: Path = PROJECT_ROOT) -> Path:
    return _copy_project(dest, root)


def project_env(project: Path, env: dict | None = None) -> dict:
    """A build of ``project`` runs its own ``src/`` (as ``make site`` does)."""
    return {**(env or ENV), "PYTHONPATH": str(project / "src")}


def timed_build(project: Path, config: str = "mkdocs.yml", env: dict | None = None) -> tuple[float, float]:
    """One strict ``properdocs build`` of ``project``: (wall seconds, CPU seconds of the build process)."""
    site = project / ".bench-site"
    shutil.rmtree(site, ignore_errors=True)
    # Not -q: with it, ProperDocs stops counting warnings, so --strict would pass a broken build.
    cmd = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project / config), "-d", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=project, env=project_env(project, env), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"build of {project / config} failed:\n{done.stdout}{done.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def mkdocs_build(project: Path, config: str = "mkdocs.yml", env: dict | None = None) -> float:
    return timed_build(project, config, env)[0]


def paired_builds(ours: Path, plain: Path, runs: int) -> dict:
    """Ours and plain Material built turn about, so a busy moment of the machine hits both.

    Ours first builds once more on its own: a fresh copy has no compiled templates yet
    (``.cache/jinja``), so that first build is reported apart as the first build of a
    fresh clone, and the pairs measure the builds an author runs after it.
    """
    first_wall, first_cpu = timed_build(ours)
    ours_wall, ours_cpu, plain_wall, plain_cpu = [], [], [], []
    for _ in range(runs):
        wall, cpu = timed_build(ours)
        ours_wall.append(wall)
        ours_cpu.append(cpu)
        wall, cpu = timed_build(plain)
        plain_wall.append(wall)
        plain_cpu.append(cpu)
    return {
        "first_build_fresh_copy": {"wall": first_wall, "cpu": first_cpu},
        "ours": asdict(Stat.of(ours_wall)),
        "plain_material": asdict(Stat.of(plain_wall)),
        "ours_cpu": asdict(Stat.of(ours_cpu)),
        "plain_material_cpu": asdict(Stat.of(plain_cpu)),
        "overhead_ratio": statistics.median(ours_wall) / statistics.median(plain_wall),
        "overhead_ratio_cpu": statistics.median(ours_cpu) / statistics.median(plain_cpu),
        "first_build_ratio": first_wall / statistics.median(plain_wall),
    }


def count_pages(project: Path) -> int:
    return sum(1 for _ in (project / "docs").rglob("*.md"))


def make_static(work: Path) -> Path:
    """A copy of the project as plain Material sees it: static Markdown, no plugin or exec."""
    ours = copy_project(work / "ours")
    capture = work / "captured"
    (ours / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    (ours / "mkdocs.capture.yml").write_text(
        "INHERIT: ./mkdocs.yml\nhooks:\n  - capture_hook.py\n", encoding="utf-8"
    )
    mkdocs_build(ours, "mkdocs.capture.yml", {**ENV, "FIELDGUIDE_CAPTURE": str(capture)})
    built = ours / ".bench-site"
    plain = copy_project(work / "plain")
    shutil.rmtree(plain / "docs")
    shutil.copytree(capture, plain / "docs")
    for extra in (ours / "docs").rglob("*"):  # images and other non-Markdown files
        if extra.is_file() and extra.suffix != ".md":
            target = plain / "docs" / extra.relative_to(ours / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(extra, target)
    outputs: dict[str, str] = {}
    for page in (plain / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")

        def static(match: re.Match) -> str:
            name = match.group("snippet")
            if name not in outputs:
                done = subprocess.run([sys.executable, str(ours / "snippets" / name)], capture_output=True, text=True,
                                      cwd=ours, env=project_env(ours), check=True)
                outputs[name] = done.stdout
            return static_fence(match.group("options"), (ours / "snippets" / name).read_text(encoding="utf-8"), outputs[name])

        text = EXEC_FENCE.sub(static, text)
        if re.search(r"^::: ", text, re.M):  # mkdocstrings: use the HTML it rendered
            rel = page.relative_to(plain / "docs").with_suffix("")
            html = (built / rel / "index.html").read_text(encoding="utf-8")
            article = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.S).group(1)
            article = re.sub(r"<h1.*?</h1>", "", article, count=1, flags=re.S)
            head = re.match(r"(---\n.*?\n---\n)?", text, re.S).group(0)
            text = f"{head}\n# Python API\n\n<div markdown=\"0\">\n{article}\n</div>\n"
        page.write_text(text, encoding="utf-8")
    (plain / "mkdocs.yml").rename(plain / "mkdocs.base.yml")
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    shutil.rmtree(ours)
    return plain


def static_fence(options: str, source: str, output: str) -> str:
    """What an exec fence shows, as static Markdown: its printed output and, when the fence
    shows its source (``source="tabbed-left|right"``), the source in a tab beside it, as
    markdown-exec lays them out. Plain Material then renders the same content, highlighting
    included, without running anything."""
    where = re.search(r'source="([^"]+)"', options)
    if not where:
        return output
    titles = re.search(r'tabs="([^"|]*)\|([^"]*)"', options)
    source_title, result_title = titles.groups() if titles else ("Source", "Result")

    def tab(title: str, body: str) -> str:
        return f'=== "{title}"\n\n' + "\n".join(f"    {line}" if line else "" for line in body.splitlines()) + "\n"

    source_tab = tab(source_title, f"```python\n{source.rstrip()}\n```")
    result_tab = tab(result_title, output)
    pair = (source_tab, result_tab) if where.group(1) == "tabbed-left" else (result_tab, source_tab)
    return "\n".join(pair)


#: Pages that do not grow with the content: the API reference documents the package, so a
#: bigger guide still has one. Synthetic copies leave it out.
FIXED_PAGES = ("reference.md",)


def grow(project: Path, pages: int) -> int:
    """Add copies of docs/ as docs/copyNNN/ until the site has at least ``pages``.

    Each copy holds every content page (exec tables included) but not :data:`FIXED_PAGES`.
    """
    originals = sorted(
        p for p in (project / "docs").rglob("*")
        if p.is_file() and p.relative_to(project / "docs").as_posix() not in FIXED_PAGES
    )
    md = sum(1 for p in originals if p.suffix == ".md")
    for config in project.glob("*.yml"):  # the copies are left out of the nav on purpose
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("omitted_files: warn", "omitted_files: info"), encoding="utf-8")
    n = 0
    while md * (n + 1) < pages:
        n += 1
        for src in originals:
            rel = src.relative_to(project / "docs")
            target = project / "docs" / f"copy{n:03d}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            if src.suffix == ".md":  # links to a page that is not copied go to the original
                up = "../" * len(rel.parts)
                text = target.read_text(encoding="utf-8")
                for page in FIXED_PAGES:
                    text = re.sub(rf"\]\((?:\.\./)*{re.escape(page)}", f"]({up}{page}", text)
                target.write_text(text, encoding="utf-8")
    return count_pages(project)


# --- serving ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:  # properdocs serve holds requests while it rebuilds
        return response.read().decode("utf-8", "replace")


def save_to_served(project: Path, runs: int, dirty: bool) -> Stat:
    port = free_port()
    cmd = [sys.executable, "-m", "properdocs", "serve", "-a", f"127.0.0.1:{port}"]  # livereload on: it is what rebuilds
    # As `make serve` runs it: only changed pages rebuilt. ProperDocs warns about --dirty
    # itself, so that mode cannot be strict; the full rebuild is.
    cmd += ["--dirty", "--no-strict"] if dirty else ["--strict"]
    server = subprocess.Popen(cmd, cwd=project, env=project_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/analogies/"
    page = project / "docs/analogies.md"
    original = page.read_text(encoding="utf-8")
    try:
        deadline = time.time() + 120
        while True:
            try:
                fetch(url)
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"properdocs serve did not start: {server.stderr.read() if server.stderr else ''}")
                time.sleep(0.1)
        times = []
        for i in range(runs):
            marker = f"bench-marker-{i}-{time.time_ns()}"
            time.sleep(1.5)  # let the watcher settle between edits
            start = time.perf_counter()
            page.write_text(original + f"\n\nEdited: {marker}\n", encoding="utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("the edit never reached the served page")
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
        return Stat.of(times)
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=20)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves like a typical static host: GitHub Pages and the usual nginx set-ups send
    ``Cache-Control: max-age=600`` and gzip text files for browsers that accept it."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in self.COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(("/", path.name))):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class serve_static:
    """Serve a built site on localhost for the browser measurements."""

    def __init__(self, site: Path):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def transfer(site: Path, first: str, second: str) -> dict:
    """Bytes (gzip) Chromium fetches for a first visit and then a second page, cache warm."""
    from playwright.sync_api import sync_playwright

    with serve_static(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context()
        tab = context.new_page()
        # Chromium's own account of what came from the network: the page's requests through
        # CDP; the search worker's requests are not in the page's CDP session, so those count
        # as fetched unless an earlier page of this visit already fetched them.
        cdp = context.new_cdp_session(tab)
        cdp.send("Network.enable")
        network: set[str] = set()
        from_cache: set[str] = set()  # request ids Chromium answered from its memory cache
        cdp.on("Network.requestServedFromCache", lambda e: from_cache.add(e["requestId"]))
        cdp.on("Network.responseReceived",
               lambda e: network.add(e["response"]["url"])
               if not (e["requestId"] in from_cache or e["response"].get("fromDiskCache")
                       or e["response"].get("fromServiceWorker")) else None)
        responses: list[tuple[str, int]] = []
        context.on("response", lambda r: responses.append((r.url, r.status)))
        out = {}
        before: set[str] = set()
        for label, path in (("first_visit", first), ("second_page", second)):
            responses.clear()
            network.clear()
            from_cache.clear()
            tab.goto(f"{base}/{path}", wait_until="networkidle")
            tab.wait_for_timeout(300)
            files = {}
            for url, status in responses:
                if status != 200 or not url.startswith(base) or (url in before and url not in network):
                    continue
                rel = url[len(base):].split("#")[0].split("?")[0].lstrip("/")
                local = site / rel
                if local.is_dir() or rel == "" or rel.endswith("/"):
                    local = local / "index.html"
                if local.is_file():
                    files[rel or "index.html"] = gz(local.read_bytes())
            before |= {url for url, _ in responses}
            out[label] = {"page": path, "bytes_gzip": sum(files.values()), "files": files}
        browser.close()
    return out


def lighthouse(site: Path, pages: list[str], runs: int) -> dict:
    log("installing lighthouse from tools/node/lighthouse/package-lock.json (npm ci) if needed")
    cli = nodetools.install("lighthouse") / "lighthouse/cli/index.js"
    results = {}
    with serve_static(site) as base:
        for path in pages:
            perf, a11y = [], []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as tmp:
                    report = Path(tmp) / "report.json"
                    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile"])
                    subprocess.run(
                        ["node", str(cli), f"{base}/{path}", f"--chrome-path={shutil.which('chromium') or '/usr/bin/chromium'}",
                         f"--chrome-flags={flags}", "--only-categories=performance,accessibility",
                         "--output=json", f"--output-path={report}", "--quiet"],
                        check=True, env={**os.environ, "CI": "1"}, timeout=300,
                    )
                    data = json.loads(report.read_text())
                    perf.append(round(data["categories"]["performance"]["score"] * 100))
                    a11y.append(round(data["categories"]["accessibility"]["score"] * 100))
            results[path] = {"performance": asdict(Stat.of(perf)), "accessibility": asdict(Stat.of(a11y))}
    return results


# --- the run ------------------------------------------------------------------------------


BUDGET = {
    "overhead_ratio_max": 1.10,
    "scaling_ratio_min_at_1000": 0.90,
    "save_to_served_max_s": 1.0,
    "second_page_gzip_max_bytes": 60 * 1024,
    "search_index_gzip_max_bytes": 200 * 1024,
    "lighthouse_performance_min": 95,
    "lighthouse_accessibility_min": 100,
    "pdf_share_of_site_max": 0.5,
}


def run(runs: int, sizes: list[int], skip: set[str], out: Path) -> dict:
    out.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every stage, so a failure late in the run loses nothing
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")

    results: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "runs": runs,
        "budget": BUDGET,
    }
    with tempfile.TemporaryDirectory(prefix="fieldguide-bench-") as tmp:
        work = Path(tmp)
        ours = copy_project(work / "real")
        pages = count_pages(ours)
        log("static copy for plain Material")
        plain = make_static(work / "static")
        log(f"the real site ({pages} pages): a first build, then ours and plain Material x{runs}, turn about")
        results["build"] = {"pages": pages, **paired_builds(ours, plain, runs)}
        save()
        if "pdf" not in skip:
            log(f"make site (site and PDFs) x{runs}")
            results["make_site"] = make_site_times(ours, runs)
            save()

        if "scaling" not in skip:
            results["scaling"] = []
            for size in sizes:
                a = copy_project(work / f"ours-{size}")
                n = grow(a, size)
                b = work / f"plain-{size}"
                shutil.copytree(plain, b)
                grow(b, size)
                log(f"{n} pages: ours and plain x{runs}, turn about")
                pair = paired_builds(a, b, runs)
                t_ours, t_plain = Stat(**pair["ours"]), Stat(**pair["plain_material"])
                results["scaling"].append({
                    "pages": n,
                    "ours_s": asdict(t_ours),
                    "plain_s": asdict(t_plain),
                    "first_build_s": pair["first_build_fresh_copy"]["wall"],
                    "ours_pages_per_s": n / t_ours.median,
                    "plain_pages_per_s": n / t_plain.median,
                    "ratio": t_plain.median / t_ours.median,
                    "ratio_cpu": pair["plain_material_cpu"]["median"] / pair["ours_cpu"]["median"],
                })
                shutil.rmtree(a)
                shutil.rmtree(b)
                save()

        if "serve" not in skip:
            log(f"save-to-served x{runs}, with --dirty (make serve) and a full rebuild")
            serve_copy = copy_project(work / "serve")
            results["serve"] = {
                "dirty": asdict(save_to_served(serve_copy, runs, dirty=True)),
                "full_rebuild": asdict(save_to_served(serve_copy, runs, dirty=False)),
            }
            results["serve"]["speedup"] = results["serve"]["full_rebuild"]["median"] / results["serve"]["dirty"]["median"]
            save()

        site = ours / ".bench-site"
        mkdocs_build(ours)
        index = site / "search/search_index.json"
        results["search_index"] = {"bytes": index.stat().st_size, "bytes_gzip": gz(index.read_bytes())}
        if "transfer" not in skip:
            log("transfer sizes in Chromium")
            results["transfer"] = transfer(site, "", "cards/rag/")
            save()
        if "lighthouse" not in skip:
            log(f"lighthouse x{runs} on three pages")
            results["lighthouse"] = lighthouse(site, ["", "economics/", "phrases/"], runs)
    save()
    return results


def make_site_times(project: Path, runs: int) -> dict:
    """``make site`` itself (``python -m fieldguide.build``): total, the site part and the PDF part."""
    totals, sites, pdfs = [], [], []
    for _ in range(runs):
        out = project / ".bench-full"
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run([sys.executable, "-m", "fieldguide.build", "--site-dir", str(out), "--config-file",
                               str(project / "mkdocs.yml")], cwd=project, env=project_env(project), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"make site failed:\n{done.stdout}{done.stderr}")
        match = re.search(r"in ([\d.]+) s: site ([\d.]+) s, PDFs ([\d.]+) s", done.stdout)
        if not match:
            raise RuntimeError(f"unexpected build summary:\n{done.stdout}")
        totals.append(float(match.group(1)))
        sites.append(float(match.group(2)))
        pdfs.append(float(match.group(3)))
    shares = [p / t for p, t in zip(pdfs, totals)]
    return {"total": asdict(Stat.of(totals)), "site": asdict(Stat.of(sites)), "pdf": asdict(Stat.of(pdfs)),
            "pdf_share": asdict(Stat.of(shares))}


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def report(r: dict) -> str:
    b = r["budget"]
    rows: list[tuple[str, str, str]] = []
    build = r["build"]
    first = build["first_build_fresh_copy"]
    rows.append((f"First build of a fresh copy ({build['pages']} pages)", f"{first['wall']:.2f} s",
                 f"{build['first_build_ratio']:.2f}x plain (templates compiled)"))
    rows.append((f"Build, real site ({build['pages']} pages)", Stat(**build["ours"]).text(), ""))
    rows.append(("Same Markdown, plain Material, static output", Stat(**build["plain_material"]).text(), ""))
    ok = build["overhead_ratio"] <= b["overhead_ratio_max"]
    rows.append(("Our overhead (ours / plain), wall", f"{build['overhead_ratio']:.2f}x", f"≤ {b['overhead_ratio_max']:.2f}x: {verdict(ok)}"))
    rows.append(("Our overhead (ours / plain), CPU", f"{build['overhead_ratio_cpu']:.2f}x", ""))
    if "make_site" in r:
        ms = r["make_site"]
        share = ms["pdf_share"]
        rows.append(("make site: site and PDFs", Stat(**ms["total"]).text(), ""))
        rows.append(("  of which the site", Stat(**ms["site"]).text(), ""))
        rows.append(("  of which the PDFs", Stat(**ms["pdf"]).text(), ""))
        rows.append(("PDFs as a share of make site", f"{share['median']:.0%} ({share['min']:.0%}–{share['max']:.0%})",
                     f"≤ {b['pdf_share_of_site_max']:.0%}: {verdict(share['median'] <= b['pdf_share_of_site_max'])}"))
    for s in r.get("scaling", []):
        target = f"≥ {b['scaling_ratio_min_at_1000']:.2f}x: {verdict(s['ratio'] >= b['scaling_ratio_min_at_1000'])}" if s["pages"] >= 1000 else ""
        rows.append((f"{s['pages']} pages: ours / plain pages per second",
                     f"{s['ours_pages_per_s']:.1f} / {s['plain_pages_per_s']:.1f} = {s['ratio']:.2f}x "
                     f"(CPU {s.get('ratio_cpu', 0):.2f}x)", target))
    if "serve" in r:
        sv = r["serve"]
        rows.append(("Save to served, make serve (--dirty)", Stat(**sv["dirty"]).text(),
                     f"< {b['save_to_served_max_s']:.0f} s: {verdict(sv['dirty']['median'] < b['save_to_served_max_s'])}"))
        rows.append(("Save to served, full rebuild", Stat(**sv["full_rebuild"]).text(), f"speed-up {sv['speedup']:.1f}x (goal > 5x)"))
    if "transfer" in r:
        t = r["transfer"]
        rows.append(("First visit, home page (gzip)", f"{t['first_visit']['bytes_gzip'] / 1024:.1f} KB", ""))
        ok = t["second_page"]["bytes_gzip"] <= b["second_page_gzip_max_bytes"]
        rows.append((f"Second page, /{t['second_page']['page']} (gzip)", f"{t['second_page']['bytes_gzip'] / 1024:.1f} KB",
                     f"< 60 KB: {verdict(ok)}"))
    si = r["search_index"]
    rows.append(("Search index", f"{si['bytes'] / 1024:.1f} KB raw, {si['bytes_gzip'] / 1024:.1f} KB gzip",
                 f"< 200 KB gzip: {verdict(si['bytes_gzip'] <= b['search_index_gzip_max_bytes'])}"))
    for page, scores in r.get("lighthouse", {}).items():
        perf, a11y = scores["performance"], scores["accessibility"]
        ok = perf["median"] >= b["lighthouse_performance_min"] and a11y["median"] >= b["lighthouse_accessibility_min"]
        rows.append((f"Lighthouse /{page}", f"performance {perf['median']:.0f} ({perf['min']:.0f}–{perf['max']:.0f}), "
                     f"accessibility {a11y['median']:.0f} ({a11y['min']:.0f}–{a11y['max']:.0f})", f"≥ 95 / 100: {verdict(ok)}"))
    width = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{'Measure':<{width[0]}}  {'Median (min–max)':<{width[1]}}  Budget", "-" * (sum(width) + 10)]
    lines += [f"{a:<{width[0]}}  {b_:<{width[1]}}  {c}" for a, b_, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions per measure (median, min, max); default 3")
    parser.add_argument("--sizes", default="100,300,1000", help="synthetic site sizes in pages; default 100,300,1000")
    parser.add_argument("--skip", default="", help="comma-separated: pdf, scaling, serve, transfer, lighthouse")
    parser.add_argument("--json", default=str(PROJECT_ROOT / ".bench/results.json"), help="where to write the JSON")
    args = parser.parse_args(argv)
    results = run(args.runs, [int(s) for s in args.sizes.split(",") if s], {s for s in args.skip.split(",") if s}, Path(args.json))
    print(report(results))
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
