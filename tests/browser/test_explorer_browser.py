"""`make explorer`'s page in a real (headless) Chromium: the dashboard alone (no lesson text), typing updates the
views, markup stays text, the Mask tab says where its guesses come from, a view saves as one offline file.

Skipped with the reason where Debian's chromium or playwright is missing. Loopback only; each wait is bounded.
Screenshot: tests/browser/artifacts/voila_app.png.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from support import ROOT, artifact, browser_page, free_port, needs_chromium, server, tool

pytestmark = [needs_chromium, pytest.mark.notebook]
APP = "notebooks/app/bert_explorer.ipynb"
HOSTILE = "</script><img src=x onerror=alert(1)>"
READY_MS = 180_000  # Voilà runs the app's one cell (model loading) before the dashboard answers
LESSON_TEXT = ("You will learn", "Exercise", "Check 1", "Summary", "not solved", "Time on a 2-core laptop",
               "import ", "NBVAL", "dashboard()")


def makefile_command() -> list[str]:
    """The `explorer:` target's command, read from the Makefile, so the test serves what `make explorer` serves."""
    line = next(x for x in (ROOT / "Makefile").read_text().splitlines() if "voila" in x and not x.startswith("#"))
    words = line.strip().split()
    assert words[-1] == APP, f"make explorer serves {words[-1]}, expected {APP}"
    return [tool("voila"), *[w for w in words[1:] if w.startswith("--")], APP]


def test_the_app_page_is_the_dashboard_alone_and_it_answers(tmp_path: Path) -> None:
    start = time.monotonic()
    port = free_port()
    command = makefile_command() + [f"--port={port}"]
    with server(command, ROOT, f"http://127.0.0.1:{port}/", tmp_path / "voila.log", timeout=90), \
            browser_page(width=1366, height=900) as page:  # a common laptop screen
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=READY_MS)
        app = page.locator(".bvl-explorer")
        app.locator(".bvl-explorer-text textarea").wait_for(timeout=READY_MS)
        page.locator(".bvl-explorer-tokens").get_by_text("muddy").first.wait_for(timeout=READY_MS)
        ready = time.monotonic() - start
        title, body = page.title(), page.locator("body").inner_text()
        model_line = app.locator(".bvl-explorer-model").evaluate(
            "e => ({height: e.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(e).lineHeight) || 16,"
            " fits: e.scrollWidth <= e.clientWidth})")
        page.screenshot(path=str(artifact("voila_app.png")))
        shown = [line.strip() for line in body.splitlines() if line.strip()]

        def tab(name: str):
            return app.locator(".lm-TabBar-tab", has_text=name)

        tab("Mask a word").click()
        source = app.locator(".bvl-mask-source").inner_text(timeout=30_000)
        app.locator(".bvl-explorer-text textarea").fill(HOSTILE)
        app.locator("button", has_text="Analyze").click()
        tab("Tokens").click()
        status = app.locator(".bvl-explorer-status")
        status.get_by_text("HTML or script markup").wait_for(timeout=30_000)
        assert "alert" in app.locator(".bvl-explorer-tokens").inner_text()
        tab("Attention").click()
        frame = page.frame_locator("iframe.bvl-head")
        frame.locator(".bvl-tok", has_text="alert").first.wait_for(timeout=30_000)
        with page.expect_download(timeout=30_000) as download:
            app.locator("a.bvl-export").click()
        saved = tmp_path / "view.html"
        download.value.save_as(saved)
        tab("LR schedule").click()
        app.locator(".bvl-explorer-schedule .widget-output img").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)  # give an injected onerror handler the chance to fire, if there were one
        page.screenshot(path=str(artifact("voila_app_used.png")))
        images = page.locator(".bvl-explorer-tokens img, .bvl-explorer-status img").count()
        frame_images = frame.locator("img").count()
        problems = list(page.problems)
    assert title == "BERT explorer"
    assert shown[0] == "BERT explorer" and shown[1].startswith("Model: all-MiniLM-L6-v2"), shown[:3]
    assert "make explorer" in shown[1], "the model line says how to change the model"
    assert model_line["fits"] and model_line["height"] < 1.5 * model_line["lineHeight"] + 4, \
        f"the model line wraps or overflows on a 1366 px screen: {model_line}"
    for text in LESSON_TEXT:
        assert text not in body, f"lesson text {text!r} on the app page"
    assert "04" in source and ("held-out" in source or "make execute" in source), source
    assert images == 0 and frame_images == 0, "the typed <img> became an element"
    assert problems == [], f"a script from the typed text ran: {problems}"
    page_file = saved.read_text(encoding="utf-8")
    assert page_file.startswith("<!doctype html>") and not re.search(r"https?://", page_file)
    assert "<img" not in page_file and "&lt;img" in page_file
    print(f"Voilà: dashboard ready after {ready:.1f} s, test {time.monotonic() - start:.1f} s; page text:\n"
          + "\n".join(shown[:12]))
