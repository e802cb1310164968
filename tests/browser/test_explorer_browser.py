"""The explorer served by Voilà, driven in a real (headless) Chromium: type, see tokens and attention, stay inert."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
HOSTILE = "</script><img src=x onerror=alert(1)>"
READY_SECONDS = 240  # Voilà runs the whole notebook before the dashboard answers (about 30 s on an idle laptop)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voilà exited with code {process.returncode}:\n{log.read_text()[-3000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"Voilà did not open port {port} within {timeout} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def voila_url(tmp_path: Path) -> Iterator[str]:
    """`make explorer`'s command on a free loopback port, stopped (with its kernel) after the test."""
    from bertviz_lite.data import cache_dir

    if not (cache_dir() / "course-mlm" / "course_mlm.json").exists():  # where bertviz_lite.pretraining caches it
        from bertviz_lite.pretraining import load_course_mlm

        load_course_mlm()  # train the course MLM once here, so Voilà's start stays short
    port = free_port()
    log = tmp_path / "voila.log"
    command = [str(Path(sys.executable).parent / "voila"), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
               "notebooks/11_explorer.ipynb"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def analyze(page, text: str) -> None:
    """Type `text` into the dashboard's sentence box and press Analyze."""
    box = page.locator(".bvl-explorer-text textarea")
    box.fill(text)
    page.locator(".bvl-explorer button", has_text="Analyze").click()


def test_typing_updates_tokens_and_attention_and_markup_stays_text(voila_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(voila_url, wait_until="commit", timeout=READY_SECONDS * 1000)
            page.locator(".bvl-explorer-text textarea").wait_for(timeout=READY_SECONDS * 1000)
            # The kernel answers widget events only once the whole notebook has run: wait for the last cell's output.
            page.get_by_text("Exercise 11.3:").wait_for(timeout=READY_SECONDS * 1000)

            def tab(title: str):
                return page.locator(".bvl-explorer .lm-TabBar-tab", has_text=title)

            analyze(page, "The river bank was muddy.")
            tokens = page.locator(".bvl-explorer-tokens")
            expect(tokens).to_contain_text("muddy", timeout=30_000)
            expect(tokens).to_contain_text("[CLS]")
            tab("Attention").click()
            frame = page.frame_locator("iframe.bvl-head")
            expect(frame.locator(".bvl-tok", has_text="muddy").first).to_be_visible(timeout=30_000)
            expect(frame.locator("select").first).to_be_visible()  # the view's own controls were drawn by its script

            tab("Projection").click()
            expect(page.locator("svg.bvl-projection")).to_contain_text("muddy")
            tab("LR schedule").click()  # notebook 06's schedule explorer, loaded on first visit
            expect(page.locator(".bvl-explorer .widget-dropdown", has_text="schedule").first).to_be_visible(timeout=30_000)

            analyze(page, HOSTILE)
            tab("Tokens").click()
            expect(page.locator(".bvl-explorer-status")).to_contain_text("HTML or script markup", timeout=30_000)
            expect(tokens).to_contain_text("alert")
            expect(tokens).to_contain_text("script")
            tab("Attention").click()
            expect(frame.locator(".bvl-tok", has_text="alert").first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(500)  # give an injected onerror handler the chance to fire, if there were one
            page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
            assert page.locator(".bvl-explorer img").count() == 0, "the typed <img> became an element"
            assert frame.locator("img").count() == 0, "the typed <img> became an element in the attention view"
            assert dialogs == [], f"a script from the typed text ran: {dialogs}"
            assert (tmp_path / "explorer.png").stat().st_size > 10_000
        finally:
            browser.close()
