"""The offline copy: the whole site as a zip that works opened from disk (``file://``).

``python -m fieldguide.build`` (``make site``) runs a second strict build with the plugin's
``offline`` option on. That switches on Material's ``offline`` plugin, which turns off
directory URLs (``phrases.html``, not ``phrases/``) and inlines the search index into a
script, because a browser will not fetch JSON from disk. The plugin then:

* points the Web Worker shim, which Material would load from unpkg.com, at the vendored copy
  in ``src/fieldguide/outputs/vendor/`` (:func:`use_local_shim`, :func:`copy_shim`), so the
  offline copy asks no other host;
* says on the guides index that this is the offline copy, where the online build links the
  zip (:func:`notice_html`, :func:`download_html`).

:func:`write_zip` then writes a zip whose bytes depend only on its files: sorted names, a
fixed date. What the offline copy leaves out: ``/go/<ID>/`` short links and the
published-anchor check (both belong to the hosted site, which the online build checks).
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from pathlib import Path

SHIM = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker-shim.js"
ZIP_PATH = "download/field-guide-offline.zip"
ZIP_ROOT = "field-guide-offline"
# 1980-01-01, the earliest date a zip can hold: the archive says nothing about when it was built.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def use_local_shim(config) -> None:
    """Material's offline plugin lists its Web Worker shim from unpkg.com; list the vendored copy."""
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM]


def download_html(page_url: str) -> str:
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    href = posixpath.relpath(ZIP_PATH, base.rstrip("/") or ".")
    return (
        '<div class="fg-offline"><p><strong>No connection in the room?</strong> '
        f'<a class="fg-offline-link" href="{href}" type="application/zip">Download the whole site</a> '
        "as a zip, unpack it and open <code>index.html</code>: every page, the search and the PDFs "
        "work from disk, with no network.</p></div>"
    )


NOTICE = (
    '<div class="fg-offline"><p>This is the offline copy of the site, read from disk. '
    "Copy-link buttons give the addresses of the hosted site.</p></div>"
)


def copy_shim(site_dir: Path) -> None:
    target = Path(site_dir) / SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM_SOURCE, target)


def write_zip(folder: Path, dest: Path) -> int:
    """Zip ``folder`` under :data:`ZIP_ROOT` with sorted names and fixed dates; returns its size in bytes."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return dest.stat().st_size
