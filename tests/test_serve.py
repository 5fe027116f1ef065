"""`make serve` follows an edit to the package: the server restarts and the page shows the new code."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT, copy_project, edit

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, predicate, server: subprocess.Popen, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make serve stopped:\n{server.stdout.read() if server.stdout else ''}")
        page = fetch(url)
        if page is not None and predicate(page):
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} never showed the expected page within {seconds} s")


def test_make_serve_restarts_on_an_edit_to_src_and_serves_the_new_code(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)  # with their times, so make finds the venv up to date
    venv = ROOT / ".venv"
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        ["make", "serve", f"SERVE_ADDR={address}", f"VENV={venv}", f"BIN={venv / 'bin'}", f"STAMP={venv / '.installed'}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://{address}/phrases/"
    try:
        wait_for(url, lambda page: "Say instead" in page, server)
        edit(project / "src/fieldguide/content/items/phrases.py", '"Say instead"', '"Say this instead"')
        page = wait_for(url, lambda page: "Say this instead" in page, server)
        assert "Say instead" not in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
