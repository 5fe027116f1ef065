"""The npm tools the tests and the benchmark run, installed from their committed lock files.

``tools/node/<name>/`` holds a ``package.json`` and a ``package-lock.json`` whose every
package carries its registry integrity hash; :func:`install` copies both into
``.cache/node/<name>/`` and runs ``npm ci`` there, which installs exactly the locked tree
and fails if a downloaded file does not match its hash. It runs again only when the lock
changes. To move a tool to a new version, edit its ``package.json`` and run
``npm install --package-lock-only`` in its folder, then commit both files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "tools" / "node"
CACHE = ROOT / ".cache" / "node"


def install(name: str) -> Path:
    """Install the locked tool ``name`` (``axe`` or ``lighthouse``); return its ``node_modules`` folder."""
    lock = LOCKS / name / "package-lock.json"
    if not lock.is_file():
        raise FileNotFoundError(f"{lock} is missing: each npm tool installs from its committed lock file")
    dest = CACHE / name
    stamp = dest / ".installed-lock.json"  # the lock of the last complete install
    if stamp.is_file() and stamp.read_bytes() == lock.read_bytes() and (dest / "node_modules").is_dir():
        return dest / "node_modules"
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(f"npm is needed to install {name} from {lock.relative_to(ROOT)} (apt-get install npm)")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy2(LOCKS / name / "package.json", dest / "package.json")
    shutil.copy2(lock, dest / "package-lock.json")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=dest, capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        shutil.rmtree(dest, ignore_errors=True)
        raise RuntimeError(f"npm ci of {name} failed:\n{done.stdout}{done.stderr}")
    shutil.copy2(lock, stamp)  # written last: a failed install is retried next time
    return dest / "node_modules"
