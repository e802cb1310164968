"""Shared pieces of the real-browser tests: Debian's Chromium through playwright, loopback-only servers.

Never `playwright install`: the tests drive /usr/bin/chromium and skip, with the reason, where it is missing.
Servers (JupyterLab, Voilà) listen on 127.0.0.1 only, on a free port, with a fixed token; Chromium resolves no
name but 127.0.0.1. Screenshots go to tests/browser/artifacts/ (ignored by git), kept for a look after a run.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "bert-lab-browser-test"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]  # loopback only: no other name resolves

MISSING = (f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)"
           if not Path(CHROMIUM).exists() else
           "the playwright package is missing (pip install -r requirements.txt)"
           if importlib.util.find_spec("playwright") is None else None)
needs_chromium = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def artifact(name: str) -> Path:
    """Path for a screenshot kept after the run (tests/browser/artifacts/<name>)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def _wait_until_answers(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with code {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # loopback only
                if answer.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server did not answer {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _environment(extra: dict[str, str] | None) -> dict[str, str]:
    """The tests' environment for a server and its kernels, as on a learner's machine: matplotlib's inline backend
    (the test run's MPLBACKEND=Agg would turn every figure into text), plus `extra`."""
    environ = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return {**environ, **(extra or {})}


@contextmanager
def server(command: list[str], cwd: Path, probe: str, log: Path, env: dict[str, str] | None = None,
           timeout: float = 90) -> Iterator[None]:
    """Run a server (in its own process group) until `probe` answers; stop it and its kernels afterwards."""
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                   env=_environment(env))
    try:
        _wait_until_answers(probe, process, log, timeout)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def tool(name: str) -> str:
    """A console script of the test interpreter's environment (jupyter-lab, voila)."""
    return str(Path(sys.executable).parent / name)


@contextmanager
def jupyter_lab(tmp_path: Path, notebooks: list[str]) -> Iterator[str]:
    """JupyterLab on a temporary copy of the course's notebooks; yields the base URL (token in the tests' URLs).

    Its settings, workspaces and runtime files live under `tmp_path`: the news popup is off, the app object is
    exposed to the page (`window.jupyterapp`) so the tests can run cells as the Run menu does.
    """
    course = tmp_path / "course"
    course.mkdir()
    for name in notebooks:
        shutil.copy(ROOT / "notebooks" / name, course / name)
    settings = tmp_path / "lab-settings"
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port = free_port()
    env = {"JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    command = [tool("jupyter-lab"), "--allow-root", "--ip=127.0.0.1", f"--port={port}", "--no-browser",
               f"--IdentityProvider.token={TOKEN}", "--expose-app-in-browser", "--ServerApp.open_browser=False",
               "--LabApp.news_url=", f"--ServerApp.root_dir={course}"]
    base = f"http://127.0.0.1:{port}"
    with server(command, course, f"{base}/api/status?token={TOKEN}", tmp_path / "lab.log", env):
        yield base


@contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator[object]:
    """A fresh Chromium page; script errors and dialogs are collected in `page.problems`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
            page.problems = []
            page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
            yield page
        finally:
            browser.close()


def open_notebook(page, base: str, name: str, timeout_ms: int = 60_000) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle."""
    page.goto(f"{base}/lab/tree/{name}?token={TOKEN}", timeout=timeout_ms)
    page.wait_for_function(
        """name => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
            return !!(k && k.status === 'idle' && w.context.path.endsWith(name));
        }""", arg=name, timeout=timeout_ms)


_ERRORS = """() => jupyterapp.shell.currentWidget.content.widgets
      .filter(c => c.model.type === 'code')
      .flatMap(c => { const o = c.model.outputs; const out = [];
                      for (let i = 0; i < o.length; i++) { const x = o.get(i).toJSON();
                        if (x.output_type === 'error') out.push(x.ename + ': ' + x.evalue); }
                      return out; })"""


def _wait_for_cells(page, indices_js: str, timeout_ms: int) -> None:
    """Wait until the chosen code cells have run and the kernel is idle, or a cell shows an error."""
    page.wait_for_function(
        """(pick) => {
            const w = jupyterapp.shell.currentWidget;
            const cells = w.content.widgets.filter((c, i) => c.model.type === 'code' && eval(pick)(i, c));
            const done = cells.every(c => c.model.executionCount !== null);
            const failed = w.content.widgets.some(c => c.model.type === 'code' && Array.from(
                {length: c.model.outputs.length}, (_, k) => c.model.outputs.get(k).type).includes('error'));
            return failed || (done && w.sessionContext.session.kernel.status === 'idle');
        }""", arg=indices_js, timeout=timeout_ms, polling=500)
    errors = page.evaluate(_ERRORS)
    assert errors == [], f"cells raised: {errors}"


def run_all(page, timeout_ms: int = 180_000) -> float:
    """Clear the outputs, run every cell (Run ▸ Run All Cells) and wait until all ran; returns the seconds taken."""
    start = time.monotonic()
    page.evaluate("async () => { await jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); "
                  "await jupyterapp.commands.execute('notebook:run-all-cells'); }")
    _wait_for_cells(page, "(i, c) => true", timeout_ms)
    return time.monotonic() - start


def run_cells(page, containing: list[str], timeout_ms: int = 120_000) -> float:
    """Run, in order, the first code cell and each code cell whose source contains one of `containing` (select the
    cell, Run ▸ Run Selected Cell), as a learner who runs only what they need; returns the seconds taken."""
    start = time.monotonic()
    picked = page.evaluate(
        """async (needles) => {
            const w = jupyterapp.shell.currentWidget, nb = w.content, picked = [];
            nb.widgets.forEach((c, i) => {
              if (c.model.type !== 'code') return;
              const src = c.model.sharedModel.getSource();
              if (picked.length === 0 || needles.some(n => src.includes(n))) picked.push(i);
            });
            for (const i of picked) {
              nb.activeCellIndex = i;
              await jupyterapp.commands.execute('notebook:run-cell');
            }
            return picked;
        }""", containing)
    assert len(picked) >= 1 + len(containing), f"cells not found: {containing} (picked {picked})"
    _wait_for_cells(page, f"(i, c) => {json.dumps(picked)}.includes(i)", timeout_ms)
    return time.monotonic() - start


def fit_report(page_or_frame, root_selector: str = "div[id^=bvl-]", container: str | None = ".jp-OutputArea-output"):
    """For every attention view: its thumbnail count, whether it stays inside its output area, and whether its
    thumbnails are inside the view (or the view scrolls sideways inside its own frame)."""
    return page_or_frame.evaluate(
        """([rootSel, containerSel]) => Array.from(document.querySelectorAll(rootSel))
            .filter(r => r.querySelector('.bvl-bar'))
            .map(r => {
              const box = r.getBoundingClientRect();
              const area = containerSel ? r.closest(containerSel) : document.documentElement;
              const limit = area ? area.getBoundingClientRect().right : window.innerWidth;
              const thumbs = Array.from(r.querySelectorAll('canvas.bvl-thumb'));
              const outside = thumbs.filter(t => t.getBoundingClientRect().right > box.right + 1).length;
              const style = getComputedStyle(r).overflowX;
              return {thumbs: thumbs.length, tokens: r.querySelectorAll('.bvl-tok').length,
                      rootInside: box.right <= limit + 1, outside: outside,
                      scrolls: r.scrollWidth > r.clientWidth && (style === 'auto' || style === 'scroll'),
                      width: Math.round(box.width), thumb: thumbs.length ? thumbs[0].width : 0};
            })""", [root_selector, container])
